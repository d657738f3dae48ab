import { expect, test } from '@playwright/test';
import { TERMINAL } from '../playwright.config.ts';
import { CHROMIUM_PATH, SKIP_REASON } from './chromium.ts';
import { ownTerminal, type OwnTerminal } from './ui-helpers.ts';

test.skip(!CHROMIUM_PATH, SKIP_REASON);

/** A terminal this test stops and starts again on the same port and data folder, as a crash and a restart. */
const TOKEN = 'e2e-engine-loss-token-0123456789abcdef';
let terminal: OwnTerminal;

test.beforeAll(async () => {
  test.setTimeout(60_000);
  terminal = ownTerminal(TERMINAL.port + 11, TOKEN);
  await terminal.start();
});

test.afterAll(async () => {
  await terminal.dispose();
});

test('when the engine goes away everything is marked stale, commands stop, the chart stays; it comes back with fresh snapshots', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto(terminal.url);
  const legend = page.getByTestId('chart-legend');
  await expect(legend).toHaveAttribute('data-timeframe', '1m');
  await expect(page.getByTestId('engine-connection')).toContainText('engine connected');
  await expect(page.getByTestId('feed-status')).toHaveAttribute('data-tone', 'good');
  await page.getByTestId('tab-settings').click();
  await expect(page.getByTestId('connection-test')).toBeEnabled();

  await terminal.stop();
  await expect(page.getByTestId('engine-connection')).toContainText(/engine (disconnected|reconnecting)/);
  await expect(page.getByTestId('engine-connection')).toHaveAttribute('data-tone', 'bad');
  await expect(page.getByTestId('feed-status')).toHaveAttribute('data-tone', 'idle');
  await expect(page.getByTestId('market-status')).toHaveAttribute('data-tone', 'idle');
  await expect(page.getByTestId('clock')).toContainText('stale');
  await expect(page.getByTestId('mode-badge')).toHaveAttribute('data-stale', 'true');
  await expect(page.getByTestId('chart-panel')).toHaveAttribute('data-stale', 'true');
  await expect(page.getByTestId('stale-right')).toBeVisible();
  await expect(page.getByTestId('toast-engine')).toContainText('Engine disconnected');
  await expect(page.getByTestId('connection-test')).toBeDisabled();
  await expect(page.getByTestId('connection-save')).toBeDisabled();
  await expect(page.getByTestId('mode-paper')).toBeDisabled();
  const clock = await page.getByTestId('clock').textContent();
  await page.waitForTimeout(1500);
  expect(await page.getByTestId('clock').textContent()).toBe(clock);
  // Read once the chart has drawn what reached it before the engine went (deltas are drawn a frame at a time).
  const bars = Number(await legend.getAttribute('data-bars'));
  expect(bars).toBeGreaterThan(1000);

  // A timeframe change with nobody to answer keeps the chart and says what it waits for.
  await page.getByTestId('tf-5m').click();
  await expect(page.getByTestId('chart-waiting')).toContainText('waiting for 5m');
  await expect(legend).toHaveAttribute('data-timeframe', '1m');
  await expect(legend).toHaveAttribute('data-bars', String(bars));
  await expect(page.getByTestId('chart').locator('canvas').first()).toBeVisible();
  await page.screenshot({ path: 'e2e/artifacts/engine-loss-stale.png' });

  await terminal.start();
  await expect(page.getByTestId('engine-connection')).toContainText('engine connected', { timeout: 20_000 });
  await expect(legend).toHaveAttribute('data-timeframe', '5m');
  await expect(page.getByTestId('chart-waiting')).toHaveCount(0);
  await expect(page.getByTestId('clock')).not.toContainText('stale');
  await expect(page.getByTestId('chart-panel')).not.toHaveAttribute('data-stale', 'true');
  await expect(page.getByTestId('toast-engine')).toContainText('Engine connected again');
  await expect(page.getByTestId('connection-test')).toBeEnabled();
  await expect(page.getByTestId('feed-status')).toHaveAttribute('data-tone', 'good');
  await page.screenshot({ path: 'e2e/artifacts/engine-loss-back.png' });
});
