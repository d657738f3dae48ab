import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '#core/log';
import { BotDay } from '#engine/bots/testing/bot-day';
import { commands, streams } from '#contract/channels';
import { createRouter, type StreamSink } from './router.ts';

let day: BotDay | undefined;
afterEach(async () => {
  await day?.close();
  day = undefined;
});

const sink = (): StreamSink & { snapshots: unknown[]; deltas: unknown[] } => {
  const s = { snapshots: [] as unknown[], deltas: [] as unknown[], snapshot: (d: unknown) => s.snapshots.push(d), delta: (d: unknown) => s.deltas.push(d) };
  return s;
};

describe('VaR, stress, sizing and shadow A/B over the bridge', () => {
  it('answers in the contract’s shapes, streams VaR on its schedule, sets a sizing policy and runs a variant', async () => {
    day = await BotDay.start({ day: '2026-11-25', seed: 8, session: 's1' });
    const router = createRouter(day.engine, silentLogger());

    const s = sink();
    expect(router.subscribe('var', {}, s).ok).toBe(true);
    // The engine's first refresh runs off the loop: until it ends, the snapshot says so.
    const snap = streams.var.snapshot.parse(s.snapshots[0]);
    expect(snap).toMatchObject({ legs: 0, rows: [] });
    expect(snap!.unavailable.map((u) => u.reason)).toContain('the first VaR refresh is running');
    await day.runTo(6);
    expect(s.deltas.length).toBeGreaterThanOrEqual(1);
    const first = streams.var.delta.parse(s.deltas[0]);
    expect(first).toMatchObject({ legs: 0, unavailable: [] });
    expect(first.rows.map((r) => `${r.method} ${r.horizon} ${r.confidence} ${r.var}`)).toContain('historical 1d 0.99 0');

    const v = await router.invoke('risk:var', {});
    expect(v.ok).toBe(true);
    if (v.ok) expect(commands['risk:var'].output.parse(v.value).history.length).toBeGreaterThanOrEqual(8);
    expect(day.store.sqlite.prepare('SELECT COUNT(*) FROM var_history').pluck().get()).toBeGreaterThanOrEqual(8);

    const stress = await router.invoke('risk:stress', {});
    expect(stress.ok).toBe(true);
    if (stress.ok) expect(commands['risk:stress'].output.parse(stress.value).rows.map((r) => r.id)).toEqual(['gap-down-3', 'gap-down-5', 'gap-down-8', 'vix-up-10', 'vix-up-20', 'covid-2020-03-23', 'election-2024-06-04', 'budget-2020-02-01', 'whipsaw']);
    const html = await router.invoke('risk:stress:html', {});
    expect(html).toMatchObject({ ok: true, value: { fileName: 'stress-2026-11-25.html', html: expect.stringContaining('<h1>Stress scenarios</h1>') } });

    const sized = await router.invoke('bot:params:set', { botId: 'momentum-rider', sizing: { policy: 'kelly', stopPct: 50 } });
    expect(sized).toMatchObject({ ok: true, value: { sizing: { policy: 'kelly', stopPct: 50, fraction: 0.5, maxRiskPct: 2, minTrades: 30 } } });
    const badSizing = await router.invoke('bot:params:set', { botId: 'momentum-rider', sizing: { policy: 'kelly' } });
    expect(badSizing).toMatchObject({ ok: false, error: { message: expect.stringMatching(/stopPct/) } });

    const started = await router.invoke('shadow:start', { botId: 'iron-condor', label: 'wide', params: { takeProfitPct: 40 } });
    expect(started).toMatchObject({ ok: true, value: { variantId: 'iron-condor~wide', status: 'running', settings: { params: { takeProfitPct: 40 } } } });
    const again = await router.invoke('shadow:start', { botId: 'iron-condor', label: 'wide' });
    expect(again).toMatchObject({ ok: false, error: { kind: 'invalid-state', message: 'variant iron-condor~wide exists already: give it another label' } });
    await day.runTo(8);
    const cmp = await router.invoke('shadow:compare', { variantId: 'iron-condor~wide' });
    expect(cmp.ok).toBe(true);
    if (cmp.ok) expect(commands['shadow:compare'].output.parse(cmp.value)).toMatchObject({ days: ['2026-11-25'], verdict: { kind: 'insufficient' } });
    const list = await router.invoke('shadow:list', {});
    expect(list).toMatchObject({ ok: true, value: [{ variantId: 'iron-condor~wide', status: 'running', trading: { state: 'active', cause: null } }] });
    if (list.ok) expect(commands['shadow:list'].output.parse(list.value)[0]!.trading).toEqual({ state: 'active', cause: null });
    expect(await router.invoke('shadow:stop', { variantId: 'iron-condor~wide' })).toMatchObject({ ok: true, value: { status: 'stopped' } });
    const trail = day.store.sqlite.prepare("SELECT kind FROM audit_log WHERE kind LIKE 'bot:shadow-%' ORDER BY seq").pluck().all();
    expect(trail).toEqual(['bot:shadow-start', 'bot:shadow-stop']);
  }, 120_000);
});
