import { expect, test } from '@playwright/test';
import { TERMINAL } from '../playwright.config.ts';
import { CHROMIUM_PATH, SKIP_REASON } from './chromium.ts';
import { ownSimTerminal, type OwnTerminal } from './ui-helpers.ts';

test.skip(!CHROMIUM_PATH, SKIP_REASON);

/** A paper-mode terminal on the OpenAlgo simulator: its chart must open with history, not an empty day. */
let terminal: OwnTerminal;
test.beforeAll(async () => {
  test.setTimeout(60_000);
  terminal = ownSimTerminal(TERMINAL.port + 15, 'e2e-paper-history-token-0123456789ab', 'paper');
  await terminal.start();
});
test.afterAll(async () => {
  await terminal.dispose();
});

test('in paper mode the chart opens with the history OpenAlgo holds, loaded when the feed connects', async ({ page }) => {
  await page.goto(terminal.url);
  await expect(page.getByTestId('mode-badge')).toHaveText('PAPER');
  await expect(page.getByTestId('feed-status')).toContainText('openalgo: connected');
  await page.keyboard.press('7');
  const legend = page.getByTestId('chart-legend');
  await expect(legend).toHaveAttribute('data-timeframe', '1d');
  await expect.poll(async () => Number(await legend.getAttribute('data-bars')), { timeout: 20_000 }).toBeGreaterThanOrEqual(15);
  await page.keyboard.press('1');
  await expect(legend).toHaveAttribute('data-timeframe', '1m');
  expect(Number(await legend.getAttribute('data-bars'))).toBeGreaterThan(1000);
  await expect(page.getByTestId('chart-prev-close')).toContainText('chg from prev close');
  await expect(page.getByTestId('chart-panel')).toHaveAttribute('data-studies', 'ema20,ema50,rsi,price-action');
  await page.screenshot({ path: 'e2e/artifacts/paper-history.png' });
});
