import { expect, test } from '@playwright/test';
import { CHROMIUM_PATH, SKIP_REASON } from './chromium.ts';

test.skip(!CHROMIUM_PATH, SKIP_REASON);

test('the option chain shows strikes around the money with Greeks and OI; a leg can be charted', async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto('/');
  const table = page.getByTestId('chain-table');
  await expect(table).toBeVisible();
  await expect.poll(() => table.locator('tbody tr').count()).toBeGreaterThanOrEqual(15);
  const atm = table.locator('tr[data-atm="true"]');
  await expect(atm).toHaveCount(1);
  await expect(atm).toContainText('ATM');
  await expect(page.getByTestId('chain-em-−1σ')).toBeVisible();
  await expect(page.getByTestId('chain-em-+1σ')).toBeVisible();
  await expect(page.getByTestId('chain-summary')).toContainText(/Spot [\d,.]+\s*Fwd [\d,.]+\s*ATM \d+\s*IV [\d.]+%\s*Exp\. move ±[\d,]+/);

  // Wide enough, every column shows: OI and its change, IV, delta, bid/ask, last.
  await page.getByTestId('move-chain').click();
  await page.getByTestId('move-chain-bottom').click();
  const cells = page.getByTestId('area-bottom').getByTestId('chain-table').locator('tr[data-atm="true"] td');
  await expect(cells).toHaveCount(11);
  for (let i = 0; i < 11; i++) await expect(cells.nth(i)).toBeVisible();
  await expect(cells.nth(1)).toHaveText(/^\d+\.\d$/);
  await expect(cells.nth(2)).toHaveText(/^0\.\d\d$/);
  await expect(cells.nth(8)).toHaveText(/^−0\.\d\d$/);
  await page.screenshot({ path: 'e2e/artifacts/chain-wide.png' });

  const expiries = page.getByTestId('chain-expiry').locator('option');
  expect(await expiries.count()).toBeGreaterThanOrEqual(2);
  const second = await expiries.nth(1).getAttribute('value');
  await page.getByTestId('chain-expiry').selectOption(second!);
  await expect(page.getByTestId('chain-expiry')).toHaveValue(second!);
  await expect(page.getByTestId('chain-summary')).toBeVisible();

  await page.getByTestId('chain-underlying-BANKNIFTY').click();
  await expect(page.getByTestId('chain-underlying-BANKNIFTY')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('area-bottom').getByTestId('chain-table').locator('tr[data-atm="true"] button').first()).toBeVisible();

  const leg = page.getByTestId('area-bottom').getByTestId('chain-table').locator('tr[data-atm="true"] button').first();
  const legId = (await leg.getAttribute('data-testid'))!.replace('chain-leg-', '');
  await leg.click();
  await expect(page.getByTestId('chart-title')).toContainText(/BANKNIFTY \d+ CE/);
  const legend = page.getByTestId('chart-legend');
  await expect.poll(async () => Number(await legend.getAttribute('data-bars'))).toBeGreaterThan(375);
  await expect(page.getByTestId(`watch-${legId}`)).toBeVisible();
  await expect(page.getByTestId(`watch-ltp-${legId}`)).toHaveText(/[\d,]+\.\d\d/);
  await page.screenshot({ path: 'e2e/artifacts/chain-leg-charted.png' });
});
