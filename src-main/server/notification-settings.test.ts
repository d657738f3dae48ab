import fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '#core/log';
import { ok } from '#core/result';
import { DEFAULT_CONFIG } from '#config/defaults';
import type { Config } from '#config/schema';
import { createRouter, type Router } from '#bridge/router';
import type { Engine } from '#engine/engine';
import type { NotifySettingsDto, NotifyTestDto } from '#contract/notify-dto';
import { fileSecretStore, TELEGRAM_TOKEN_FILE_NAME } from '#engine/secrets';
import { createSettingsService } from '#engine/settings-service';
import { TradingHarness } from '#engine/testing/trading-harness';
import { createNotificationCenter, type NotificationCenter } from '#notify/notification-center';
import type { Notification, NotificationSink } from '#notify/notification';
import { startFakeTelegram, type FakeTelegram } from '#notify/testing/fake-telegram';

const TOKEN = '777777777:AAFakeTokenForTheCenterTest_abcdefgh';
const OTHER = '888888888:AAAnotherFakeTokenForTheCenter_zyxwv';

let telegram: FakeTelegram;
beforeAll(async () => {
  telegram = await startFakeTelegram(TOKEN);
});
afterAll(() => telegram.close());

let h: TradingHarness | undefined;
let center: NotificationCenter | undefined;
afterEach(async () => {
  center?.close();
  await h?.close();
  h = undefined;
  center = undefined;
  telegram.messages.length = 0;
  telegram.mode = 'ok';
});

/**
 * The engine of the harness with the settings service over an in-memory config.json, as boot wires it
 * (the harness has no settings file), and the center behind the bridge router, as every shell wires it.
 */
async function setUp(env: NodeJS.ProcessEnv = {}, desktop?: NotificationSink) {
  h = await TradingHarness.open();
  const harness = h;
  let saved: Config = DEFAULT_CONFIG;
  const settings = createSettingsService({ runningMode: 'simulation', configFile: path.join(h.dir, 'config.json'), secrets: fileSecretStore(h.dir), config: () => saved, saveConfig: (next) => ok((saved = next)) });
  const engine = new Proxy(harness.engine, {
    get(target, key) {
      if (key === 'notificationSettings') return () => ok(settings.notifications());
      if (key === 'setNotificationSettings') return (patch: Record<string, unknown>) => settings.setNotifications(patch);
      return Reflect.get(target, key, target) as unknown;
    },
  }) as Engine;
  const lines: string[] = [];
  const logger = createLogger({ destination: new Writable({ write: (c: Buffer, _e, cb) => (lines.push(c.toString()), cb()) }) });
  center = createNotificationCenter({ engine, clock: h.clock, dataDir: h.dir, secrets: fileSecretStore(h.dir), env, logger, telegramApiUrl: telegram.url, ...(desktop ? { desktop } : {}) });
  await center.start();
  const router = createRouter(engine, logger, 'bridge', { notifications: center });
  const answers: string[] = [];
  const invoke = async (channel: string, input: unknown) => {
    const r = await router.invoke(channel, input);
    answers.push(JSON.stringify(r));
    // Settings and test answers read through one shape; the router checked the input, the contract types the output.
    return r as { ok: boolean; value: NotifySettingsDto & NotifyTestDto; error?: { kind: string; message: string } };
  };
  return { harness, invoke, lines, answers, saved: () => saved, router: router as Router };
}

const fillsSent = () => telegram.messages.filter((m) => m.text.startsWith('Filled:'));

describe('notification settings through the bridge commands', () => {
  it('sets Telegram up from nothing: chat, token (never echoed), a test message, fills sent; rules and clearing take effect at once', async () => {
    const t = await setUp();
    const first = await t.invoke('settings:notify:get', {});
    expect(first.value).toMatchObject({ desktop: true, desktopAvailable: false, telegram: { enabled: false, token: 'not-set' }, active: { sinks: [] } });

    const on = await t.invoke('settings:notify:set', { telegram: { enabled: true, chatId: '4242' } });
    expect(on.value.telegram).toMatchObject({ enabled: true, chatId: '4242', token: 'not-set' });
    expect(on.value.active.warning).toMatch(/^Telegram notifications are off: no bot token; save it in Settings → Notifications/);
    expect(t.saved().notifications.telegram).toMatchObject({ enabled: true, chatId: '4242' });

    const bad = await t.invoke('settings:notify:token', { token: 'not-a-token-at-all' });
    expect(bad.error).toMatchObject({ kind: 'invalid-input' });
    expect(bad.error!.message).toMatch(/^settings:notify:token: token: is not shaped like a bot token/);

    const saved = await t.invoke('settings:notify:token', { token: ` ${TOKEN} ` });
    expect(saved.value.telegram).toMatchObject({ token: 'set', tokenSource: 'secret-store' });
    expect(saved.value.active).toEqual({ sinks: ['telegram'] });
    const file = path.join(t.harness.dir, TELEGRAM_TOKEN_FILE_NAME);
    expect(fs.readFileSync(file, 'utf8').trim()).toBe(TOKEN);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);

    const test = await t.invoke('settings:notify:test', {});
    expect(test.value).toEqual({ results: [{ sink: 'telegram', delivered: true }] });
    expect(telegram.messages.at(-1)).toEqual({ chatId: '4242', text: 'Test message from the trading terminal\nNotifications reach you here.' });

    await t.harness.submit(t.harness.straddle());
    await expect.poll(() => fillsSent().length, { timeout: 10_000 }).toBe(2);

    // Fills off: the next fills are not sent; risk still is.
    await t.invoke('settings:notify:set', { rules: { fill: { enabled: false } } });
    await t.harness.until(t.harness.engine.trading.kill('button'));
    // The risk state is read on the engine's heartbeat: let its clock run.
    await t.harness.advance(3000);
    await expect.poll(() => telegram.messages.some((m) => m.text.startsWith('⚠️ Trading halted')), { timeout: 10_000 }).toBe(true);
    expect(fillsSent()).toHaveLength(2);

    const cleared = await t.invoke('settings:notify:token', { token: null });
    expect(cleared.value.telegram.token).toBe('not-set');
    expect(cleared.value.active.sinks).toEqual([]);
    expect(fs.existsSync(file)).toBe(false);

    // Both token changes are in the audit log, saying what changed and never the token.
    const audited = t.harness.store.sqlite.prepare("SELECT payload FROM audit_log WHERE kind = 'config-change'").pluck().all() as string[];
    expect(audited.map((p) => JSON.parse(p) as object).filter((p) => 'which' in p)).toEqual([
      { section: 'secrets', which: 'telegram-token', change: 'saved' },
      { section: 'secrets', which: 'telegram-token', change: 'removed' },
    ]);
    for (const text of [...t.answers, ...t.lines, ...audited]) {
      expect(text).not.toContain(TOKEN);
      expect(text).not.toContain(TOKEN.split(':')[1]);
    }
  }, 60_000);

  it('reports a test message Telegram refused, and refuses a test with nothing to send to, saying what is missing', async () => {
    const t = await setUp();
    expect((await t.invoke('settings:notify:test', {})).error).toEqual({ kind: 'invalid-state', message: 'nothing to test: give a Telegram chat id (and save the bot token)' });
    await t.invoke('settings:notify:set', { telegram: { chatId: '@no_such_channel' } });
    expect((await t.invoke('settings:notify:test', {})).error!.message).toBe('Telegram cannot be tested: no bot token is saved; save the token @BotFather gave you first');
    await t.invoke('settings:notify:token', { token: TOKEN });
    telegram.mode = 'chat-not-found';
    expect((await t.invoke('settings:notify:test', {})).value).toEqual({
      results: [{ sink: 'telegram', delivered: false, problem: 'Telegram refused the message (HTTP 400: Bad Request: chat not found)' }],
    });
    // Replaced by a token the Bot API does not know: said plainly, and the old one is gone.
    await t.invoke('settings:notify:token', { token: OTHER });
    telegram.mode = 'ok';
    const refused = (await t.invoke('settings:notify:test', {})).value.results[0]!;
    expect(refused).toMatchObject({ sink: 'telegram', delivered: false });
    expect(refused.problem).toMatch(/^Telegram refused the bot token \(HTTP 401\)/);
    expect(telegram.paths.at(-1)).toBe(`/bot${OTHER}/sendMessage`);
    for (const text of [...t.answers, ...t.lines]) expect(text).not.toContain(OTHER.split(':')[1]);
  }, 60_000);

  it('refuses a change config.json would refuse, naming the field, and saves nothing', async () => {
    const t = await setUp();
    const before = t.saved();
    const r = await t.invoke('settings:notify:set', { rules: { fill: { burst: 0 } } });
    expect(r.error).toEqual({ kind: 'invalid-input', message: expect.stringMatching(/^notifications\.rules\.fill\.burst: /) });
    expect((await t.invoke('settings:notify:set', { telegram: { enabled: true } })).error!.message).toBe('notifications.telegram.chatId: telegram.chatId is required when Telegram is enabled');
    expect((await t.invoke('settings:notify:set', { telegram: { apiUrl: 'http://evil.example' } })).error).toMatchObject({ kind: 'invalid-input' });
    expect(t.saved()).toBe(before);
  }, 60_000);

  it('says when the environment variable’s token wins over the saved one', async () => {
    const t = await setUp({ TERMINAL_TELEGRAM_BOT_TOKEN: TOKEN });
    const r = await t.invoke('settings:notify:get', {});
    expect(r.value.telegram).toMatchObject({ token: 'set', tokenSource: 'environment' });
  }, 60_000);

  it('in the app, tests the desktop too, and switching desktop notifications off stops them', async () => {
    const shown: Notification[] = [];
    const t = await setUp({}, { name: 'desktop', send: async (n) => (shown.push(n), ok(undefined)) });
    expect((await t.invoke('settings:notify:get', {})).value).toMatchObject({ desktop: true, desktopAvailable: true, active: { sinks: ['desktop'] } });
    expect((await t.invoke('settings:notify:test', {})).value).toEqual({ results: [{ sink: 'desktop', delivered: true }] });
    expect(shown.map((n) => n.title)).toEqual(['Test message from the trading terminal']);
    expect((await t.invoke('settings:notify:set', { desktop: false })).value.active.sinks).toEqual([]);
    await t.harness.submit(t.harness.straddle());
    expect(shown).toHaveLength(1);
    expect((await t.invoke('settings:notify:test', {})).error).toEqual({ kind: 'invalid-state', message: 'nothing to test: give a Telegram chat id (and save the bot token), or switch desktop notifications on' });
  }, 60_000);
});
