import { expect, test } from '@playwright/test';
import { CHROMIUM_PATH, SKIP_REASON } from './chromium.ts';
import { invokeBridge, startEagerStraddle } from './trading-helpers.ts';

test.skip(!CHROMIUM_PATH, SKIP_REASON);

/** The kill switch in the top bar: a confirm step, the Ctrl+Shift+K shortcut, and the halt it leaves. */
test.describe('kill switch in the top bar', () => {
  test('KILL asks first; Cancel changes nothing', async ({ page }) => {
    await page.goto('/');
    await page.getByTestId('kill-button').click();
    await expect(page.getByTestId('kill-confirm')).toBeVisible();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByTestId('kill-confirm')).toHaveCount(0);
    await expect(page.getByTestId('trading-state')).toHaveCount(0);
  });

  // Resuming at the end leaves the shared terminal trading for the other specs.
  test('Ctrl+Shift+K twice flattens and halts; trading resumes through the bridge', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByTestId('kill-button')).toBeEnabled();
    await page.keyboard.press('Control+Shift+K');
    await expect(page.getByTestId('kill-confirm')).toBeVisible();
    await page.keyboard.press('Control+Shift+K');
    await expect(page.getByTestId('kill-result')).toContainText('flat:');
    await expect(page.getByTestId('trading-state')).toHaveText('HALTED');
    const resumed = await page.evaluate(
      () =>
        new Promise<unknown>((resolve) => {
          const ws = new WebSocket(`ws://${window.location.host}/bridge`);
          ws.onopen = () => ws.send(JSON.stringify({ type: 'invoke', id: 1, channel: 'risk:resume', input: { reason: 'e2e: checked the book' } }));
          ws.onmessage = (e) => {
            resolve(JSON.parse(e.data as string));
            ws.close();
          };
        }),
    );
    expect(resumed).toMatchObject({ type: 'result', id: 1, result: { ok: true, value: { state: 'active' } } });
    await expect(page.getByTestId('trading-state')).toHaveCount(0);
  });

  test('with a straddle open and a bot running, the kill switch flattens everything, stops the bot and halts', async ({ page }) => {
    test.setTimeout(150_000);
    await page.setViewportSize({ width: 1600, height: 1000 });
    await page.goto('/');
    await page.getByTestId('tab-positions').click();
    await startEagerStraddle(page);
    await expect(page.locator('[data-testid=structure-row] .state-open')).toHaveCount(1, { timeout: 90_000 });
    await expect(page.getByTestId('position-row')).toHaveCount(2);

    await page.getByTestId('kill-button').click();
    await page.getByTestId('kill-confirm-button').click();
    await expect(page.getByTestId('kill-result')).toContainText('flat:');
    await expect(page.getByTestId('trading-state')).toHaveText('HALTED');
    await expect(page.getByTestId('positions-empty')).toBeVisible({ timeout: 20_000 });
    await page.getByTestId('tab-orders').click();
    await page.getByTestId('orders-tab-history').click();
    // The straddle was bought back through its own exit path (shorts first): filled BUY orders.
    await expect(page.getByTestId('history-order').filter({ hasText: 'BUY' }).filter({ hasText: 'filled' })).not.toHaveCount(0);
    await page.getByTestId('tab-risk').click();
    await expect(page.getByTestId('risk-state')).toHaveText('halted');
    const bots = await invokeBridge(page, 'bot:start', { botId: 'short-straddle' });
    expect(bots.ok).toBe(false);
    await page.screenshot({ path: 'e2e/artifacts/kill-flattened.png' });

    const resumed = await invokeBridge(page, 'risk:resume', { reason: 'e2e: checked the book after the kill' });
    expect(resumed.ok).toBe(true);
    await expect(page.getByTestId('trading-state')).toHaveCount(0);
  });
});
