import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Notification } from './notification.ts';
import { telegramSink, telegramText } from './telegram-sink.ts';

const TOKEN = '123456789:AAHfakeTokenForTestsOnly_abcdefghijkl';
const note: Notification = { kind: 'fill', title: 'Filled: SELL 65 NIFTY01DEC2625900CE @ 123.45', body: 'bot short-straddle', urgent: false, tsEvent: 0 };

type Behaviour = 'ok' | 'ok-after-429' | '429-long' | '401' | 'hang' | '400';
let behaviour: Behaviour = 'ok';
const calls: { path: string; body: Record<string, unknown> }[] = [];
let server: http.Server;
let apiUrl: string;
const hanging: http.ServerResponse[] = [];

/** A loopback stand-in for api.telegram.org, answering as the Bot API documents. */
beforeAll(async () => {
  server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      calls.push({ path: req.url ?? '', body: JSON.parse(raw) as Record<string, unknown> });
      const json = (status: number, body: object) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      if (req.url !== `/bot${TOKEN}/sendMessage` || behaviour === '401') return json(401, { ok: false, error_code: 401, description: 'Unauthorized' });
      if (behaviour === 'hang') return void hanging.push(res);
      if (behaviour === '400') return json(400, { ok: false, error_code: 400, description: 'Bad Request: chat not found' });
      if (behaviour === '429-long') return json(429, { ok: false, error_code: 429, description: 'Too Many Requests: retry after 3600', parameters: { retry_after: 3600 } });
      if (behaviour === 'ok-after-429' && calls.length === 1) return json(429, { ok: false, error_code: 429, description: 'Too Many Requests: retry after 2', parameters: { retry_after: 2 } });
      json(200, { ok: true, result: { message_id: calls.length, chat: { id: Number(calls.at(-1)!.body.chat_id) }, text: calls.at(-1)!.body.text } });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const res of hanging) res.destroy();
  await new Promise((r) => server.close(r));
});
beforeEach(() => {
  calls.length = 0;
  behaviour = 'ok';
});

const expectNoToken = (text: string) => {
  expect(text).not.toContain(TOKEN);
  expect(text).not.toContain(TOKEN.split(':')[1]);
};

describe('the Telegram sink against a fake Bot API', () => {
  it('posts sendMessage to the chat with the notification as plain text', async () => {
    const sink = telegramSink({ token: TOKEN, chatId: '-1001234567890', timeoutMs: 2000, apiUrl });
    expect((await sink.send(note)).ok).toBe(true);
    expect(calls).toEqual([{ path: `/bot${TOKEN}/sendMessage`, body: { chat_id: '-1001234567890', text: telegramText(note), disable_web_page_preview: true } }]);
    expect(calls[0]!.body).not.toHaveProperty('parse_mode');
  });

  it('waits retry_after on a 429 and sends once more', async () => {
    behaviour = 'ok-after-429';
    const waits: number[] = [];
    const sink = telegramSink({ token: TOKEN, chatId: '42', timeoutMs: 2000, apiUrl, sleep: async (ms) => void waits.push(ms) });
    expect((await sink.send(note)).ok).toBe(true);
    expect(waits).toEqual([2000]);
    expect(calls).toHaveLength(2);
  });

  it('does not wait a retry_after longer than it may, and says so', async () => {
    behaviour = '429-long';
    const waits: number[] = [];
    const sink = telegramSink({ token: TOKEN, chatId: '42', timeoutMs: 2000, apiUrl, sleep: async (ms) => void waits.push(ms) });
    const r = await sink.send(note);
    expect(r).toMatchObject({ ok: false, error: { kind: 'rate-limited', message: 'Telegram asks to slow down (retry after 3600 s)' } });
    expect(waits).toEqual([]);
  });

  it('stops calling Telegram after a 401 and never shows the token', async () => {
    const sink = telegramSink({ token: TOKEN, chatId: '42', timeoutMs: 2000, apiUrl: `${apiUrl}/wrong` });
    const first = await sink.send(note);
    expect(first.ok).toBe(false);
    if (first.ok) return;
    expect(first.error.kind).toBe('unauthorized');
    expectNoToken(first.error.message);
    const second = await sink.send(note);
    expect(second).toMatchObject({ ok: false, error: { kind: 'unauthorized' } });
    expect(calls).toHaveLength(1);
  });

  it('gives up on a silent server after its timeout, without retrying', async () => {
    behaviour = 'hang';
    const sink = telegramSink({ token: TOKEN, chatId: '42', timeoutMs: 300, apiUrl });
    const r = await sink.send(note);
    expect(r).toMatchObject({ ok: false, error: { kind: 'timeout', message: 'Telegram did not answer within 300 ms' } });
    expect(calls).toHaveLength(1);
  });

  it('reports a refusal with Telegram’s description, and an unreachable server by its code, never the URL', async () => {
    behaviour = '400';
    const sink = telegramSink({ token: TOKEN, chatId: '42', timeoutMs: 2000, apiUrl });
    expect(await sink.send(note)).toMatchObject({ ok: false, error: { kind: 'refused', message: 'Telegram refused the message (HTTP 400: Bad Request: chat not found)' } });
    const spare = http.createServer();
    await new Promise<void>((r) => spare.listen(0, '127.0.0.1', r));
    const freed = (spare.address() as AddressInfo).port;
    await new Promise((r) => spare.close(r));
    const closed = telegramSink({ token: TOKEN, chatId: '42', timeoutMs: 2000, apiUrl: `http://127.0.0.1:${freed}` });
    const r = await closed.send(note);
    expect(r).toMatchObject({ ok: false, error: { kind: 'network', message: 'cannot reach Telegram (ECONNREFUSED)' } });
  });

  it('sends one at a time, in order, and refuses past its queue', async () => {
    const order: string[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    behaviour = 'ok-after-429';
    const sink = telegramSink({ token: TOKEN, chatId: '42', timeoutMs: 2000, apiUrl, maxQueue: 2, sleep: () => gate });
    const a = sink.send({ ...note, title: 'a' }).then(() => order.push('a'));
    const b = sink.send({ ...note, title: 'b' }).then(() => order.push('b'));
    expect(await sink.send({ ...note, title: 'c' })).toMatchObject({ ok: false, error: { kind: 'unavailable' } });
    release();
    await Promise.all([a, b]);
    expect(order).toEqual(['a', 'b']);
    expect(calls.map((c) => String(c.body.text).split('\n')[0])).toEqual(['a', 'a', 'b']);
  });

  it('keeps a long message under Telegram’s 4096 characters and marks problems', () => {
    expect(telegramText({ ...note, body: 'x'.repeat(5000) })).toHaveLength(4096);
    expect(telegramText({ ...note, urgent: true }).startsWith('⚠️ ')).toBe(true);
  });
});
