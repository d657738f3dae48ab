import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '#core/log';
import type { Router } from '#bridge/router';
import type { EngineApi } from '#engine/engine-api';
import { startHttpServer, type RunningServer } from './http-server.ts';

const router: Router = { invoke: async () => ({ ok: true, value: null }), subscribe: () => ({ ok: true, value: () => undefined }) };
const TEXT = '# HELP terminal_fills_total Fills received\n# TYPE terminal_fills_total counter\nterminal_fills_total 3\n';
let server: RunningServer;
let token: string;

beforeAll(async () => {
  const r = await startHttpServer({
    host: '127.0.0.1',
    port: 0,
    router,
    // The REST API reads the version at start; /metrics itself never touches the engine.
    engine: { status: () => ({ version: 'test' }) } as unknown as EngineApi,
    logger: silentLogger(),
    metrics: { contentType: 'text/plain; version=0.0.4; charset=utf-8', text: async () => TEXT },
  });
  if (!r.ok) throw new Error(r.error.message);
  server = r.value;
  token = new URL(server.url).searchParams.get('token')!;
});
afterAll(() => server?.close());

function get(headers: Record<string, string>): Promise<{ status: number; type?: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: server.port, path: '/metrics', headers: { host: `127.0.0.1:${server.port}`, ...headers } }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, ...(res.headers['content-type'] ? { type: res.headers['content-type'] } : {}), body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('GET /metrics', () => {
  it('answers Prometheus with a bearer token', async () => {
    const r = await get({ authorization: `Bearer ${token}` });
    expect(r.status).toBe(200);
    expect(r.type).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(r.body).toBe(TEXT);
  });

  it('refuses a scrape without the token, with a wrong one, or under a foreign Host', async () => {
    expect((await get({})).status).toBe(401);
    expect((await get({ authorization: `Bearer ${'x'.repeat(43)}` })).status).toBe(401);
    expect((await get({ host: 'evil.example', authorization: `Bearer ${token}` })).status).toBe(403);
    expect((await get({})).body).not.toContain('terminal_');
  });
});
