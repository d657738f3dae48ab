import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHeadlessTerminal, type HeadlessTerminal } from '#core/headless-test-support';
import { DEFAULT_CONFIG } from '#config/defaults';
import { createTerminalClient, type ApiResult, type TerminalClient } from '#client/rest-client';
import { restRoutes, type RouteName } from '#contract/rest-api';
import { startFakeTelegram, type FakeTelegram } from '#notify/testing/fake-telegram';

/**
 * Notifications over the REST API and `npm run ctl -- notify`, against a real headless terminal whose
 * config.json points Telegram at a local fake of the Bot API: the same commands as the settings screen.
 */
const TOKEN = 'notify-api-token-0123456789abcdef0123';
const BOT_TOKEN = '424242424:AAFakeBotTokenForTheRestApiTest_qwerty';
let telegram: FakeTelegram;
let terminal: HeadlessTerminal;
let client: TerminalClient;

beforeAll(async () => {
  telegram = await startFakeTelegram(BOT_TOKEN);
  const config = { ...DEFAULT_CONFIG, notifications: { ...DEFAULT_CONFIG.notifications, telegram: { ...DEFAULT_CONFIG.notifications.telegram, apiUrl: telegram.url } } };
  terminal = await startHeadlessTerminal({ name: 'notify-api', token: TOKEN, speed: 60, config });
  client = createTerminalClient({ url: terminal.origin, token: TOKEN });
}, 120_000);

afterAll(async () => {
  await terminal?.stop();
  await telegram?.close();
});

function value<T>(r: ApiResult<T>): T {
  if (!r.ok) throw new Error(`${r.error.status} ${r.error.error}: ${r.error.message}`);
  return r.value;
}

/** `ctl notify …` with --json: exit 0, nothing on stderr, the route's schema. */
async function json(route: RouteName, args: readonly string[]): Promise<unknown> {
  const r = await terminal.ctl([...args, '--json']);
  expect([args.join(' '), r.code, r.stderr]).toEqual([args.join(' '), 0, '']);
  const parsed = restRoutes[route].response.safeParse(JSON.parse(r.stdout));
  expect(parsed.success, `${args.join(' ')}: ${parsed.error?.message ?? ''}`).toBe(true);
  return parsed.data;
}

describe('notifications over the REST API', () => {
  it('changes the settings, saves the token without echoing it, and sends a test message', async () => {
    expect(value(await client.notifications())).toMatchObject({ desktopAvailable: false, telegram: { enabled: false, token: 'not-set' }, active: { sinks: [] } });
    const bad = await client.setNotifications({ rules: { summary: { perMinute: 0 } } });
    expect(bad).toMatchObject({ ok: false, error: { status: 400, error: 'invalid-input' } });
    expect(!bad.ok && bad.error.message).toMatch(/^notifications\.rules\.summary\.perMinute: /);
    const foreign = await client.call('notificationsSet', { body: { telegram: { apiUrl: 'http://127.0.0.1:1' } } as never });
    expect(foreign).toMatchObject({ ok: false, error: { status: 400, field: 'body.telegram.apiUrl' } });

    expect(value(await client.setNotifications({ telegram: { enabled: true, chatId: '-1001234567890' } })).telegram).toMatchObject({ enabled: true, chatId: '-1001234567890', token: 'not-set' });
    const refused = await client.setTelegramToken('123:too-short');
    expect(refused).toMatchObject({ ok: false, error: { status: 400, field: 'body.token' } });
    expect(JSON.stringify(refused)).not.toContain('too-short');

    const set = value(await client.setTelegramToken(BOT_TOKEN));
    expect(set.telegram).toMatchObject({ token: 'set', tokenSource: 'secret-store' });
    expect(set.active.sinks).toEqual(['telegram']);
    expect(JSON.stringify(set)).not.toContain(BOT_TOKEN.split(':')[1]);
    expect(value(await client.testNotifications())).toEqual({ results: [{ sink: 'telegram', delivered: true }] });
    expect(telegram.messages.at(-1)).toMatchObject({ chatId: '-1001234567890', text: expect.stringMatching(/^Test message from the trading terminal/) });
    const log = fs.readFileSync(path.join(terminal.dataDir, 'logs', 'terminal.log'), 'utf8');
    expect(log).toContain('Telegram bot token saved');
    expect(log).not.toContain(BOT_TOKEN.split(':')[1]);
    value(await client.setTelegramToken(null));
  }, 60_000);
});

describe('npm run ctl -- notify', () => {
  it('--json of show, set, token and test matches the API schema; the token comes from a file and is never printed', async () => {
    expect(await json('notifications', ['notify'])).toMatchObject({ telegram: { token: 'not-set' } });
    expect(await json('notificationsSet', ['notify', 'set', '--telegram', 'on', '--chat-id', '4242', '--rule', 'fill=off', '--burst', 'risk=2', '--per-minute', 'summary=0.5'])).toMatchObject({
      telegram: { enabled: true, chatId: '4242' },
      rules: { fill: { enabled: false }, risk: { burst: 2 }, summary: { perMinute: 0.5 } },
    });
    const file = path.join(terminal.dir, 'bot-token.txt');
    fs.writeFileSync(file, `${BOT_TOKEN}\n`, { mode: 0o600 });
    expect(await json('telegramToken', ['notify', 'token', '--from-file', file])).toMatchObject({ telegram: { token: 'set' } });
    expect(await json('notificationsTest', ['notify', 'test'])).toEqual({ results: [{ sink: 'telegram', delivered: true }] });
    expect(telegram.messages.at(-1)?.chatId).toBe('4242');

    const table = await terminal.ctl(['notify']);
    expect(table.stdout).toMatch(/bot token\s+│ set/);
    expect(table.stdout).toMatch(/fill\s+│ off/);
    expect(table.stdout + table.stderr).not.toContain(BOT_TOKEN.split(':')[1]);

    telegram.mode = 'chat-not-found';
    const failed = await terminal.ctl(['notify', 'test']);
    telegram.mode = 'ok';
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('the test message did not arrive: telegram: Telegram refused the message (HTTP 400: Bad Request: chat not found)');

    expect(await json('telegramToken', ['notify', 'token', '--clear'])).toMatchObject({ telegram: { token: 'not-set' } });
    const nothing = await terminal.ctl(['notify', 'test']);
    expect(nothing.code).toBe(1);
    expect(nothing.stderr).toContain('no bot token is saved');
  }, 60_000);

  it('names a bad notify option before asking the terminal (exit 2)', async () => {
    for (const [args, message] of [
      [['notify', 'set', '--rule', 'trades=off'], 'trades is not a kind'],
      [['notify', 'set', '--telegram', 'yes'], '--telegram yes is not on or off'],
      [['notify', 'set'], 'notify set needs a change'],
      [['notify', 'token'], 'notify token needs --from-file'],
      [['notify', 'token', '--from-file', '/nonexistent/token'], 'cannot read /nonexistent/token (ENOENT)'],
      [['notify', 'show', '--desktop', 'on'], 'go with notify set'],
    ] as const) {
      const r = await terminal.ctl(args);
      expect([args.join(' '), r.code]).toEqual([args.join(' '), 2]);
      expect(r.stderr).toContain(message);
    }
  }, 60_000);
});
