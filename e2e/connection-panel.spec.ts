import { expect, test, type Page } from '@playwright/test';
import { SIM, TERMINAL } from '../playwright.config.ts';
import { CHROMIUM_PATH, SKIP_REASON } from './chromium.ts';
import { ownTerminal, type OwnTerminal } from './ui-helpers.ts';

test.skip(!CHROMIUM_PATH, SKIP_REASON);

/** A terminal of its own: these tests save a profile, which must not leak into other specs' terminal. */
let terminal: OwnTerminal;
test.beforeAll(async () => {
  test.setTimeout(60_000);
  terminal = ownTerminal(TERMINAL.port + 12, 'e2e-connection-panel-token-0123456789');
  await terminal.start();
});
test.afterAll(async () => {
  await terminal.dispose();
});

const SIM_HOST = `http://127.0.0.1:${SIM.port}`;
const SIM_WS = `ws://127.0.0.1:${SIM.wsPort}`;

async function openSettings(page: Page) {
  await page.goto(terminal.url);
  await page.getByTestId('tab-settings').click();
  await expect(page.getByTestId('connection-form')).toBeVisible();
}

const outcome = (page: Page) => page.getByTestId('connection-outcome');

test.describe('the OpenAlgo connection panel says what it did, in words', () => {
  test('a wrong WebSocket URL fails the test even though the REST API answers; the right one passes', async ({ page }) => {
    await openSettings(page);
    await page.getByTestId('connection-base-url').fill(SIM_HOST);
    await page.getByTestId('connection-ws-url').fill(`ws://127.0.0.1:${SIM.wsPort + 50}`);
    await page.getByTestId('connection-api-key').fill(SIM.apiKey);
    await page.getByTestId('connection-test').click();
    await expect(outcome(page)).toContainText(/The REST API answered, but cannot reach OpenAlgo's WebSocket at ws:\/\/127\.0\.0\.1:\d+ .*check the WebSocket URL/);
    await expect(outcome(page)).toHaveAttribute('data-kind', 'error');
    await page.screenshot({ path: 'e2e/artifacts/connection-wrong-ws.png' });
    await page.getByTestId('connection-ws-url').fill(SIM_WS);
    await page.getByTestId('connection-test').click();
    await expect(outcome(page)).toContainText(/Connected to .+ market data WebSocket answered/);
  });

  test('clearing the host and pressing Save is refused with a sentence, and nothing is saved', async ({ page }) => {
    await openSettings(page);
    const before = await page.getByTestId('connection-base-url').inputValue();
    await page.getByTestId('connection-base-url').fill('');
    await page.getByTestId('connection-save').click();
    await expect(outcome(page)).toHaveText('Enter the OpenAlgo host URL, e.g. http://127.0.0.1:5000.');
    await expect(page.getByTestId('connection-base-url')).toHaveAttribute('aria-invalid', 'true');
    await openSettings(page);
    await expect(page.getByTestId('connection-base-url')).toHaveValue(before);
    await page.screenshot({ path: 'e2e/artifacts/connection-empty-host.png' });
  });

  test('errors name the field, never the wire: no "connection:test" or "baseUrl" in what the trader reads', async ({ page }) => {
    await openSettings(page);
    await page.getByTestId('connection-base-url').fill('127.0.0.1:5000');
    await page.getByTestId('connection-test').click();
    await expect(outcome(page)).toContainText('The OpenAlgo host URL');
    await expect(outcome(page)).not.toContainText(/connection:|baseUrl|wsUrl/);
    await page.getByTestId('connection-base-url').fill(SIM_HOST);
    await page.getByTestId('connection-ws-url').fill('http://127.0.0.1:8765');
    await page.getByTestId('connection-save').click();
    await expect(outcome(page)).toHaveText('The WebSocket URL must start with ws:// or wss://, e.g. ws://127.0.0.1:8765.');
  });

  test('Save with nothing changed says so instead of "Saved."; a save names what it saved, the key only when one was typed', async ({ page }) => {
    await openSettings(page);
    await page.getByTestId('connection-save').click();
    await expect(outcome(page)).toHaveText('Nothing to save: the URLs are as saved and no new API key was typed.');
    await page.getByTestId('connection-ws-url').fill(`ws://localhost:${SIM.wsPort}`);
    await page.getByTestId('connection-save').click();
    await expect(outcome(page)).toHaveText('Saved the WebSocket URL.');
    await page.getByTestId('connection-base-url').fill(SIM_HOST);
    await page.getByTestId('connection-ws-url').fill(SIM_WS);
    await page.getByTestId('connection-api-key').fill(SIM.apiKey);
    await page.getByTestId('connection-save').click();
    await expect(outcome(page)).toHaveText(/^Saved the host URL, the WebSocket URL and the API key\. The key is kept in a file readable only by you/);
    await expect(page.getByTestId('connection-api-key')).toHaveValue('');
    await expect(page.getByTestId('connection-api-key')).toHaveAttribute('placeholder', 'saved (type to replace)');
    // The saved key is bound to the URLs it was saved with: other URLs need it typed again.
    await page.getByTestId('connection-ws-url').fill(`ws://localhost:${SIM.wsPort}`);
    await page.getByTestId('connection-save').click();
    await expect(outcome(page)).toHaveText('Type the API key again to save new OpenAlgo URLs: the saved key is only ever sent to the URLs it was saved with.');
    await page.screenshot({ path: 'e2e/artifacts/connection-saved.png' });
  });
});
