import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { CHROMIUM_PATH, SKIP_REASON } from './chromium.ts';
import { bridgeSnapshot, layoutProblems } from './ui-helpers.ts';

test.skip(!CHROMIUM_PATH, SKIP_REASON);
test.describe.configure({ mode: 'serial' });

/** Thresholds opened up so that the sellers trade on seed 8's 25 Nov 2026 (as src-main/backtest/testing.ts). */
const PARAMS: Record<string, Record<string, string>> = {
  'short-straddle': { ivPercentileMin: '0', targetPct: '5', stopLossPct: '5', checkEveryMinutes: '1', maxDirectionStrength: '1' },
  'iron-condor': { ivPercentileMin: '10', ivPercentileMax: '90', atrPctMax: '2', narrowBandwidthPct: '8' },
};

async function fillRun(page: Page, label: string, edits: Record<string, Record<string, string>>, to = '2026-11-25'): Promise<void> {
  for (const [bot, fields] of Object.entries(edits)) {
    const box = page.getByTestId(`bt-bot-${bot}`);
    if (!(await box.isChecked())) await box.check();
    for (const [key, value] of Object.entries(fields)) await page.getByTestId(`bt-param-${bot}-${key}`).fill(value);
  }
  await page.getByTestId('bt-from').fill('2026-11-25');
  await page.getByTestId('bt-to').fill(to);
  await page.getByTestId('bt-seed').fill('8');
  await page.getByTestId('bt-label').fill(label);
}

test('a trader runs a backtest of two bots over the simulated market, watches it, reads its results, runs a second and compares', async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto('/');
  await page.getByTestId('tab-backtest').click();
  const panel = page.getByTestId('backtest-panel');
  await expect(panel).toBeVisible();

  // A bad range is refused under its field, and nothing starts.
  await fillRun(page, 'bad', PARAMS);
  await page.getByTestId('bt-from').fill('2026-11-27');
  await page.getByTestId('bt-submit').click();
  await expect(panel.getByText('The last day is before the first.')).toBeVisible();
  await expect(page.locator('[data-testid="bt-run"][data-state]')).toHaveCount(0);

  // A parameter out of its range is named under the field.
  await page.getByTestId('bt-from').fill('2026-11-25');
  await page.getByTestId('bt-param-short-straddle-targetPct').fill('900');
  await page.getByTestId('bt-submit').click();
  await expect(panel.getByText(/Must be from/)).toBeVisible();

  await fillRun(page, 'one session', PARAMS);
  await page.getByTestId('bt-submit').click();
  const first = page.locator('[data-testid="bt-run"]').filter({ hasText: 'one session' });
  await expect(first).toHaveAttribute('data-state', 'running');
  await expect(first.getByTestId('bt-progress')).toBeVisible();
  await expect(first).toHaveAttribute('data-state', 'done', { timeout: 120_000 });

  const results = page.getByTestId('bt-results');
  await expect(results).toBeVisible();
  await expect(results.getByTestId('bt-metrics')).toContainText('Sharpe');
  // Served over HTTP, the report also opens as a page in a tab of its own (the /api route, behind the same access cookie).
  const [tab] = await Promise.all([page.context().waitForEvent('page'), results.getByTestId('bt-report-page').click()]);
  await tab.waitForLoadState();
  await expect(tab.locator('h1')).toContainText('Backtest 2026-11-25 to 2026-11-25');
  await tab.close();
  const trades = results.getByTestId('bt-trade');
  await expect(trades.first()).toBeVisible();
  await expect(trades.first()).toContainText('short-straddle/entry');
  await expect(results.getByTestId('bt-equity-chart').locator('canvas').first()).toBeVisible();
  expect(await layoutProblems(page)).toEqual([]);
  const [report] = await Promise.all([page.waitForEvent('download'), results.getByTestId('bt-report').click()]);
  expect(report.suggestedFilename()).toMatch(/^backtest-[0-9a-f]{16}\.html$/);
  expect(fs.readFileSync((await report.path())!, 'utf8')).toContain('<h1>Backtest 2026-11-25 to 2026-11-25');

  // The second run: the same bots over two sessions; both are compared side by side, full screen.
  await fillRun(page, 'two sessions', {}, '2026-11-26');
  await page.getByTestId('bt-submit').click();
  const second = page.locator('[data-testid="bt-run"]').filter({ hasText: 'two sessions' });
  await expect(second).toHaveAttribute('data-state', 'done', { timeout: 120_000 });
  const firstCompare = first.getByTestId('bt-compare');
  if (!(await firstCompare.isChecked())) await firstCompare.check();
  await expect(results.getByTestId('bt-metrics').locator('thead th')).toHaveCount(3);
  await expect(results.getByTestId('bt-metric-netPnl')).toHaveCount(2);
  await page.getByTestId('bt-full').click();
  const screen = page.getByTestId('bt-screen');
  await expect(screen.getByTestId('bt-metrics').locator('thead th')).toHaveCount(3);
  await screen.getByRole('tab', { name: 'one session' }).click();
  await expect(screen.getByTestId('bt-trade').first()).toContainText('short-straddle/entry');
  await page.screenshot({ path: 'e2e/artifacts/backtest-compare.png' });
  await page.keyboard.press('Escape');
  await expect(screen).toHaveCount(0);

  // The same runs are what the engine reports over the bridge.
  const runs = (await bridgeSnapshot(page, 'backtests', {})) as { label: string; state: string }[];
  expect(runs.filter((r) => r.state === 'done').map((r) => r.label)).toEqual(expect.arrayContaining(['one session', 'two sessions']));
  await expect(page.getByTestId('bt-error')).toHaveCount(0);
});

test('the backtest panel fits the smallest common screen, in its area and full screen', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('/');
  await page.getByTestId('tab-backtest').click();
  await page.getByTestId('bt-bot-iron-condor').check();
  await expect(page.getByTestId('bt-param-iron-condor-shortDelta')).toBeVisible();
  expect(await layoutProblems(page)).toEqual([]);
  await page.getByTestId('bt-full').click();
  await expect(page.getByTestId('bt-screen')).toBeVisible();
  expect(await layoutProblems(page)).toEqual([]);
  await page.screenshot({ path: 'e2e/artifacts/backtest-1280.png' });
});
