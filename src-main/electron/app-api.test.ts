import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '#core/log';
import { DEFAULT_CONFIG } from '#config/defaults';
import { configSchema } from '#config/schema';
import { TradingHarness } from '#engine/testing/trading-harness';
import { appApiPlan, startAppApi } from './app-api.ts';

const TOKEN = 'app-api-token-0123456789abcdef012345';
let h: TradingHarness | undefined;
let server: { close(): Promise<void> } | undefined;
afterEach(async () => {
  await server?.close();
  await h?.close();
  server = undefined;
  h = undefined;
});

const deps = (harness: TradingHarness, logger = silentLogger()) => ({ engine: harness.engine, now: () => harness.clock.now(), ordersPerSecondLimit: 10, logger });

function get(port: number, pathname: string, headers: Record<string, string> = {}): Promise<{ status: number; location?: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: pathname, headers: { host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, ...(res.headers.location ? { location: res.headers.location } : {}), body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the desktop app’s REST API', () => {
  it('is off by default, on port 8080 when enabled, and refused without a configured token', () => {
    expect(appApiPlan(DEFAULT_CONFIG, {})).toEqual({ kind: 'off' });
    const old = configSchema.parse({ ...DEFAULT_CONFIG, appApi: undefined });
    expect(old.appApi).toEqual({ enabled: false, port: 8080 });
    const enabled = { ...DEFAULT_CONFIG, appApi: { enabled: true, port: 8080 } };
    expect(appApiPlan(enabled, {})).toMatchObject({ kind: 'refused', message: expect.stringMatching(/server\.token.*TERMINAL_SERVER_TOKEN/) });
    expect(appApiPlan(enabled, { TERMINAL_SERVER_TOKEN: TOKEN })).toEqual({ kind: 'start', host: '127.0.0.1', port: 8080, token: TOKEN });
    expect(appApiPlan({ ...enabled, server: { ...DEFAULT_CONFIG.server, host: '0.0.0.0', token: TOKEN } }, {})).toMatchObject({ host: '127.0.0.1' });
    expect(() => configSchema.parse({ ...DEFAULT_CONFIG, appApi: { enabled: 'yes' } })).toThrow();
  });

  it('serves /api and /docs behind the token on loopback, and neither the UI nor the bridge', async () => {
    h = await TradingHarness.open();
    const running = await startAppApi({ kind: 'start', host: '127.0.0.1', port: 0, token: TOKEN }, deps(h));
    expect(running).toBeDefined();
    server = running;
    const port = running!.port;
    expect((await get(port, '/api/status')).status).toBe(401);
    expect(JSON.parse((await get(port, '/api/status', { authorization: `Bearer ${TOKEN}` })).body)).toMatchObject({ mode: 'simulation' });
    expect((await get(port, '/api/status', { authorization: `Bearer ${TOKEN}`, origin: 'http://evil.example' })).status).toBe(403);
    expect(await get(port, '/')).toMatchObject({ status: 303, location: '/docs' });
    expect((await get(port, '/docs')).body).toContain('/api/bots/{bot}/start');
    expect((await get(port, '/index.html')).status).toBe(404);
    const upgrade = await get(port, '/bridge', { authorization: `Bearer ${TOKEN}`, connection: 'upgrade', upgrade: 'websocket', 'sec-websocket-version': '13', 'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==' });
    expect(upgrade.status).toBe(404);
  });

  it('logs a refusal and runs on without the API', async () => {
    h = await TradingHarness.open();
    const warnings: string[] = [];
    const logger = { ...silentLogger(), warn: (...args: unknown[]) => void warnings.push(String(args.at(-1))) } as unknown as ReturnType<typeof silentLogger>;
    expect(await startAppApi({ kind: 'refused', message: 'no token' }, deps(h, logger))).toBeUndefined();
    expect(warnings).toEqual(['no token']);
  });

  it('serves /metrics behind the same token and Host rules, counting only while the API is up', async () => {
    h = await TradingHarness.open();
    const listeners = () => h!.engine.events.subscriberCount('tick');
    const before = listeners();
    const running = await startAppApi({ kind: 'start', host: '127.0.0.1', port: 0, token: TOKEN }, deps(h));
    server = running;
    const port = running!.port;
    await h.advance(3000);
    const scrape = await get(port, '/metrics', { authorization: `Bearer ${TOKEN}` });
    expect(scrape.status).toBe(200);
    expect(scrape.body).toContain('# TYPE terminal_ticks_total counter');
    expect(scrape.body).toMatch(/terminal_ticks_total\{instrument="NSE_INDEX:NIFTY"\} [1-9]/);
    expect(scrape.body).toContain('process_resident_memory_bytes');
    expect((await get(port, '/metrics')).status).toBe(401);
    expect((await get(port, '/metrics', { authorization: `Bearer ${'x'.repeat(40)}` })).status).toBe(401);
    expect((await get(port, '/metrics', { authorization: `Bearer ${TOKEN}`, host: 'evil.example' })).status).toBe(403);
    expect((await get(port, '/metrics', { authorization: `Bearer ${TOKEN}`, origin: 'http://evil.example' })).status).toBe(403);
    expect(listeners()).toBeGreaterThan(before);
    await running!.close();
    server = undefined;
    expect(listeners()).toBe(before);
  });
});
