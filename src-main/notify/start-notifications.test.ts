import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '#core/log';
import { DEFAULT_NOTIFICATIONS } from '#config/notify-schema';
import { botId, intentId } from '#model/ids';
import { fileSecretStore, TELEGRAM_TOKEN_FILE_NAME } from '#engine/secrets';
import { TradingHarness } from '#engine/testing/trading-harness';
import type { Notification, NotificationSink } from './notification.ts';
import { startNotifications, type RunningNotifications } from './start-notifications.ts';

const TOKEN = '555555555:AAFakeBotTokenForTheEngineTest_xyz123';
const texts: string[] = [];
let api: http.Server;
let apiUrl: string;

beforeAll(async () => {
  api = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      if (req.url !== `/bot${TOKEN}/sendMessage`) return void res.writeHead(401).end('{"ok":false,"error_code":401,"description":"Unauthorized"}');
      texts.push(String((JSON.parse(raw) as { text: string }).text));
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true,"result":{}}');
    });
  });
  await new Promise<void>((r) => api.listen(0, '127.0.0.1', r));
  apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((r) => api.close(r)));

let h: TradingHarness | undefined;
let running: RunningNotifications | undefined;
afterEach(async () => {
  running?.close();
  await h?.close();
  h = undefined;
  running = undefined;
  texts.length = 0;
});

function capturingLogger() {
  const lines: string[] = [];
  const logger = createLogger({ destination: new Writable({ write: (c: Buffer, _e, cb) => (lines.push(c.toString()), cb()) }) });
  return { logger, lines };
}

const until = async (h: TradingHarness, done: () => boolean) => {
  for (let i = 0; i < 100 && !done(); i++) {
    await h.advance(250);
    await new Promise((r) => setTimeout(r, 5));
  }
};

describe('notifications on a running engine', () => {
  it('sends fills, rejections and a halt to Telegram and the desktop, and never logs the token', async () => {
    h = await TradingHarness.open();
    fs.writeFileSync(path.join(h.dir, TELEGRAM_TOKEN_FILE_NAME), TOKEN, { mode: 0o600 });
    const desktop: Notification[] = [];
    const sink: NotificationSink = { name: 'desktop', send: async (n) => (desktop.push(n), { ok: true, value: undefined }) };
    const { logger, lines } = capturingLogger();
    const config = { ...DEFAULT_NOTIFICATIONS, telegram: { enabled: true, chatId: '42', timeoutMs: 2000 } };
    running = await startNotifications({ engine: h.engine, config, clock: h.clock, dataDir: h.dir, secrets: fileSecretStore(h.dir), env: {}, logger, desktop: sink, telegramApiUrl: apiUrl });
    expect(running.sinks).toEqual(['desktop', 'telegram']);

    await h.submit(h.straddle());
    await h.until(h.engine.trading.submit({ kind: 'place', intentId: intentId('too-big'), botId: botId('short-straddle'), instrumentId: h.option(0, 'CE'), side: 'SELL', quantity: 65 * 50, type: 'MARKET', product: 'NRML', reason: 'test' }));
    await h.until(h.engine.trading.kill('button'));
    await until(h, () => texts.some((t) => t.includes('Trading halted')));

    // Two entry legs, then the kill switch buys them back.
    expect(desktop.filter((n) => n.kind === 'fill').map((n) => n.title.split(' ').slice(0, 3).join(' '))).toEqual(['Filled: SELL 65', 'Filled: SELL 65', 'Filled: BUY 65', 'Filled: BUY 65']);
    expect(desktop.some((n) => n.kind === 'rejection' && n.title.startsWith('Order refused by the terminal'))).toBe(true);
    expect(desktop.some((n) => n.kind === 'risk' && n.title === 'Trading halted' && n.body === 'by the kill switch')).toBe(true);
    expect(texts.filter((t) => t.startsWith('Filled: SELL 65 NIFTY'))).toHaveLength(2);
    expect(texts.some((t) => t.startsWith('⚠️ Trading halted\nby the kill switch'))).toBe(true);
    expect(lines.join('')).not.toContain(TOKEN);
  }, 60_000);

  it('says in one line why Telegram is off when its token is missing, and listens to nothing without a sink', async () => {
    h = await TradingHarness.open();
    const { logger } = capturingLogger();
    const config = { ...DEFAULT_NOTIFICATIONS, telegram: { enabled: true, chatId: '42', timeoutMs: 2000 } };
    const topics = ['fill', 'order', 'feed-status', 'heartbeat'] as const;
    const listeners = () => topics.map((t) => h!.engine.events.subscriberCount(t));
    const before = listeners();
    running = await startNotifications({ engine: h.engine, config, clock: h.clock, dataDir: h.dir, secrets: fileSecretStore(h.dir), env: {}, logger });
    expect(running.sinks).toEqual([]);
    expect(running.warning).toBe(`Telegram notifications are off: no bot token; save it in Settings → Notifications, put it in ${path.join(h.dir, TELEGRAM_TOKEN_FILE_NAME)} (mode 600) and restart, or set TERMINAL_TELEGRAM_BOT_TOKEN`);
    expect(listeners()).toEqual(before);
  }, 60_000);
});
