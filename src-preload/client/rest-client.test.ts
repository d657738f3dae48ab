import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTerminalClient, parseTerminalUrl } from './rest-client.ts';

/**
 * The client's own failure paths against a loopback server that misbehaves on purpose (the happy paths
 * run against the real terminal in src-main/server/rest/rest-api.e2e.test.ts).
 */
const seen: { method: string; url: string; headers: http.IncomingHttpHeaders; body: string }[] = [];
let server: http.Server;
let origin: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
      const json = (status: number, v: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(v));
      if (req.url === '/api/status') return json(200, { version: '1', mode: 'simulation' });
      if (req.url === '/api/bots') return res.writeHead(200, { 'content-type': 'text/html' }).end('<html>not the terminal</html>');
      if (req.url === '/api/risk') return res.writeHead(403, { 'content-type': 'text/plain' }).end('Forbidden: this address is not the terminal’s');
      if (req.url === '/api/trades') return setTimeout(() => json(200, []), 2000);
      if (req.url?.startsWith('/api/bots/')) return json(404, { error: 'not-found', message: 'there is no bot', field: 'bot' });
      return json(200, []);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

/** A port nothing listens on: one the system just handed out and took back. */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = http.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

describe('the REST client', () => {
  it('sends the token as a bearer, takes it from the printed link, and encodes path and query', async () => {
    const c = createTerminalClient({ url: `${origin}/?token=from-the-link-0123456789abcdef0123` });
    expect(c.origin).toBe(origin);
    await c.signals({ bot: 'iron-condor', limit: 5 });
    await c.call('botParamsSet', { params: { bot: 'a/b' }, body: { allocation: 5 } });
    const [signals, set] = seen.slice(-2);
    expect(signals).toMatchObject({ method: 'GET', url: '/api/signals?bot=iron-condor&limit=5', headers: { authorization: 'Bearer from-the-link-0123456789abcdef0123' } });
    expect(signals!.headers['content-type']).toBeUndefined();
    expect(set).toMatchObject({ method: 'PUT', url: '/api/bots/a%2Fb/params', body: '{"allocation":5}', headers: { 'content-type': 'application/json' } });
  });

  it('refuses an answer that does not match the route’s schema, or is not JSON', async () => {
    const c = createTerminalClient({ url: origin, token: 't' });
    expect(await c.status()).toMatchObject({ ok: false, error: { status: 200, error: 'bad-response', message: expect.stringMatching(/^GET \/api\/status answered a shape .*clock/) } });
    expect(await c.bots()).toMatchObject({ ok: false, error: { error: 'bad-response', message: expect.stringMatching(/did not answer JSON/) } });
  });

  it('passes the API’s refusal through, and a plain-text one as a line', async () => {
    const c = createTerminalClient({ url: origin, token: 't' });
    expect(await c.bot('nope')).toEqual({ ok: false, error: { status: 404, error: 'not-found', message: 'there is no bot', field: 'bot' } });
    expect(await c.risk()).toEqual({ ok: false, error: { status: 403, error: 'forbidden', message: 'GET /api/risk answered 403: Forbidden: this address is not the terminal’s' } });
  });

  it('says when nothing answers: unreachable, too slow, or a malformed address', async () => {
    const port = await freePort();
    const closed = createTerminalClient({ url: `http://127.0.0.1:${port}`, token: 't' });
    expect(await closed.status()).toMatchObject({ ok: false, error: { status: 0, error: 'unreachable', message: `cannot reach the terminal at http://127.0.0.1:${port} (ECONNREFUSED): is it running (npm run serve), and is this its address?` } });
    const slow = createTerminalClient({ url: origin, token: 't', timeoutMs: 200 });
    expect(await slow.trades()).toMatchObject({ ok: false, error: { status: 0, error: 'timeout' } });
    const bad = createTerminalClient({ url: 'not a url?token=secret-secret-secret', token: 't' });
    const r = await bad.status();
    expect(r).toMatchObject({ ok: false, error: { error: 'bad-url' } });
    expect(JSON.stringify(r)).not.toContain('secret-secret');
    expect(parseTerminalUrl('ftp://x')).toMatchObject({ ok: false, message: expect.stringMatching(/not http/) });
  });
});
