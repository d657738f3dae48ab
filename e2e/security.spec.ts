import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import WebSocket from 'ws';
import type { ServerMessage } from '#contract/bridge-api';
import { SIM, TERMINAL } from '../playwright.config.ts';
import { CHROMIUM_PATH, SKIP_REASON } from './chromium.ts';

/**
 * The headless server as an attacker on this machine's loopback sees it: a DNS-rebinding page (foreign
 * Host, or Origin = Host = evil.example), a page or program without the token, and a bridge client
 * trying to make the terminal send the saved OpenAlgo key to a server of its choosing.
 */
const { port, origin, token } = TERMINAL;
const bearer = { authorization: `Bearer ${token}` };

function get(pathname: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: pathname, headers: { host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

/** 101 when the bridge opened, otherwise the HTTP status of the refusal. */
function upgrade(headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/bridge`, { headers: { host: `127.0.0.1:${port}`, ...headers } });
    ws.on('open', () => {
      ws.close();
      resolve(101);
    });
    ws.on('unexpected-response', (_req, res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    ws.on('error', reject);
  });
}

const attacks: { name: string; headers: Record<string, string>; status: number }[] = [
  { name: 'a foreign Host', headers: { ...bearer, host: `evil.example:${port}` }, status: 403 },
  { name: 'Origin = Host = evil.example', headers: { ...bearer, host: `evil.example:${port}`, origin: `http://evil.example:${port}` }, status: 403 },
  { name: 'a foreign Origin', headers: { ...bearer, origin: `http://evil.example:${port}` }, status: 403 },
  { name: 'no token', headers: { origin }, status: 401 },
  { name: 'a wrong token', headers: { origin, authorization: 'Bearer e2e-terminal-token-0123456789abcdeX' }, status: 401 },
];

test.describe('refused at the door', () => {
  for (const a of attacks) {
    test(`the bridge upgrade and /api with ${a.name}`, async () => {
      expect(await upgrade(a.headers)).toBe(a.status);
      expect(await get('/api/status', a.headers)).toBe(a.status);
    });
  }

  test('the right Host, Origin and token open both', async () => {
    expect(await upgrade({ ...bearer, origin })).toBe(101);
    expect(await get('/api/status', bearer)).toBe(200);
  });

  test('a foreign Host cannot even load the page', async () => {
    expect(await get('/', { host: `evil.example:${port}` })).toBe(403);
    expect(await get(`/?token=${token}`, { host: `evil.example:${port}` })).toBe(403);
  });
});

test.describe('the token link in a browser', () => {
  test.skip(!CHROMIUM_PATH, SKIP_REASON);
  test.use({ storageState: { cookies: [], origins: [] } });

  test('without the token the page says to open the printed address', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByTestId('bridge-refused')).toContainText('open the address the terminal printed when it started');
  });

  test('the printed link sets an HttpOnly SameSite=Strict cookie, lands on the clean address and the terminal works', async ({ page, context }) => {
    await page.goto(`/?token=${token}`);
    await expect(page).toHaveURL(`${origin}/`);
    await expect(page.getByTestId('mode-badge')).toHaveText('SIMULATION');
    const cookie = (await context.cookies()).find((c) => c.name === `terminal_token_${port}`);
    expect(cookie).toMatchObject({ value: token, httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(await page.evaluate(() => document.cookie)).not.toContain(token);
  });
});

interface Capture {
  readonly url: string;
  readonly seen: string[];
  close(): Promise<void>;
}

/** A server on another loopback port that records everything sent to it, WebSocket upgrades included. */
async function captureServer(): Promise<Capture> {
  const seen: string[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      seen.push(`${req.method} ${req.url} ${JSON.stringify(req.headers)} ${body}`);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"success","data":{"broker":"capture","message":"pong"}}');
    });
  });
  server.on('upgrade', (req, socket) => {
    seen.push(`UPGRADE ${req.url} ${JSON.stringify(req.headers)}`);
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A bridge client as any program holding the token would have it. */
async function bridge(): Promise<{ invoke(channel: string, input: unknown): Promise<unknown>; close(): void }> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/bridge`, { headers: bearer });
  await new Promise((resolve, reject) => {
    ws.on('open', resolve);
    ws.on('error', reject);
  });
  const waiting = new Map<number, (r: unknown) => void>();
  ws.on('message', (d) => {
    const msg = JSON.parse(d.toString()) as ServerMessage;
    if (msg.type === 'result') waiting.get(msg.id)?.(msg.result);
  });
  let next = 1;
  return {
    invoke: (channel, input) =>
      new Promise((resolve) => {
        const id = next++;
        waiting.set(id, resolve);
        ws.send(JSON.stringify({ type: 'invoke', id, channel, input }));
      }),
    close: () => ws.close(),
  };
}

test('the saved key never reaches a server on another loopback port, whatever the bridge is asked', async () => {
  const capture = await captureServer();
  const b = await bridge();
  try {
    const simUrl = `http://127.0.0.1:${SIM.port}`;
    const simWs = `ws://127.0.0.1:${SIM.wsPort}`;
    expect(await b.invoke('connection:save', { baseUrl: simUrl, wsUrl: simWs, apiKey: SIM.apiKey })).toMatchObject({ ok: true, value: { hasApiKey: true } });
    const captureWs = capture.url.replace('http:', 'ws:');
    const asks: [string, unknown][] = [
      ['connection:test', { baseUrl: capture.url }],
      ['connection:test', { baseUrl: `${capture.url}/` }],
      ['connection:test', { baseUrl: `${capture.url}/api/v1` }],
      ['connection:test', { baseUrl: capture.url.replace('127.0.0.1', 'localhost') }],
      ['connection:test', { baseUrl: capture.url, wsUrl: captureWs }],
      ['connection:save', { baseUrl: capture.url }],
      ['connection:save', { wsUrl: captureWs }],
      ['connection:save', { baseUrl: capture.url, wsUrl: captureWs }],
      ['connection:test', {}],
      ['connection:get', {}],
      ['connection:test', { baseUrl: capture.url, apiKey: '' }],
      ['connection:save', { baseUrl: capture.url, apiKey: null }],
    ];
    const answers = [];
    for (const [channel, input] of asks) answers.push(await b.invoke(channel, input));
    for (const a of answers.slice(0, 8)) expect(a).toMatchObject({ ok: false, error: { message: expect.stringMatching(/type the (API )?key again/) } });
    expect(answers[8]).toMatchObject({ ok: true, value: { broker: expect.any(String) } });
    expect(answers[9]).toMatchObject({ ok: true, value: { baseUrl: simUrl, wsUrl: simWs, hasApiKey: true } });
    expect(answers.slice(10).every((a) => (a as { ok: boolean }).ok === false)).toBe(true);
    expect(capture.seen.join('\n')).not.toContain(SIM.apiKey);
    expect(capture.seen).toEqual([]);
    expect(JSON.stringify(answers)).not.toContain(SIM.apiKey);
  } finally {
    b.close();
    await capture.close();
  }
});
