import { expect, test } from '@playwright/test';
import { SIM } from '../playwright.config.ts';
import { CHROMIUM_PATH, SKIP_REASON } from './chromium.ts';

test.skip(!CHROMIUM_PATH, SKIP_REASON);

test.describe('OpenAlgo connection panel against the OpenAlgo simulator', () => {
  test('a test without a key explains what is missing', async ({ page }) => {
    await page.goto('/');
    await page.getByTestId('tab-settings').click();
    await page.getByTestId('connection-test').click();
    await expect(page.getByTestId('connection-outcome')).toContainText(/no API key/i);
    await page.screenshot({ path: 'e2e/artifacts/connection-no-key.png' });
  });

  test('a wrong key is reported as an auth failure', async ({ page }) => {
    await page.goto('/');
    await page.getByTestId('tab-settings').click();
    await page.getByTestId('connection-base-url').fill(`http://127.0.0.1:${SIM.port}`);
    await page.getByTestId('connection-api-key').fill('not-the-right-key-42');
    await page.getByTestId('connection-test').click();
    await expect(page.getByTestId('connection-outcome')).toContainText(/rejected the API key|auth/i);
    await page.screenshot({ path: 'e2e/artifacts/connection-wrong-key.png' });
  });

  test('saving the simulator profile and testing it shows the broker and funds; the key is never shown again', async ({ page }) => {
    await page.goto('/');
    await page.getByTestId('tab-settings').click();
    await page.getByTestId('connection-base-url').fill(`http://127.0.0.1:${SIM.port}`);
    await page.getByTestId('connection-ws-url').fill(`ws://127.0.0.1:${SIM.wsPort}`);
    await page.getByTestId('connection-api-key').fill(SIM.apiKey);
    await page.getByTestId('connection-save').click();
    await expect(page.getByTestId('connection-outcome')).toContainText('Saved');
    await page.reload();
    await page.getByTestId('tab-settings').click();
    await expect(page.getByTestId('connection-api-key')).toHaveAttribute('placeholder', 'saved (type to replace)');
    await expect(page.getByTestId('connection-api-key')).toHaveValue('');
    await page.getByTestId('connection-test').click();
    await expect(page.getByTestId('connection-outcome')).toContainText(/Connected to .+ available ₹/);
    expect(await page.content()).not.toContain(SIM.apiKey);
    await page.screenshot({ path: 'e2e/artifacts/connection-saved-tested.png' });
  });
});
