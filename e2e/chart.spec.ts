import { expect, test, type Page } from '@playwright/test';
import { CHROMIUM_PATH, SKIP_REASON } from './chromium.ts';
import { bridgeInvoke, bridgeSnapshot } from './ui-helpers.ts';

test.skip(!CHROMIUM_PATH, SKIP_REASON);

interface Bar {
  time: number;
  close: number;
  closed: boolean;
}

test.describe('the chart', () => {
  test.beforeEach(async ({ page }) => {
    await page.goto('/');
    await expect(page.getByTestId('chart-legend')).toHaveAttribute('data-timeframe', '1m');
  });

  test('has twenty sessions of history, and the change is measured from the previous close, labelled', async ({ page }) => {
    await page.keyboard.press('7');
    const legend = page.getByTestId('chart-legend');
    await expect(legend).toHaveAttribute('data-timeframe', '1d');
    expect(Number(await legend.getAttribute('data-bars'))).toBeGreaterThanOrEqual(21);
    const daily = (await bridgeSnapshot(page, 'bars', { instrumentId: 'NSE_INDEX:NIFTY', timeframe: '1d' })) as Bar[];
    const previous = daily.filter((b) => b.closed).at(-1)!;
    const prevText = previous.close.toLocaleString('en-IN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    await expect(page.getByTestId('chart-prev-close')).toHaveText(`chg from prev close ${prevText}`);
    const ltp = Number((await page.getByTestId('chart-ltp').textContent())!.replace(/,/g, ''));
    const change = Number(await page.getByTestId('chart-change').getAttribute('data-change'));
    expect(Math.abs(change - (ltp - previous.close))).toBeLessThan(50);
    await page.screenshot({ path: 'e2e/artifacts/chart-daily.png' });
  });

  test('shows OHLC and volume of the bar under the pointer', async ({ page }) => {
    const future = 'NFO:' + (await futureSymbol(page));
    await page.getByTestId('watch-' + future).click();
    await expect(page.getByTestId('chart-title')).toContainText('NIFTY FUT');
    const legend = page.getByTestId('chart-legend');
    // The pointer has to land on the future's candles, not on the index chart they replace.
    await expect(legend).toHaveAttribute('data-instrument', future);
    await expect.poll(async () => Number(await legend.getAttribute('data-bars'))).toBeGreaterThan(10);
    const chart = (await page.getByTestId('chart').boundingBox())!;
    await page.mouse.move(chart.x + chart.width * 0.3, chart.y + chart.height * 0.4);
    await expect(legend).toHaveAttribute('data-hovered', 'true');
    await expect(page.getByTestId('chart-ohlc')).toContainText(/O [\d,.]+\s*H [\d,.]+\s*L [\d,.]+\s*C [\d,.]+\s*V [\d,.]+/);
    await page.screenshot({ path: 'e2e/artifacts/chart-hover.png' });
    await page.mouse.move(chart.x + chart.width + 200, chart.y - 40);
    await expect(legend).not.toHaveAttribute('data-hovered', 'true');
  });

  test('draws indicator panes from the engine’s studies and keeps them on the live bars', async ({ page }) => {
    const canvases = page.getByTestId('chart').locator('canvas');
    const before = await canvases.count();
    await page.keyboard.press('i');
    await page.getByTestId('study-macd').check();
    await page.getByTestId('study-adx').check();
    await page.getByTestId('study-bollinger').check();
    await page.keyboard.press('Escape');
    await expect.poll(() => canvases.count()).toBeGreaterThan(before);
    const studies = (await bridgeSnapshot(page, 'studies', { instrumentId: 'NSE_INDEX:NIFTY', timeframe: '1m', studies: ['macd', 'adx', 'price-action'] })) as {
      times: number[];
      series: Record<string, (number | null)[]>;
      marks: { kind: string }[];
    };
    expect(studies.times.length).toBeGreaterThan(1000);
    expect(studies.series['macd.signal']!.at(-1)).toEqual(expect.any(Number));
    expect(studies.marks.map((m) => m.kind)).toEqual(expect.arrayContaining(['fvg']));
    await page.reload();
    await expect(page.getByTestId('studies-button')).toHaveText('Indicators (7)');
    await expect(page.getByTestId('chart-panel')).toHaveAttribute('data-studies', 'ema20,ema50,bollinger,rsi,macd,adx,price-action');
    await page.screenshot({ path: 'e2e/artifacts/chart-studies.png' });
  });

  test('timeframe keys switch the candles; scrolling back loads older bars', async ({ page }) => {
    await page.keyboard.press('3');
    await expect(page.getByTestId('tf-5m')).toHaveAttribute('aria-pressed', 'true');
    await page.keyboard.press('1');
    const legend = page.getByTestId('chart-legend');
    await expect(legend).toHaveAttribute('data-timeframe', '1m');
    const held = Number(await legend.getAttribute('data-bars'));
    const chart = (await page.getByTestId('chart').boundingBox())!;
    await page.mouse.move(chart.x + chart.width / 2, chart.y + chart.height / 3);
    for (let i = 0; i < 12; i++) await page.mouse.wheel(0, 400);
    for (let i = 0; i < 6 && Number(await legend.getAttribute('data-bars')) <= held; i++) {
      await page.mouse.move(chart.x + 60, chart.y + chart.height / 3);
      await page.mouse.down();
      await page.mouse.move(chart.x + chart.width - 120, chart.y + chart.height / 3, { steps: 8 });
      await page.mouse.up();
      await page.waitForTimeout(300);
    }
    await expect.poll(async () => Number(await legend.getAttribute('data-bars'))).toBeGreaterThan(held);
    await page.screenshot({ path: 'e2e/artifacts/chart-scrolled-back.png' });
  });
});

async function futureSymbol(page: Page): Promise<string> {
  const r = (await bridgeInvoke(page, 'market:instruments', {})) as { value: { kind: string; symbol: string }[] };
  return r.value.find((i) => i.kind === 'future' && i.symbol.startsWith('NIFTY'))!.symbol;
}
