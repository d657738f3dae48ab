import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '#core/log';
import { createRouter } from '#bridge/router';
import { TradingHarness } from '#engine/testing/trading-harness';
import { killReportDto, orderDto, positionsDto, riskDto } from '#contract/trading-dto';
import { startHttpServer, type RunningServer } from './http-server.ts';

let h: TradingHarness | undefined;
let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  await h?.close();
  server = undefined;
  h = undefined;
});

interface Answer {
  status: number;
  body: string;
}

function request(port: number, method: string, pathname: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: pathname, method, headers: { host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function open(): Promise<{ port: number; auth: Record<string, string> }> {
  h = await TradingHarness.open();
  const r = await startHttpServer({ host: '127.0.0.1', port: 0, router: createRouter(h.engine, silentLogger()), engine: h.engine, logger: silentLogger() });
  if (!r.ok) throw new Error(r.error.message);
  server = r.value;
  return { port: server.port, auth: { authorization: `Bearer ${new URL(server.url).searchParams.get('token')}` } };
}

describe('the local API: kill switch and book', () => {
  it('POST /api/kill flattens the book and halts; the book reads show it', async () => {
    const { port, auth } = await open();
    await h!.submit(h!.straddle());
    await h!.advance(2000);
    const positions = positionsDto.parse(JSON.parse((await request(port, 'GET', '/api/positions', auth)).body));
    expect(positions.positions.map((p) => p.netQuantity)).toEqual([-65, -65]);
    expect(positions.structures).toHaveLength(1);

    const killed = await h!.until(request(port, 'POST', '/api/kill', auth));
    expect(killed.status).toBe(200);
    expect(killReportDto.parse(JSON.parse(killed.body))).toMatchObject({ source: 'http-api', flat: true, state: 'halted' });

    const after = positionsDto.parse(JSON.parse((await request(port, 'GET', '/api/positions', auth)).body));
    expect(after.positions).toEqual([]);
    const orders = JSON.parse((await request(port, 'GET', '/api/orders', auth)).body) as unknown[];
    expect(orders.map((o) => orderDto.parse(o).status)).toEqual(['filled', 'filled', 'filled', 'filled']);
    expect(orders.map((o) => orderDto.parse(o).structure?.role)).toEqual(['entry', 'entry', 'exit', 'exit']);
    const risk = riskDto.parse(JSON.parse((await request(port, 'GET', '/api/risk', auth)).body));
    expect(risk).toMatchObject({ state: 'halted', cause: 'kill-switch' });
    const audit = h!.store.sqlite.prepare("SELECT actor, payload FROM audit_log WHERE kind = 'kill' ORDER BY seq LIMIT 1").get() as { actor: string; payload: string };
    expect(audit.actor).toBe('trader');
    expect(JSON.parse(audit.payload)).toMatchObject({ source: 'http-api' });
  });

  it('needs the token, this machine’s name, and no foreign Origin: a web page cannot press the kill switch', async () => {
    const { port, auth } = await open();
    expect((await request(port, 'POST', '/api/kill')).status).toBe(401);
    expect((await request(port, 'POST', '/api/kill', { ...auth, origin: 'http://evil.example' })).status).toBe(403);
    expect((await request(port, 'POST', '/api/kill', { ...auth, host: 'evil.example' })).status).toBe(403);
    expect((await request(port, 'GET', '/api/kill', auth)).status).toBe(404);
    for (const p of ['/api/positions', '/api/orders', '/api/risk']) expect((await request(port, 'GET', p)).status).toBe(401);
    expect(h!.engine.trading.risk().state.state).toBe('active');
  });
});
