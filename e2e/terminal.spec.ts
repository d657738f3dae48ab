import { expect, test } from '@playwright/test';
import { CHROMIUM_PATH, SKIP_REASON } from './chromium.ts';

test.skip(!CHROMIUM_PATH, SKIP_REASON);

test.describe('headless terminal in Chromium', () => {
  const consoleErrors: string[] = [];

  test.beforeEach(async ({ page }) => {
    consoleErrors.length = 0;
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(e.message));
    await page.goto('/');
  });

  test('loads with the mode badge, a connected feed and an IST clock, and no console errors', async ({ page }) => {
    await expect(page.getByTestId('mode-badge')).toHaveText('SIMULATION');
    await expect(page.getByTestId('feed-status')).toContainText('simulator: connected');
    await expect(page.getByTestId('clock')).toContainText(/\d{2}:\d{2}:\d{2} IST/);
    await page.waitForTimeout(1000);
    expect(consoleErrors).toEqual([]);
  });

  test('the chart draws candles and moves', async ({ page }) => {
    const legend = page.getByTestId('chart-legend');
    await expect(legend).not.toHaveAttribute('data-bars', '0');
    await expect(page.getByTestId('chart').locator('canvas').first()).toBeVisible();
    const bars = Number(await legend.getAttribute('data-bars'));
    expect(bars).toBeGreaterThan(300);
    const clockBefore = await page.getByTestId('clock').textContent();
    await expect(legend).not.toHaveAttribute('data-bars', String(bars), { timeout: 10_000 });
    expect(await page.getByTestId('clock').textContent()).not.toBe(clockBefore);
  });

  test('switching to 5-minute candles redraws from a fresh snapshot', async ({ page }) => {
    const legend = page.getByTestId('chart-legend');
    await expect(legend).toHaveAttribute('data-timeframe', '1m');
    const lastMinute = await legend.getAttribute('data-close');
    await page.getByTestId('tf-5m').click();
    await expect(page.getByTestId('tf-5m')).toHaveAttribute('aria-pressed', 'true');
    await expect(legend).toHaveAttribute('data-timeframe', '5m');
    // Twenty sessions of warm-up: 75 five-minute bars a session, capped at the snapshot's 2,000.
    expect(Number(await legend.getAttribute('data-bars'))).toBeGreaterThan(20 * 75 - 1);
    expect(lastMinute).not.toBeNull();
    expect(consoleErrors).toEqual([]);
  });

  test('the bots panel lists the four bots', async ({ page }) => {
    await page.getByTestId('tab-bots').click();
    const bots = page.getByTestId('bots').locator('li');
    await expect(bots).toHaveCount(4);
    await expect(page.getByTestId('bots')).toContainText('Short straddle');
    await expect(page.getByTestId('bots')).toContainText('Iron condor');
    await expect(page.getByTestId('bots')).toContainText('Volatility expander');
    await expect(page.getByTestId('bots')).toContainText('Momentum rider');
  });

  test('a panel is drawn the first time its tab is shown, and stays drawn (hidden) once its tab is left', async ({ page }) => {
    // The bots' cards read the signals and positions streams, which run from the start whichever panels were opened.
    await expect(page.getByTestId('panel-settings')).toBeEmpty();
    await expect(page.getByTestId('panel-bots')).toBeEmpty();
    await page.getByTestId('tab-bots').click();
    await expect(page.getByTestId('bots').locator('li')).toHaveCount(4);
    await expect(page.getByTestId('panel-settings')).toBeEmpty();
    await page.getByTestId('tab-settings').click();
    await expect(page.getByTestId('settings-panel')).toBeVisible();
    await page.getByTestId('tab-bots').click();
    await expect(page.getByTestId('settings-panel')).toBeHidden();
    await expect(page.getByTestId('settings-panel')).toHaveCount(1);
    expect(consoleErrors).toEqual([]);
  });

  test('screenshot of the terminal', async ({ page }) => {
    await expect(page.getByTestId('chart-legend')).toBeVisible();
    await expect(page.getByTestId('watchlist').locator('tbody tr').first()).toBeVisible();
    await page.waitForTimeout(500);
    await page.screenshot({ path: 'e2e/artifacts/terminal.png' });
  });

  test('GET /api/status returns version, mode and clock', async ({ request }) => {
    const res = await request.get('/api/status');
    expect(res.ok()).toBe(true);
    const body = await res.json();
    expect(body).toMatchObject({ mode: 'simulation', version: expect.any(String), clock: { epochMs: expect.any(Number), iso: expect.any(String) } });
  });

  test('the bridge rejects a malformed command with a typed error', async ({ page }) => {
    const reply = await page.evaluate(
      () =>
        new Promise<unknown>((resolve) => {
          const ws = new WebSocket(`ws://${window.location.host}/bridge`);
          ws.onopen = () => ws.send(JSON.stringify({ type: 'invoke', id: 1, channel: 'bot:start', input: { botId: 42 } }));
          ws.onmessage = (e) => {
            resolve(JSON.parse(e.data as string));
            ws.close();
          };
        }),
    );
    expect(reply).toMatchObject({ type: 'result', id: 1, result: { ok: false, error: { kind: 'invalid-input', path: 'botId' } } });
  });
});
