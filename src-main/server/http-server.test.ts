import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { silentLogger } from '#core/log';
import type { Router } from '#bridge/router';
import type { EngineApi, EngineStatus } from '#engine/engine-api';
import { startHttpServer, type HttpServerOptions, type RunningServer } from './http-server.ts';

const status: EngineStatus = {
  version: '9.9.9',
  mode: 'simulation',
  now: Date.UTC(2026, 10, 24, 5, 0),
  marketOpen: true,
  feedName: 'simulator',
  feed: { state: 'connected' } as EngineStatus['feed'],
  chartInstrument: 'NSE_INDEX:NIFTY' as EngineStatus['chartInstrument'],
};
const engine = { status: () => status } as unknown as EngineApi;
const router: Router = {
  invoke: async (channel) => ({ ok: true, value: `answered ${String(channel)}` }),
  subscribe: () => ({ ok: true, value: () => undefined }),
};

let staticDir: string;
beforeAll(() => {
  staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ui-'));
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>terminal</title>');
  fs.writeFileSync(path.join(staticDir, 'app.js'), 'console.log(1)');
});
afterAll(() => fs.rmSync(staticDir, { recursive: true, force: true }));

async function start(overrides: Partial<HttpServerOptions> = {}): Promise<RunningServer> {
  const r = await startHttpServer({ host: '127.0.0.1', port: 0, router, engine, logger: silentLogger(), staticDir, ...overrides });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

const tokenOf = (s: RunningServer): string => new URL(s.url).searchParams.get('token')!;

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A raw request, so Host and Origin can be anything a browser (or an attacker's page) could send. */
function request(port: number, pathname: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: pathname, method, headers: { host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Opens the bridge; resolves with the HTTP status of a refusal, or 101 when it opened. */
function upgrade(port: number, headers: Record<string, string>, pathname = '/bridge'): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}${pathname}`, { headers: { host: `127.0.0.1:${port}`, ...headers } });
    ws.on('open', () => {
      ws.close();
      resolve(101);
    });
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      res.resume();
    });
    ws.on('error', reject);
  });
}

describe('DNS rebinding: only this machine’s names are served', () => {
  let server: RunningServer;
  let bearer: Record<string, string>;
  beforeAll(async () => {
    server = await start({ allowedHost: 'terminal.lan' });
    bearer = { authorization: `Bearer ${tokenOf(server)}` };
  });
  afterAll(() => server.close());

  const foreignHosts = (port: number) => [
    'evil.example',
    `evil.example:${port}`,
    `127.0.0.1.evil.example:${port}`,
    `localhost.evil.example:${port}`,
    `evil.example@127.0.0.1:${port}`,
    `127.0.0.1:${port + 1}`,
    `127.0.0.2:${port}`,
    '127.0.0.1',
  ];

  it('refuses every route, the token link included, when Host is not loopback or the configured name', async () => {
    const { port } = server;
    for (const host of foreignHosts(port)) {
      for (const route of ['/', '/index.html', '/app.js', '/api/status', '/nothing-here', `/?token=${tokenOf(server)}`]) {
        const r = await request(port, route, { ...bearer, host });
        expect({ host, route, status: r.status }).toEqual({ host, route, status: 403 });
        expect(r.headers['set-cookie']).toBeUndefined();
      }
    }
  });

  it('refuses a request without a Host header', async () => {
    const answer = await new Promise<string>((resolve) => {
      const socket = net.connect(server.port, '127.0.0.1', () => socket.write('GET /index.html HTTP/1.0\r\n\r\n'));
      let text = '';
      socket.on('data', (c: Buffer) => (text += c.toString()));
      socket.on('close', () => resolve(text));
    });
    expect(answer).toMatch(/^HTTP\/1\.1 403/);
  });

  it('refuses Origin = Host = evil.example, and any Origin that is not this server', async () => {
    const { port } = server;
    const cases = [
      { host: `evil.example:${port}`, origin: `http://evil.example:${port}` },
      { host: `127.0.0.1:${port}`, origin: `http://evil.example:${port}` },
      { host: `127.0.0.1:${port}`, origin: `http://localhost:${port}` },
      { host: `127.0.0.1:${port}`, origin: `https://127.0.0.1:${port}` },
      { host: `127.0.0.1:${port}`, origin: `http://127.0.0.1:${port + 1}` },
      { host: `127.0.0.1:${port}`, origin: 'null' },
    ];
    for (const { host, origin } of cases) {
      for (const route of ['/', '/api/status']) expect((await request(port, route, { ...bearer, host, origin })).status).toBe(403);
      expect(await upgrade(port, { ...bearer, host, origin })).toBe(403);
    }
  });

  it('serves loopback names and the configured host name on the real port', async () => {
    const { port } = server;
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`, `[::1]:${port}`, `terminal.lan:${port}`]) {
      expect((await request(port, '/', { host })).status).toBe(200);
      expect((await request(port, '/api/status', { ...bearer, host, origin: `http://${host.toLowerCase()}` })).status).toBe(200);
      expect(await upgrade(port, { ...bearer, host, origin: `http://${host.toLowerCase()}` })).toBe(101);
    }
  });

  it('refuses the bridge upgrade for a foreign Host even with the token', async () => {
    for (const host of foreignHosts(server.port)) expect(await upgrade(server.port, { ...bearer, host })).toBe(403);
  });
});

describe('the access token', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await start();
  });
  afterAll(() => server.close());

  it('is random per run and printed in the URL', async () => {
    const other = await start();
    try {
      expect(server.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/\\?token=[A-Za-z0-9_-]{43}$`));
      expect(server.origin).toBe(`http://127.0.0.1:${server.port}`);
      expect(tokenOf(other)).not.toBe(tokenOf(server));
    } finally {
      await other.close();
    }
  });

  it('the UI loads without it, but /api and /bridge refuse without it', async () => {
    expect((await request(server.port, '/')).status).toBe(200);
    expect((await request(server.port, '/app.js')).status).toBe(200);
    const api = await request(server.port, '/api/status');
    expect(api.status).toBe(401);
    expect(JSON.parse(api.body)).toMatchObject({ error: 'unauthorized', message: expect.stringContaining('?token=') });
    expect(await upgrade(server.port, {})).toBe(401);
    expect(await upgrade(server.port, { authorization: 'Bearer not-the-token' })).toBe(401);
    expect(await upgrade(server.port, { cookie: `terminal_token_${server.port}=${tokenOf(server)}x` })).toBe(401);
    expect((await request(server.port, '/api/status', { authorization: `Bearer ${tokenOf(server).slice(1)}` })).status).toBe(401);
  });

  it('the printed link sets an HttpOnly SameSite=Strict cookie and redirects to the clean address; the cookie opens /api and /bridge', async () => {
    const r = await request(server.port, `/?token=${tokenOf(server)}`);
    expect(r.status).toBe(303);
    expect(r.headers.location).toBe('/');
    const cookie = r.headers['set-cookie']?.[0] ?? '';
    expect(cookie).toBe(`terminal_token_${server.port}=${tokenOf(server)}; HttpOnly; SameSite=Strict; Path=/`);
    const jar = { cookie: `other=1; ${cookie.split(';')[0]!}` };
    expect((await request(server.port, '/api/status', jar)).status).toBe(200);
    expect(await upgrade(server.port, jar)).toBe(101);
  });

  it('a link with a wrong token is refused with a clear line and sets nothing', async () => {
    const r = await request(server.port, '/?token=an-old-token-from-yesterday');
    expect(r.status).toBe(401);
    expect(r.body).toMatch(/open the address the terminal printed/);
    expect(r.headers['set-cookie']).toBeUndefined();
  });

  it('/api accepts Authorization: Bearer', async () => {
    const r = await request(server.port, '/api/status', { authorization: `Bearer ${tokenOf(server)}` });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({ version: '9.9.9', mode: 'simulation', feed: { name: 'simulator', state: 'connected' } });
  });

  it('a configured token replaces the per-run one', async () => {
    const fixed = 'f'.repeat(24) + '0123456789abcdef';
    const s = await start({ token: fixed });
    try {
      expect(s.url).toBe(`http://127.0.0.1:${s.port}/?token=${fixed}`);
      expect((await request(s.port, '/api/status', { authorization: `Bearer ${fixed}` })).status).toBe(200);
    } finally {
      await s.close();
    }
  });

  it('a configured token that is too weak is refused at start', async () => {
    const r = await startHttpServer({ host: '127.0.0.1', port: 0, router, engine, logger: silentLogger(), token: 'short' });
    expect(!r.ok && r.error.kind).toBe('bad-token');
  });
});

describe('binding beyond loopback', () => {
  it('is refused without a configured token, in one line', async () => {
    for (const host of ['0.0.0.0', '::']) {
      const r = await startHttpServer({ host, port: 0, router, engine, logger: silentLogger() });
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.kind).toBe('insecure-bind');
        expect(`${r.error.message}: ${r.error.fix}`).not.toContain('\n');
        expect(r.error.fix).toMatch(/TERMINAL_SERVER_TOKEN|server\.token/);
      }
    }
  });

  it('with a configured token it starts and warns in one line; Host must still be this machine', async () => {
    const s = await start({ host: '0.0.0.0', token: 'a'.repeat(40), allowedHost: 'terminal.lan' });
    try {
      expect(s.warning).toMatch(/reachable from other machines/);
      expect(s.warning).not.toContain('\n');
      expect(s.url).toBe(`http://terminal.lan:${s.port}/?token=${'a'.repeat(40)}`);
      expect((await request(s.port, '/', { host: `evil.example:${s.port}` })).status).toBe(403);
      expect((await request(s.port, '/', { host: `terminal.lan:${s.port}` })).status).toBe(200);
    } finally {
      await s.close();
    }
  });

  it('a loopback bind gives no warning', async () => {
    const s = await start();
    expect(s.warning).toBeUndefined();
    await s.close();
  });

  it('a port in use is a one-line error, not a throw', async () => {
    const s = await start();
    try {
      const r = await startHttpServer({ host: '127.0.0.1', port: s.port, router, engine, logger: silentLogger() });
      expect(!r.ok && r.error.kind).toBe('port-in-use');
    } finally {
      await s.close();
    }
  });
});

describe('HTTP hardening', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await start({ limits: { headersTimeoutMs: 1000, requestTimeoutMs: 2000, connectionsCheckingIntervalMs: 100 } });
  });
  afterAll(() => server.close());

  it('every response carries the security headers and none carries CORS headers', async () => {
    const port = server.port;
    const origin = `http://127.0.0.1:${port}`;
    const answers = [
      await request(port, '/'),
      await request(port, '/app.js'),
      await request(port, '/nothing-here'),
      await request(port, '/api/status', { authorization: `Bearer ${tokenOf(server)}`, origin }),
      await request(port, '/api/status'),
      await request(port, `/?token=${tokenOf(server)}`),
      await request(port, '/?token=wrong'),
      await request(port, '/', { host: 'evil.example' }),
      await request(port, '/api/status', { origin, 'access-control-request-method': 'GET' }, 'OPTIONS'),
    ];
    expect(answers.map((a) => a.status)).toEqual([200, 200, 404, 200, 401, 303, 401, 403, 401]);
    for (const a of answers) {
      expect(a.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(a.headers['content-security-policy']).toContain("script-src 'self'");
      expect(a.headers['x-frame-options']).toBe('DENY');
      expect(a.headers['x-content-type-options']).toBe('nosniff');
      expect(a.headers['referrer-policy']).toBe('no-referrer');
      expect(Object.keys(a.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
    }
  });

  it('a socket that sends its headers one byte at a time is cut off', async () => {
    const socket = net.connect(server.port, '127.0.0.1');
    const request = `GET / HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nX-Slow: ${'a'.repeat(200)}\r\n\r\n`;
    let sent = 0;
    const drip = setInterval(() => {
      if (!socket.destroyed && sent < request.length) socket.write(request[sent++]!);
    }, 50);
    const started = performance.now();
    const closedAfter = await new Promise<number>((resolve) => {
      socket.on('close', () => resolve(performance.now() - started));
      socket.on('error', () => undefined);
      setTimeout(() => resolve(Number.POSITIVE_INFINITY), 8000);
    });
    clearInterval(drip);
    socket.destroy();
    expect(sent).toBeLessThan(request.length);
    expect(closedAfter).toBeLessThan(4000);
  });
});
