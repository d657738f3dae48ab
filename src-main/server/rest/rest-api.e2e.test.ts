import http from 'node:http';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHeadlessTerminal, type HeadlessTerminal } from '#core/headless-test-support';
import { createTerminalClient, type ApiResult, type TerminalClient } from '#client/rest-client';
import { apiErrorDto, restRoutes, ROUTE_NAMES } from '#contract/rest-api';

/**
 * The REST API end to end: a real headless terminal (`src-main/server/main.ts`) in simulation, on its own
 * data folder and port, driven through the typed client and raw HTTP.
 */
const TOKEN = 'rest-e2e-token-0123456789abcdef0123';
let terminal: HeadlessTerminal;
let dir: string;
let origin: string;
let port: number;
let client: TerminalClient;

beforeAll(async () => {
  terminal = await startHeadlessTerminal({ name: 'rest-e2e', token: TOKEN, speed: 120 });
  ({ dataDir: dir, origin, port } = terminal);
  client = createTerminalClient({ url: origin, token: TOKEN });
}, 120_000);

afterAll(async () => {
  await terminal?.stop();
});

function value<T>(r: ApiResult<T>): T {
  if (!r.ok) throw new Error(`${r.error.status} ${r.error.error}: ${r.error.message}`);
  return r.value;
}

interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function raw(method: string, pathname: string, headers: Record<string, string> = {}, body?: string): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: pathname, method, headers: { host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}
const auth = { authorization: `Bearer ${TOKEN}` };

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 150_000): Promise<T> {
  const end = performance.now() + timeoutMs;
  while (performance.now() < end) {
    const got = await probe();
    if (got !== undefined) return got;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('the REST API against a headless terminal in simulation', () => {
  it('answers every read endpoint in its schema, the seed’s among them', async () => {
    const status = value(await client.status());
    expect(status).toMatchObject({ mode: 'simulation', feed: { name: 'simulator' } });
    expect(new Date(status.clock.iso).getTime()).toBe(status.clock.epochMs);
    const bots = value(await client.bots());
    expect(bots.map((b) => b.id)).toEqual(['short-straddle', 'iron-condor', 'volatility-expander', 'momentum-rider']);
    expect(value(await client.bot('iron-condor'))).toMatchObject({ id: 'iron-condor', state: 'stopped' });
    const performance = value(await client.performance());
    expect(performance.bots.map((b) => b.botId)).toEqual(bots.map((b) => b.id));
    value(await client.positions());
    value(await client.signals());
    value(await client.orders());
    value(await client.trades());
    value(await client.risk());
    value(await client.findings());
    expect(value(await client.trading())).toMatchObject({ broker: 'paper', liveOrders: false });
    expect(value(await client.botParams('short-straddle')).fields.map((f) => f.key)).toContain('ivPercentileMin');

    // The seed's eight endpoints, raw, each against its schema: same paths, same meaning.
    const seed = [
      ['status', 'GET', '/api/status'],
      ['bots', 'GET', '/api/bots'],
      ['bot', 'GET', '/api/bots/volatility-expander'],
      ['botStart', 'POST', '/api/bots/volatility-expander/start'],
      ['botStop', 'POST', '/api/bots/volatility-expander/stop'],
      ['performance', 'GET', '/api/performance'],
      ['positions', 'GET', '/api/positions'],
      ['signals', 'GET', '/api/signals'],
    ] as const;
    for (const [name, method, p] of seed) {
      const r = await raw(method, p, auth);
      expect([name, r.status]).toEqual([name, 200]);
      expect(restRoutes[name].response.safeParse(JSON.parse(r.body)).success, name).toBe(true);
      if (name === 'botStart') expect(JSON.parse(r.body)).toMatchObject({ id: 'volatility-expander', state: 'running' });
      if (name === 'botStop') expect(JSON.parse(r.body)).toMatchObject({ id: 'volatility-expander', state: 'stopped' });
    }

    // The client checked each answer; here the raw bodies are checked against the contract directly too.
    for (const name of ROUTE_NAMES) {
      const route = restRoutes[name];
      // `account` asks OpenAlgo, which simulation has not: its refusal is tested with arming below.
      if (route.method !== 'GET' || 'params' in route || name === 'account') continue;
      const r = await raw('GET', route.path, auth);
      expect([name, r.status]).toEqual([name, 200]);
      expect(r.headers['content-type']).toMatch(/^application\/json/);
      expect(r.headers['access-control-allow-origin']).toBeUndefined();
      expect(r.headers['cache-control']).toBe('no-store');
      expect(route.response.safeParse(JSON.parse(r.body)).success, name).toBe(true);
    }
  });

  it('refuses bad input with 400 naming the field, an unknown bot with 404, and changes nothing', async () => {
    const badId = await raw('GET', '/api/bots/Iron_Condor', auth);
    expect(badId.status).toBe(400);
    expect(apiErrorDto.parse(JSON.parse(badId.body))).toEqual({ error: 'invalid-input', message: 'bot: must be a lowercase bot id', field: 'bot' });
    const unknown = await client.startBot('no-such-bot');
    expect(unknown).toMatchObject({ ok: false, error: { status: 404, error: 'not-found' } });
    expect((await client.bot('no-such-bot')).ok).toBe(false);
    expect(await client.signals({ limit: 0 })).toMatchObject({ ok: false, error: { status: 400, field: 'limit' } });
    expect(await client.call('signals', { query: { bot: 'x', limit: 5, extra: 1 } as never })).toMatchObject({ ok: false, error: { status: 400, field: 'extra' } });
    expect(await client.history({ exchange: 'NFO', instrument: 'NFO:NIFTY' })).toMatchObject({ ok: false, error: { status: 400, field: 'exchange', message: expect.stringMatching(/not both/) } });
    expect(await client.history({ limit: 5000 })).toMatchObject({ ok: false, error: { status: 400, field: 'limit' } });
    const listed = value(await client.history({ exchange: 'nse_index', timeframe: '1m', limit: 1 }));
    expect([listed.limit, listed.more]).toEqual([1, listed.totalSeries - listed.series.length]);
    expect(await client.setBotParams('iron-condor', { params: { shortDelta: 0.9 } })).toMatchObject({ ok: false, error: { status: 400, message: expect.stringMatching(/shortDelta/) } });
    expect(await client.setBotParams('iron-condor', { allocation: -5 })).toMatchObject({ ok: false, error: { status: 400, field: 'body.allocation' } });
    const notJson = await raw('PUT', '/api/bots/iron-condor/params', { ...auth, 'content-type': 'application/json' }, '{"params":');
    expect(notJson.status).toBe(400);
    expect(apiErrorDto.parse(JSON.parse(notJson.body)).message).toMatch(/not valid JSON/);
    const huge = await raw('PUT', '/api/bots/iron-condor/params', { ...auth, 'content-type': 'application/json' }, JSON.stringify({ params: { note: 'x'.repeat(20_000) } }));
    expect([huge.status, apiErrorDto.parse(JSON.parse(huge.body)).error]).toEqual([413, 'too-large']);
    const form = await raw('PUT', '/api/bots/iron-condor/params', { ...auth, 'content-type': 'application/x-www-form-urlencoded' }, 'allocation=5');
    expect([form.status, apiErrorDto.parse(JSON.parse(form.body)).error]).toEqual([415, 'unsupported-media-type']);
    const extraBody = await raw('POST', '/api/bots/iron-condor/start', { ...auth, 'content-type': 'application/json' }, '{"force":true}');
    expect(extraBody.status).toBe(400);
    for (const [method, p] of [['GET', '/api/kill'], ['DELETE', '/api/bots'], ['GET', '/api/nothing/here']] as const) {
      const r = await raw(method, p, auth);
      expect([p, r.status]).toEqual([p, 404]);
      expect(apiErrorDto.parse(JSON.parse(r.body))).toMatchObject({ error: 'not-found', message: `there is no ${method} ${p}: the routes are listed at /docs` });
    }
    expect(value(await client.botParams('iron-condor')).values['shortDelta']).toBe(0.2);
    expect(value(await client.bot('iron-condor')).state).toBe('stopped');
    expect(await client.importCsv({ format: 'nse-fo-bhavcopy', path: 'relative/bhavcopy' })).toMatchObject({ ok: false, error: { status: 400, error: 'invalid-input', message: expect.stringMatching(/^give the full path/) } });
    expect(await client.call('dataImport', { body: { format: 'ohlcv', path: '/x.csv' } as never })).toMatchObject({ ok: false, error: { status: 400, field: 'body.instrumentId' } });
    expect(value(await client.dataJob())).toBeNull();
  });

  it('keeps live arming deliberate: the account must be named, and there is none to arm in simulation', async () => {
    expect(await client.call('arm', { body: {} as never })).toMatchObject({ ok: false, error: { status: 400, field: 'body.broker' } });
    expect(await client.arm({ broker: 'zerodha', host: '127.0.0.1:5000', rememberToday: false })).toMatchObject({ ok: false, error: { status: 409, error: 'not-available' } });
    expect(await client.account()).toMatchObject({ ok: false, error: { status: 409 } });
    expect(value(await client.trading()).armed).toBe(false);
  });

  it('starts a bot with lowered thresholds, sees it trade, and the kill switch flattens and halts (audited as the API)', async () => {
    // Any IV, any regime, every minute of the session, expiry days too (whenever the test runs, the simulated
    // session is soon in the window): the first liquid, trendless minute sells a straddle.
    const change = {
      params: { ivPercentileMin: 0, entryStart: '09:15', entryEnd: '15:10', checkEveryMinutes: 1, expiryEntryCutoff: '15:00' },
      regimes: ['trending', 'ranging', 'volatile'] as const,
    };
    expect(value(await client.validateBotParams('short-straddle', { ...change, regimes: [...change.regimes] })).values['ivPercentileMin']).toBe(0);
    expect(value(await client.botParams('short-straddle')).values['ivPercentileMin']).not.toBe(0);
    value(await client.setBotParams('short-straddle', { ...change, regimes: [...change.regimes] }));
    expect(value(await client.startBot('short-straddle')).state).toBe('running');

    const open = await until('the straddle to open', async () => {
      const p = value(await client.positions());
      return p.positions.length > 0 ? p : undefined;
    });
    expect(open.positions.every((p) => p.botId === 'short-straddle' && p.netQuantity < 0)).toBe(true);
    const signals = value(await client.signals({ bot: 'short-straddle' }));
    expect(signals.some((s) => s.decision.kind === 'taken' && s.intentIds.length > 0)).toBe(true);
    expect(signals.every((s) => s.botId === 'short-straddle')).toBe(true);
    expect(value(await client.trades()).some((t) => t.botId === 'short-straddle')).toBe(true);
    const perf = value(await client.performance());
    expect(perf.bots.find((b) => b.botId === 'short-straddle')!.trades).toBeGreaterThan(0);

    const report = value(await client.kill());
    expect(report).toMatchObject({ source: 'http-api', flat: true, state: 'halted' });
    expect(report.botsStopped).toContain('short-straddle');
    expect(value(await client.positions()).positions).toEqual([]);
    expect(value(await client.risk()).state).toBe('halted');
    expect(value(await client.bot('short-straddle')).state).toBe('stopped');
    // Halted: starting a bot is refused as the UI's Start is.
    expect(await client.startBot('short-straddle')).toMatchObject({ ok: false, error: { status: 409 } });

    const db = new Database(path.join(dir, 'terminal.sqlite'), { readonly: true, fileMustExist: true });
    try {
      const kill = db.prepare("SELECT actor, payload FROM audit_log WHERE kind = 'kill' ORDER BY seq LIMIT 1").get() as { actor: string; payload: string };
      expect(kill.actor).toBe('trader');
      expect(JSON.parse(kill.payload)).toMatchObject({ source: 'http-api' });
    } finally {
      db.close();
    }
  }, 240_000);

  it('serves the OpenAPI 3.1 document behind the token and /docs as one self-contained page', async () => {
    const doc = value(await client.openapi()) as { openapi: string; paths: Record<string, Record<string, { operationId: string }>>; components: { schemas: Record<string, unknown> } };
    expect(doc.openapi).toBe('3.1.0');
    const operations = Object.values(doc.paths).flatMap((m) => Object.values(m).map((o) => o.operationId));
    // Every route of the table, and the one page beside it (a backtest's report as HTML).
    expect(operations.sort()).toEqual([...ROUTE_NAMES, 'backtestReportPage'].sort());
    for (const ref of JSON.stringify(doc).match(/#\/components\/schemas\/\w+/g) ?? []) expect(doc.components.schemas).toHaveProperty(ref.split('/').at(-1)!);

    const docs = await raw('GET', '/docs');
    expect(docs.status).toBe(200);
    expect(docs.headers['content-type']).toMatch(/^text\/html/);
    expect(docs.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect(docs.body).not.toMatch(/<script|https?:\/\/(?!127\.0\.0\.1)[a-z]/i);
    for (const p of Object.keys(doc.paths)) expect(docs.body).toContain(`<code>${p}</code>`);
    expect(docs.body).not.toContain(TOKEN);
  });

  it('refuses calls without the token, with a foreign Host or from a foreign Origin, and sends no CORS headers', async () => {
    for (const [method, p] of [
      ['GET', '/api/status'],
      ['GET', '/api/bots'],
      ['POST', '/api/kill'],
      ['POST', '/api/bots/iron-condor/start'],
      ['GET', '/api/openapi.json'],
    ] as const) {
      const none = await raw(method, p);
      expect([p, none.status]).toEqual([p, 401]);
      expect(none.body).not.toContain(TOKEN);
      expect((await raw(method, p, { authorization: 'Bearer wrong-token-0123456789abcdef0123456789' })).status).toBe(401);
      expect((await raw(method, p, { ...auth, host: 'evil.example' })).status).toBe(403);
      expect((await raw(method, p, { ...auth, host: `attacker.example:${port}` })).status).toBe(403);
      const foreign = await raw(method, p, { ...auth, origin: 'http://evil.example' });
      expect(foreign.status).toBe(403);
      expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
    }
    const preflight = await raw('OPTIONS', '/api/kill', { origin: 'http://evil.example', 'access-control-request-method': 'POST' });
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    expect((await raw('GET', '/docs', { host: 'evil.example' })).status).toBe(403);
    const wrong = createTerminalClient({ url: origin, token: 'wrong-token-0123456789abcdef0123456789' });
    expect(await wrong.status()).toMatchObject({ ok: false, error: { status: 401, error: 'unauthorized' } });
  });
});
