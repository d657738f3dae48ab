import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { SimClock } from '#core/clock';
import { silentLogger } from '#core/log';
import { istToEpoch } from '#core/time-ist';
import type { Engine } from '#engine/engine';
import { openMarketEngine } from '#engine/testing/market-harness';
import { barDto } from '#contract/dto';
import { chainDto, quoteDto, studiesDeltaDto, studiesSnapshotDto } from '#contract/market-dto';
import { createRouter, type Router } from './router.ts';

/** The real engine on the simulated market (two sessions of warm-up) behind the real router. */
let engine: Engine;
let close: () => Promise<void>;
let router: Router;
const clock = new SimClock(istToEpoch(2026, 11, 25, 10, 15));

async function advance(ms: number): Promise<void> {
  const end = clock.now() + ms;
  while (clock.now() < end) {
    clock.advanceTo(Math.min(end, clock.now() + 250));
    for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
  }
}

function sink() {
  const snapshots: unknown[] = [];
  const deltas: unknown[] = [];
  return { snapshots, deltas, snapshot: (d: unknown) => snapshots.push(d), delta: (d: unknown) => deltas.push(d) };
}

beforeAll(async () => {
  ({ engine, close } = await openMarketEngine(clock, 2));
  router = createRouter(engine, silentLogger());
  await advance(3000);
});

afterAll(async () => {
  await close();
});

describe('market streams through the router, on the real engine', () => {
  it('quotes carry the previous session’s close and follow every tick, the ticks of one turn in one delta', async () => {
    const s = sink();
    const r = router.subscribe('quotes', {}, s);
    expect(r.ok).toBe(true);
    const quotes = z.array(quoteDto).parse(s.snapshots[0]);
    expect(quotes.map((q) => q.instrumentId)).toContain('NSE_INDEX:NIFTY');
    expect(quotes.map((q) => q.instrumentId)).toContain('NSE_INDEX:INDIAVIX');
    const nifty = quotes.find((q) => q.instrumentId === 'NSE_INDEX:NIFTY')!;
    const daily = engine.bars(nifty.instrumentId as never, '1d')!;
    const yesterday = daily.filter((b) => b.closed).at(-1)!;
    expect(nifty.prevClose).toBe(yesterday.close);
    expect(engine.status().lastTickAt).toBe(clock.now() - (clock.now() % 1000));
    const ticks: string[] = [];
    const offTicks = engine.events.subscribe('tick', (t) => ticks.push(t.instrumentId));
    await advance(2000);
    offTicks();
    const deltas = s.deltas.map((d) => z.array(quoteDto).parse(d));
    // Each delta holds an instrument once, and together they hold every instrument that ticked.
    for (const d of deltas) expect(new Set(d.map((q) => q.instrumentId)).size).toBe(d.length);
    expect(new Set(deltas.flat().map((q) => q.instrumentId))).toEqual(new Set(ticks.filter((id) => quotes.some((q) => q.instrumentId === id))));
    expect(deltas.length).toBeGreaterThanOrEqual(2);
    expect(deltas.length).toBeLessThan(deltas.flat().length);
    expect(deltas.at(-1)![0]).toMatchObject({ prevClose: expect.any(Number) });
    // Closed between a tick and its flush, the stream sends nothing more.
    clock.advanceTo(clock.now() + 1000);
    const sent = s.deltas.length;
    if (r.ok) r.value();
    await advance(1000);
    expect(s.deltas.length).toBe(sent);
  });

  it('older history pages back from a given bar start', async () => {
    const latest = engine.bars('NSE_INDEX:NIFTY' as never, '1m')!;
    const before = latest[100]!.tsStart;
    const r = await router.invoke('market:history', { instrumentId: 'NSE_INDEX:NIFTY', timeframe: '1m', before, count: 40 });
    expect(r.ok).toBe(true);
    const bars = z.array(barDto).parse(r.ok && r.value);
    expect(bars).toHaveLength(40);
    expect(bars.at(-1)!.time).toBe(latest[99]!.tsStart);
    const first = await router.invoke('market:history', { instrumentId: 'NSE_INDEX:NIFTY', timeframe: '1m', before: latest[0]!.tsStart, count: 40 });
    expect(first).toEqual({ ok: true, value: [] });
    const unknown = await router.invoke('market:history', { instrumentId: 'NSE:NOPE', timeframe: '1m', before, count: 40 });
    expect(!unknown.ok && unknown.error.kind).toBe('not-found');
  });

  it('studies line up with the bars snapshot and move with the forming bar', async () => {
    const bars = sink();
    const studies = sink();
    const b = router.subscribe('bars', { instrumentId: 'NSE_INDEX:NIFTY', timeframe: '5m' }, bars);
    const st = router.subscribe('studies', { instrumentId: 'NSE_INDEX:NIFTY', timeframe: '5m', studies: ['ema20', 'rsi', 'macd', 'price-action'] }, studies);
    const snap = studiesSnapshotDto.parse(studies.snapshots[0]);
    expect(snap.times).toEqual(z.array(barDto).parse(bars.snapshots[0]).map((x) => x.time));
    expect(snap.series['rsi']!.at(-1)).toEqual(expect.any(Number));
    await advance(1500);
    const delta = studiesDeltaDto.parse(studies.deltas.at(-1));
    expect(delta.time).toBe(snap.times.at(-1));
    expect(delta.values['ema20']).toEqual(expect.any(Number));
    if (b.ok) b.value();
    if (st.ok) st.value();
  });

  it('an option chain shows around the money, and a leg from it can be charted with its day so far', async () => {
    const s = sink();
    const r = router.subscribe('chain', { underlying: 'NIFTY', strikesEachSide: 4 }, s);
    expect(r.ok).toBe(true);
    const chain = chainDto.parse(s.snapshots[0]);
    expect(chain.expiries.length).toBeGreaterThanOrEqual(1);
    expect(chain.rows).toHaveLength(9);
    expect(chain.rows[4]!.strike).toBe(chain.atmStrike);
    await advance(2000);
    expect(s.deltas.length).toBeGreaterThan(0);
    if (r.ok) r.value();

    // Wider than the simulation quotes every second (ten each side): the chain is priced wider for the view.
    const wide = sink();
    const wr = router.subscribe('chain', { underlying: 'NIFTY', strikesEachSide: 30 }, wide);
    expect(wr.ok).toBe(true);
    const wideChain = chainDto.parse(wide.snapshots[0]);
    expect(wideChain.rows).toHaveLength(61);
    expect(wideChain.rows[30]!.strike).toBe(wideChain.atmStrike);
    for (const row of wideChain.rows) expect([row.ce!.ltp, row.pe!.ltp]).toEqual([expect.any(Number), expect.any(Number)]);
    await advance(2000);
    expect(chainDto.parse(wide.deltas.at(-1)).rows).toHaveLength(61);
    if (wr.ok) wr.value();

    const legId = chain.rows[4]!.ce!.instrumentId;
    const leg = sink();
    const lr = router.subscribe('bars', { instrumentId: legId, timeframe: '1m' }, leg);
    expect(lr.ok).toBe(true);
    const history = z.array(barDto).parse(leg.snapshots[0]);
    expect(history.length).toBeGreaterThan(2 * 375);
    await advance(3000);
    expect(leg.deltas.length).toBeGreaterThan(0);
    const watch = sink();
    router.subscribe('quotes', { legs: [legId] }, watch);
    expect(z.array(quoteDto).parse(watch.snapshots[0]).map((q) => q.instrumentId)).toContain(legId);
    if (lr.ok) lr.value();
  });

  it('the mode is not settable without a settings file, and live never through this command', async () => {
    expect(await router.invoke('settings:mode', { mode: 'paper' })).toMatchObject({ ok: false, error: { kind: 'not-available' } });
    expect(await router.invoke('settings:mode', { mode: 'live' })).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
  });
});
