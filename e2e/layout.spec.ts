import { expect, test, type Page } from '@playwright/test';
import { CHROMIUM_PATH, SKIP_REASON } from './chromium.ts';
import { layoutProblems } from './ui-helpers.ts';

test.skip(!CHROMIUM_PATH, SKIP_REASON);

const SIZES = [
  { width: 1280, height: 720 },
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
];

async function ready(page: Page) {
  await expect(page.getByTestId('chart-legend')).not.toHaveAttribute('data-bars', '0');
  await expect(page.getByTestId('chain-table')).toBeVisible();
  await expect(page.getByTestId('watchlist').locator('tbody tr')).not.toHaveCount(0);
}

/**
 * The figures of an ordinary day fit the watchlist whatever today's market shows: BANKNIFTY's name, SENSEX's
 * last, a four-figure change (SENSEX moves a thousand points on a −1.1 % day). Measured in the cells' own font.
 */
async function widestFiguresFit(page: Page): Promise<string[]> {
  return page.getByTestId('watchlist').evaluate((table) => {
    const row = table.querySelector('tbody tr')!;
    const cells = [...row.querySelectorAll('td')];
    const widest: [number, string][] = [
      [0, 'BANKNIFTY'],
      [1, '99,999.99'],
      [2, '−1,009.90'],
    ];
    return widest.flatMap(([i, text]) => {
      const cell = cells[i]!;
      const probe = document.createElement('span');
      probe.textContent = text;
      probe.style.whiteSpace = 'nowrap';
      cell.appendChild(probe);
      const need = probe.getBoundingClientRect().width;
      probe.remove();
      const style = getComputedStyle(cell);
      const room = cell.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      return need <= room ? [] : [`column ${i + 1}: "${text}" needs ${need.toFixed(1)} px, has ${room.toFixed(1)}`];
    });
  });
}

test.describe('the layout fits every common screen and shrinks back', () => {
  for (const size of SIZES) {
    test(`${size.width}×${size.height}: no sideways scroll, nothing cut, on every panel`, async ({ page }) => {
      await page.setViewportSize(size);
      await page.goto('/');
      await ready(page);
      for (const tab of ['chain', 'bots', 'settings', 'positions', 'orders', 'risk']) {
        await page.getByTestId(`tab-${tab}`).click();
        await page.waitForTimeout(150);
        expect(await layoutProblems(page), `${tab} panel at ${size.width}×${size.height}`).toEqual([]);
      }
      await page.getByTestId('tab-chain').click();
      const chart = await page.getByTestId('chart').boundingBox();
      expect(chart!.x + chart!.width).toBeLessThanOrEqual(size.width);
      expect(await widestFiguresFit(page), `watchlist at ${size.width}×${size.height}`).toEqual([]);
      await page.screenshot({ path: `e2e/artifacts/layout-${size.width}x${size.height}.png` });
    });
  }

  test('after widening the window, narrowing it gives every panel its place back', async ({ page }) => {
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.goto('/');
    await ready(page);
    const wide = (await page.getByTestId('chart').boundingBox())!.width;
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.waitForTimeout(400);
    const narrow = (await page.getByTestId('chart').boundingBox())!;
    expect(narrow.width).toBeLessThan(wide - 300);
    const side = (await page.getByTestId('area-right').boundingBox())!;
    expect(side.x + side.width).toBeLessThanOrEqual(1280);
    expect(await layoutProblems(page)).toEqual([]);
    await page.screenshot({ path: 'e2e/artifacts/layout-shrunk-back.png' });
  });

  test('a panel moved to another area stays there after a reload, and the mode badge shows on every screen', async ({ page }) => {
    await page.goto('/');
    await ready(page);
    await page.getByTestId('tab-bots').click();
    await page.getByTestId('move-bots').click();
    await page.getByTestId('move-bots-bottom').click();
    await expect(page.getByTestId('area-bottom').getByTestId('tab-bots')).toBeVisible();
    await page.reload();
    await expect(page.getByTestId('area-bottom').getByTestId('tab-bots')).toBeVisible();
    expect(await layoutProblems(page)).toEqual([]);
    // Every panel in front in turn: the badge stays in view whatever the trader looks at.
    for (const tab of ['chain', 'settings', 'bots', 'watchlist', 'positions', 'orders', 'risk', 'signals']) {
      await page.getByTestId(`tab-${tab}`).click();
      await expect(page.getByTestId(`tab-${tab}`)).toHaveAttribute('aria-selected', 'true');
      await expect(page.getByTestId('mode-badge')).toBeVisible();
      await expect(page.getByTestId('mode-badge')).toHaveText('SIMULATION');
    }
    await page.keyboard.press('?');
    await expect(page.getByTestId('help-sheet')).toBeVisible();
    await expect(page.getByTestId('mode-badge')).toBeVisible();
    await page.screenshot({ path: 'e2e/artifacts/layout-moved-panel.png' });
  });
});
