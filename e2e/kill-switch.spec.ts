import { expect, test } from '@playwright/test';
import { CHROMIUM_PATH, SKIP_REASON } from './chromium.ts';

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
});
