import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '#core/log';
import { createRouter } from '#bridge/router';
import { BotDay } from '#engine/bots/testing/bot-day';
import { createTerminalClient, type ApiResult, type TerminalClient } from '#client/rest-client';
import { apiErrorDto, restRoutes } from '#contract/rest-api';
import { startHttpServer, type RunningServer } from '../http-server.ts';

/** VaR, stress and shadow A/B over the REST API, on a whole engine in a simulated session. */
let day: BotDay;
let server: RunningServer;
let client: TerminalClient;
let auth: Record<string, string>;

beforeAll(async () => {
  day = await BotDay.start({ day: '2026-11-25', seed: 8, session: 's1', startMinute: 30 });
  const r = await startHttpServer({ host: '127.0.0.1', port: 0, router: createRouter(day.engine, silentLogger()), engine: day.engine, logger: silentLogger() });
  if (!r.ok) throw new Error(r.error.message);
  server = r.value;
  const token = new URL(server.url).searchParams.get('token')!;
  auth = { authorization: `Bearer ${token}` };
  client = createTerminalClient({ url: new URL(server.url).origin, token });
}, 120_000);

afterAll(async () => {
  await server?.close();
  await day?.close();
});

function value<T>(r: ApiResult<T>): T {
  if (!r.ok) throw new Error(`${r.error.status} ${r.error.error}: ${r.error.message}`);
  return r.value;
}

describe('VaR, stress and shadow A/B over the REST API', () => {
  it('answers VaR with its history, the stress table by bot and its HTML page', async () => {
    // The first read asks for the first refresh, which runs off the engine's loop; until it ends, VaR says so.
    const first = value(await client.call('riskVar', {}));
    expect(first.latest.unavailable.map((u) => u.reason)).toContain('the first VaR refresh is running');
    await day.runTo(31);
    const v = value(await client.call('riskVar', {}));
    expect(v.latest.unavailable).toEqual([]);
    expect(v.latest.rows.map((r) => `${r.method} ${r.horizon} ${r.confidence}`)).toContain('monte-carlo 1d 0.99');
    expect(v.history.length).toBeGreaterThanOrEqual(v.latest.rows.length);
    const since = value(await client.call('riskVar', { query: { since: v.latest.ts + 1 } }));
    expect(since.history).toEqual([]);
    expect(await client.call('riskVar', { query: { since: -1 } })).toMatchObject({ ok: false, error: { status: 400, field: 'since' } });
    const stress = value(await client.call('riskStress', {}));
    expect(stress.rows.map((r) => r.id)).toContain('gap-down-5');
    const html = value(await client.call('riskStressHtml', {}));
    expect(html).toMatchObject({ fileName: 'stress-2026-11-25.html', html: expect.stringContaining('<h1>Stress scenarios</h1>') });
  });

  it('starts a variant, compares it, refuses a bad one, stops and promotes it, each audited', async () => {
    const started = value(await client.call('shadowStart', { body: { botId: 'iron-condor', label: 'wide', params: { takeProfitPct: 40 } } }));
    expect(started).toMatchObject({ variantId: 'iron-condor~wide', status: 'running' });
    expect(await client.call('shadowStart', { body: { botId: 'iron-condor', label: 'wide' } })).toMatchObject({ ok: false, error: { status: 409 } });
    expect(await client.call('shadowStart', { body: { botId: 'iron-condor', label: 'no spaces' } })).toMatchObject({ ok: false, error: { status: 400, field: 'body.label' } });
    expect(await client.call('shadowStart', { body: { botId: 'iron-condor', label: 'far', params: { takeProfitPct: 1000 } } })).toMatchObject({ ok: false, error: { status: 409, message: expect.stringMatching(/takeProfitPct/) } });
    await day.runTo(33);
    const cmp = value(await client.call('shadowCompare', { params: { variant: 'iron-condor~wide' } }));
    expect(cmp).toMatchObject({ days: ['2026-11-25'], verdict: { kind: 'insufficient' } });
    expect(await client.call('shadowCompare', { params: { variant: 'nothing' } })).toMatchObject({ ok: false, error: { status: 400, field: 'variant' } });
    expect(await client.call('shadowCompare', { params: { variant: 'iron-condor~none' } })).toMatchObject({ ok: false, error: { status: 409, message: 'no variant iron-condor~none' } });
    expect(value(await client.call('shadows', {})).map((s) => [s.variantId, s.status])).toEqual([['iron-condor~wide', 'running']]);
    expect(value(await client.call('shadowStop', { params: { variant: 'iron-condor~wide' } }))).toMatchObject({ status: 'stopped' });
    expect(value(await client.call('shadowPromote', { params: { variant: 'iron-condor~wide' } }))).toMatchObject({ status: 'promoted' });
    expect(value(await client.botParams('iron-condor')).values['takeProfitPct']).toBe(40);
    const trail = day.store.sqlite.prepare("SELECT kind FROM audit_log WHERE kind LIKE 'bot:shadow-%' ORDER BY seq").pluck().all();
    expect(trail).toEqual(['bot:shadow-start', 'bot:shadow-stop', 'bot:shadow-promote']);
  });

  it('stops every running variant with the kill switch', async () => {
    value(await client.call('shadowStart', { body: { botId: 'momentum-rider', label: 'k1', params: { riskPct: 2 } } }));
    expect(value(await client.kill())).toMatchObject({ state: 'halted' });
    const list = value(await client.call('shadows', {}));
    expect(list.find((v) => v.variantId === 'momentum-rider~k1')).toMatchObject({ status: 'stopped' });
    const why = day.store.sqlite.prepare("SELECT payload FROM audit_log WHERE kind = 'bot:shadow-stop' ORDER BY seq DESC LIMIT 1").pluck().get() as string;
    expect(JSON.parse(why)).toMatchObject({ variantId: 'momentum-rider~k1' });
  });

  it('lists the routes in the OpenAPI document with named schemas', async () => {
    const r = await fetch(new URL('/api/openapi.json', server.url), { headers: auth });
    const doc = (await r.json()) as { paths: Record<string, Record<string, unknown>>; components: { schemas: Record<string, unknown> } };
    for (const name of ['riskVar', 'riskStress', 'riskStressHtml', 'shadows', 'shadowStart', 'shadowCompare', 'shadowStop', 'shadowPromote'] as const) {
      const route = restRoutes[name];
      expect(doc.paths[route.path]?.[route.method.toLowerCase()], name).toBeDefined();
    }
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(['VarHistory', 'StressReport', 'ShadowVariant', 'ShadowComparison', 'ShadowVariantInput']));
    const bad = await fetch(new URL('/api/shadow', server.url), { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: '{"botId":"iron-condor"}' });
    expect(bad.status).toBe(400);
    expect(apiErrorDto.parse(await bad.json())).toMatchObject({ error: 'invalid-input', field: 'body.label' });
  });
});
