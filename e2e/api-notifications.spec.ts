import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { DEFAULT_CONFIG } from '#config/defaults';
import { startFakeTelegram, type FakeTelegram } from '#notify/testing/fake-telegram';
import { TERMINAL } from '../playwright.config.ts';
import { CHROMIUM_PATH, SKIP_REASON } from './chromium.ts';
import { ownTerminal, type OwnTerminal } from './ui-helpers.ts';

test.skip(!CHROMIUM_PATH, SKIP_REASON);
// The second test goes on from the first one's token.
test.describe.configure({ mode: 'serial' });

/**
 * Notifications set up from the settings screen against a headless terminal of its own, whose config.json
 * points Telegram at a local fake of the Bot API: chat, token (never shown back), rules, a test message.
 */
const BOT_TOKEN = '999999999:AAE2eFakeBotTokenForTheSettingsScreen';
let telegram: FakeTelegram;
let terminal: OwnTerminal;

test.beforeAll(async () => {
  test.setTimeout(90_000);
  telegram = await startFakeTelegram(BOT_TOKEN);
  terminal = ownTerminal(TERMINAL.port + 37, 'e2e-notifications-token-0123456789abc', (dir) => {
    const config = { ...DEFAULT_CONFIG, notifications: { ...DEFAULT_CONFIG.notifications, telegram: { ...DEFAULT_CONFIG.notifications.telegram, apiUrl: telegram.url } } };
    fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify(config), { mode: 0o600 });
  });
  await terminal.start();
});
test.afterAll(async () => {
  await terminal?.dispose();
  await telegram?.close();
});

const saved = () => (JSON.parse(fs.readFileSync(path.join(terminal.dataDir, 'config.json'), 'utf8')) as typeof DEFAULT_CONFIG).notifications;

async function openNotifications(page: Page) {
  await page.goto(terminal.url);
  await page.getByTestId('tab-settings').click();
  await expect(page.getByTestId('notify-settings')).toBeVisible();
  await expect(page.getByTestId('notify-token-state')).toBeVisible();
}

test('Telegram is set up from the settings: a bad chat id is named, the token is saved but never shown, a test message arrives', async ({ page }) => {
  await openNotifications(page);
  await expect(page.getByTestId('notify-token-state')).toHaveText('not set');
  await expect(page.getByTestId('notify-desktop')).toBeDisabled();

  await page.getByTestId('notify-telegram').check();
  await page.getByTestId('notify-chat-id').fill('my chat');
  await page.getByTestId('notify-save').click();
  await expect(page.getByTestId('notify-telegram-chatId-error')).toContainText('must be a numeric chat id');
  expect(saved().telegram.enabled).toBe(false);

  await page.getByTestId('notify-chat-id').fill('123456789');
  await page.getByTestId('notify-save').click();
  await expect(page.getByTestId('notify-message')).toHaveText('Saved to config.json and recorded in the audit log; in force now.');
  await expect(page.getByTestId('notify-warning')).toContainText('Telegram notifications are off: no bot token');
  expect(saved().telegram).toMatchObject({ enabled: true, chatId: '123456789' });

  await page.getByTestId('notify-token').fill('12345:short');
  await page.getByTestId('notify-token-save').click();
  await expect(page.getByTestId('notify-token-message')).toContainText('is not shaped like a bot token');
  await expect(page.getByTestId('notify-token-message')).not.toContainText('12345:short');

  await page.getByTestId('notify-token').fill(BOT_TOKEN);
  await page.getByTestId('notify-token-save').click();
  await expect(page.getByTestId('notify-token-message')).toHaveText('The bot token was saved in the secret store.');
  await expect(page.getByTestId('notify-token-state')).toHaveText('set');
  await expect(page.getByTestId('notify-token')).toHaveValue('');
  await expect(page.getByTestId('notify-active')).toHaveText('Sending now: telegram');
  await expect(page.getByTestId('notify-warning')).toHaveCount(0);

  await page.getByTestId('notify-test').click();
  await expect(page.getByTestId('notify-test-message')).toHaveText('Test message delivered (telegram).');
  expect(telegram.messages.at(-1)).toEqual({ chatId: '123456789', text: 'Test message from the trading terminal\nNotifications reach you here.' });

  // The token lives in its 0600 file only: never in config.json, the page or an answer the page got.
  const tokenFile = path.join(terminal.dataDir, 'telegram-bot-token');
  expect(fs.statSync(tokenFile).mode & 0o777).toBe(0o600);
  expect(fs.readFileSync(path.join(terminal.dataDir, 'config.json'), 'utf8')).not.toContain(BOT_TOKEN.split(':')[1]);
  expect(await page.content()).not.toContain(BOT_TOKEN.split(':')[1]);
  await page.getByTestId('notify-settings').scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'e2e/artifacts/settings-notifications.png' });

  telegram.mode = 'chat-not-found';
  await page.getByTestId('notify-test').click();
  await expect(page.getByTestId('notify-test-message')).toHaveText('telegram: Telegram refused the message (HTTP 400: Bad Request: chat not found)');
  telegram.mode = 'ok';
});

test('rules per kind and their rates are saved and in force; a rate the terminal refuses is named under its field', async ({ page }) => {
  await openNotifications(page);
  await page.getByTestId('notify-rule-fill').uncheck();
  await page.getByTestId('notify-per-minute-summary').fill('0.5');
  await page.getByTestId('notify-burst-feed').fill('0');
  await page.getByTestId('notify-save').click();
  await expect(page.getByTestId('notify-rules-feed-burst-error')).toContainText('Too small');
  expect(saved().rules.fill.enabled).toBe(true);

  await page.getByTestId('notify-burst-feed').fill('2');
  await page.getByTestId('notify-save').click();
  await expect(page.getByTestId('notify-message')).toHaveText('Saved to config.json and recorded in the audit log; in force now.');
  expect(saved().rules).toMatchObject({ fill: { enabled: false }, summary: { perMinute: 0.5 }, feed: { burst: 2 } });

  await page.reload();
  await page.getByTestId('tab-settings').click();
  await expect(page.getByTestId('notify-rule-fill')).not.toBeChecked();
  await expect(page.getByTestId('notify-burst-feed')).toHaveValue('2');

  await page.getByTestId('notify-token-clear').click();
  await expect(page.getByTestId('notify-token-state')).toHaveText('not set');
  expect(fs.existsSync(path.join(terminal.dataDir, 'telegram-bot-token'))).toBe(false);
});
