import { expect, test } from '@playwright/test';
import { TERMINAL } from '../playwright.config.ts';
import { CHROMIUM_PATH, SKIP_REASON } from './chromium.ts';
import { ownSimTerminal, type OwnTerminal } from './ui-helpers.ts';

test.skip(!CHROMIUM_PATH, SKIP_REASON);

/** A paper-mode terminal on the OpenAlgo simulator: the option chain panel shows OpenAlgo's chain. */
let terminal: OwnTerminal;
test.beforeAll(async () => {
  test.setTimeout(60_000);
  terminal = ownSimTerminal(TERMINAL.port + 17, 'e2e-paper-chain-token-0123456789abcd', 'paper');
  await terminal.start();
});
test.afterAll(async () => {
  await terminal.dispose();
});

test('in paper mode the option chain panel shows OpenAlgo’s chain: strikes, bid/ask, IV and OI, the weekly and the monthly', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto(terminal.url);
  await expect(page.getByTestId('mode-badge')).toHaveText('PAPER');
  await page.getByTestId('tab-chain').click();
  const table = page.getByTestId('chain-table');
  // A simulator still generating its day answers late: the chain comes with the poll's retries.
  await expect(table).toBeVisible({ timeout: 60_000 });
  await expect.poll(() => table.locator('tbody tr').count()).toBeGreaterThanOrEqual(15);
  await expect(table.locator('tr[data-atm="true"]')).toHaveCount(1);
  await expect(page.getByTestId('chain-summary')).toContainText(/Spot [\d,.]+\s*Fwd [\d,.]+\s*ATM \d+\s*IV [\d.]+%/);
  await expect(page.getByTestId('chain-problem')).toHaveCount(0);
  expect(await page.getByTestId('chain-expiry').locator('option').count()).toBeGreaterThanOrEqual(2);
  await page.screenshot({ path: 'e2e/artifacts/paper-chain.png' });

  // Another index's chain comes from OpenAlgo too (BSE's SENSEX through BFO).
  await page.getByTestId('chain-underlying-SENSEX').click();
  await expect.poll(() => table.locator('tbody tr').count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(15);
});
