import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { SIM, TERMINAL } from '../playwright.config.ts';
import { CHROMIUM_PATH, SKIP_REASON } from './chromium.ts';
import { bridgeInvoke, bridgeSnapshot, ownSimTerminal, type OwnTerminal } from './ui-helpers.ts';

test.skip(!CHROMIUM_PATH, SKIP_REASON);

/** A paper terminal on the OpenAlgo simulator (not in analyze mode), its own: the switch writes config.json. */
let terminal: OwnTerminal;
test.beforeAll(async () => {
  test.setTimeout(60_000);
  terminal = ownSimTerminal(TERMINAL.port + 21, 'e2e-live-switch-token-0123456789abcdef', 'paper');
  await terminal.start();
});
test.afterAll(async () => {
  await terminal.dispose();
});

const savedMode = () => (JSON.parse(fs.readFileSync(path.join(terminal.dataDir, 'config.json'), 'utf8')) as { mode: string }).mode;
const trading = async (page: Page) => (await bridgeSnapshot(page, 'trading', {})) as { liveOrders: boolean; armed: boolean };

test('paper → live through the arming dialog without a restart, LIVE in red on every screen; back to paper from the UI', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto(terminal.url);
  await expect(page.getByTestId('mode-badge')).toHaveText('PAPER');
  await page.getByTestId('tab-settings').click();
  await expect(page.getByTestId('mode-paper')).toBeChecked();

  // The engine refuses live without the word, whatever the page sends.
  const host = `127.0.0.1:${SIM.port}`;
  const bare = (await bridgeInvoke(page, 'settings:live', { broker: 'simulator', host, rememberToday: false, confirm: 'yes' })) as { ok: boolean; error?: { message: string } };
  expect(bare).toMatchObject({ ok: false, error: { message: expect.stringMatching(/type LIVE/) } });
  const plain = (await bridgeInvoke(page, 'settings:mode', { mode: 'live' })) as { ok: boolean };
  expect(plain.ok).toBe(false);

  await page.getByTestId('mode-live').click();
  const dialog = page.getByTestId('arm-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Switch to live trading');
  await expect(page.getByTestId('arm-switch')).toContainText('The paper engine stops now');
  await expect(page.getByTestId('arm-consequences')).toContainText(`Orders will go to your simulator account through OpenAlgo at ${host}, with real money`);
  await expect(page.getByTestId('arm-limits')).toContainText("Day's loss");
  const confirm = page.getByTestId('arm-confirm-button');
  await expect(confirm).toHaveText('Switch to live');
  await expect(confirm).toBeDisabled();
  await page.getByTestId('arm-word').fill('live');
  await expect(confirm).toBeDisabled();
  await page.getByTestId('arm-cancel').click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('mode-badge')).toHaveText('PAPER');
  expect(savedMode()).toBe('paper');

  await page.getByTestId('mode-live').click();
  await page.getByTestId('arm-word').fill('LIVE');
  await page.screenshot({ path: 'e2e/artifacts/live-switch-dialog.png' });
  await page.getByTestId('arm-confirm-button').click();

  // The page starts again on the live engine: red badge, red frame, armed for the simulator's account.
  const badge = page.getByTestId('mode-badge');
  await expect(badge).toHaveText('LIVE', { timeout: 30_000 });
  await expect(badge).toHaveCSS('background-color', 'rgb(229, 37, 42)');
  await expect(page.getByTestId('app')).toHaveClass(/app-live/);
  await expect(page.getByTestId('arming')).toContainText(`LIVE ARMED: simulator at ${host}`);
  expect(await trading(page)).toMatchObject({ liveOrders: true, armed: true });
  expect(savedMode()).toBe('live');
  for (const tab of ['watchlist', 'chain', 'bots', 'settings', 'signals', 'positions', 'orders', 'risk']) {
    const t = page.getByTestId(`tab-${tab}`);
    if ((await t.count()) === 0) continue;
    await t.click();
    await expect(badge).toHaveText('LIVE');
    await expect(badge).toBeInViewport();
  }
  await page.getByTestId('tab-settings').click();
  await expect(page.getByTestId('mode-live')).toBeChecked();
  await expect(page.getByTestId('mode-message')).toHaveText('Switched: the terminal runs in live mode.');
  await page.screenshot({ path: 'e2e/artifacts/live-switch-live.png' });

  await page.getByTestId('mode-paper').click();
  await expect(page.getByTestId('mode-confirm')).toContainText('Live orders stop with it');
  await page.getByTestId('mode-confirm-button').click();
  await expect(badge).toHaveText('PAPER', { timeout: 30_000 });
  await expect(page.getByTestId('arming')).toHaveCount(0);
  expect(await trading(page)).toMatchObject({ liveOrders: false, armed: false });
  expect(savedMode()).toBe('paper');
  await page.screenshot({ path: 'e2e/artifacts/live-switch-paper-again.png' });
});
