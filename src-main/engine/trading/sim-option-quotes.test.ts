import { describe, expect, it } from 'vitest';
import { SimClock } from '#core/clock';
import { istToEpoch } from '#core/time-ist';
import { instrumentId, type InstrumentId } from '#model/ids';
import { roundToTick } from '#model/instrument';
import { black76Price } from '#options/black';
import type { OptionChain } from '#options/chain';
import { tableSpecs } from '#options/contract-specs';
import { yearsToExpiry } from '#options/expiry';
import { QuoteBook } from '#execution/quotes';
import { InstrumentRegistry } from './instrument-registry.ts';
import { SimOptionQuotes, type ChainVolQuery } from './sim-option-quotes.ts';

const T0 = istToEpoch(2026, 11, 25, 10, 0);
const NIFTY = instrumentId('NSE_INDEX', 'NIFTY');
const VIX = instrumentId('NSE_INDEX', 'INDIAVIX');
/** NIFTY's weeklies after 25 Nov 2026: 1, 8, 15 and 22 Dec; the 22 Dec one is the fourth. */
const FAR = instrumentId('NFO', 'NIFTY22DEC2626000CE');

function setup(watched: InstrumentId[] = [], quoteNearest?: boolean | 'for-iv-recorder') {
  const quotes = new QuoteBook();
  const registry = new InstrumentRegistry(tableSpecs, new SimClock(T0));
  const sim = new SimOptionQuotes({ quotes, registry, specs: tableSpecs, r: 0.0525, watched: () => watched, ...(quoteNearest !== undefined ? { quoteNearest } : {}) });
  const tick = (ts: number, spot: number): void => {
    sim.onTick({ instrumentId: VIX, tsEvent: ts, ltp: 13 });
    sim.onTick({ instrumentId: NIFTY, tsEvent: ts, ltp: spot });
  };
  return { quotes, sim, tick };
}

describe('simulated option quotes', () => {
  it('prices a chain from the vols its source gives, and from the model surface where the source has none', () => {
    const quotes = new QuoteBook();
    const registry = new InstrumentRegistry(tableSpecs, new SimClock(T0));
    const asked: ChainVolQuery[] = [];
    const chains: OptionChain[] = [];
    const sim = new SimOptionQuotes({
      quotes,
      registry,
      specs: tableSpecs,
      r: 0.0525,
      watched: () => [],
      chainVols: (q) => {
        asked.push(q);
        return q.expiry === '2026-12-01' ? { atm: 0.3, vol: (K) => 0.3 + (26_000 - K) / 100_000 } : undefined;
      },
    });
    sim.onChain((c) => chains.push(c));
    sim.onTick({ instrumentId: VIX, tsEvent: T0, ltp: 13 });
    sim.onTick({ instrumentId: NIFTY, tsEvent: T0, ltp: 26_010 });
    expect(asked.map((q) => [q.underlying, q.expiry, q.ts, q.vix])).toEqual([
      ['NIFTY', '2026-12-01', T0, 13],
      ['NIFTY', '2026-12-08', T0, 13],
    ]);
    expect(asked[0]!.forward).toBeCloseTo(26_010 * Math.exp(0.0525 * asked[0]!.T), 9);
    const [near, next] = chains;
    for (const row of near!.rows) expect(row.ce!.iv).toBeCloseTo(0.3 + (26_000 - row.strike) / 100_000, 12);
    expect(next!.rows.find((row) => row.strike === next!.atmStrike)!.ce!.iv).toBeLessThan(0.2);
  });

  it('prices a chain whose vols carry the market’s basis on spot × basis, and its own legs at those vols', () => {
    const quotes = new QuoteBook();
    const chains: OptionChain[] = [];
    // Below one: a dividend yield above the rate, so the chain centres on 26,000 where the model's forward (26,033) puts 26,050.
    const basis = 0.999;
    const sim = new SimOptionQuotes({ quotes, registry: new InstrumentRegistry(tableSpecs, new SimClock(T0)), specs: tableSpecs, r: 0.0525, watched: () => [], chainVols: (q) => (q.expiry === '2026-12-01' ? { atm: 0.2, vol: () => 0.2, basis } : undefined) });
    sim.onChain((c) => chains.push(c));
    sim.onTick({ instrumentId: VIX, tsEvent: T0, ltp: 13 });
    sim.onTick({ instrumentId: NIFTY, tsEvent: T0, ltp: 26_010 });
    const [near, next] = chains;
    expect(near!.forward).toBeCloseTo(26_010 * basis, 6);
    expect(near!.atmStrike).toBe(26_000);
    const T = yearsToExpiry(T0, near!.expiryTs, 'calendar');
    expect(near!.rows.find((row) => row.strike === 26_100)!.ce!.ltp).toBeCloseTo(roundToTick(black76Price('CE', 26_010 * basis, 26_100, T, 0.0525, 0.2), 0.05), 9);
    // A chain without a basis keeps the model's forward.
    expect(next!.forward).toBeCloseTo(26_010 * Math.exp(0.0525 * yearsToExpiry(T0, next!.expiryTs, 'calendar')), 6);
  });

  it('keeps an option held in a later expiry quoted every second, not only the two nearest expiries', () => {
    const { quotes, tick } = setup([FAR]);
    tick(T0, 26_010);
    expect(quotes.quote(FAR)?.tsEvent).toBe(T0);
    tick(T0 + 1000, 26_040);
    expect(quotes.quote(FAR)?.tsEvent).toBe(T0 + 1000);
  });

  it('with quoteNearest false (a backtest whose bots read no chain) prices only watched legs and chains asked for', () => {
    const chains: string[] = [];
    const { quotes, sim, tick } = setup([], false);
    sim.onChain((c) => chains.push(c.expiry));
    sim.onDeferredChain((c) => chains.push(`${c.expiry} deferred`));
    tick(T0, 26_010);
    tick(T0 + 1000, 26_040);
    expect(chains).toEqual([]);
    // Asked for, the chain goes out with its legs priced as they are read, here or in the quote book.
    const written: string[] = [];
    quotes.onQuote((q) => written.push(q.instrumentId));
    expect(sim.quoteChain('NIFTY', '2026-12-01', 10, T0 + 1000)).toBe(true);
    expect(chains).toEqual(['2026-12-01 deferred']);
    expect(written).toEqual([]);
    const leg = instrumentId('NFO', 'NIFTY01DEC2626050PE');
    expect(quotes.quote(leg)).toMatchObject({ tsEvent: T0 + 1000 });
    expect(written).toEqual([leg]);
    expect(quotes.quote(leg)).toBe(quotes.quote(leg));
    expect(written).toHaveLength(1);
    // A held leg of a later expiry is quoted every second as its whole chain would quote it, and nothing
    // else of that expiry: no chain goes out (the bots' reads price it), no other leg is written.
    const held = setup([FAR], false);
    const whole = setup([FAR]);
    held.sim.onChain((c) => chains.push(c.expiry));
    held.sim.onDeferredChain((c) => chains.push(`${c.expiry} deferred`));
    chains.length = 0;
    for (const [ts, spot] of [[T0, 26_010], [T0 + 1000, 26_140]] as const) {
      held.tick(ts, spot);
      whole.tick(ts, spot);
      expect(held.quotes.quote(FAR)?.tsEvent).toBe(ts);
      expect(held.quotes.quote(FAR)).toEqual(whole.quotes.quote(FAR));
      expect(held.sim.impliedVol(FAR)).toBe(whole.sim.impliedVol(FAR));
    }
    expect(chains).toEqual([]);
    expect(held.quotes.quote(instrumentId('NFO', 'NIFTY22DEC2626000PE'))).toBeUndefined();
    expect(held.quotes.quote(instrumentId('NFO', 'NIFTY22DEC2626050CE'))).toBeUndefined();
    // Asked for at the same instant, the chain is priced whole, the held leg's quote as it was.
    const before = held.quotes.quote(FAR);
    expect(held.sim.quoteChain('NIFTY', '2026-12-22', 10, T0 + 1000)).toBe(true);
    expect(chains).toEqual(['2026-12-22 deferred']);
    expect(held.quotes.quote(FAR)).toBe(before);
    expect(held.quotes.quote(instrumentId('NFO', 'NIFTY22DEC2626050CE'))).toEqual(whole.quotes.quote(instrumentId('NFO', 'NIFTY22DEC2626050CE')));
  });

  it("with quoteNearest 'for-iv-recorder' (a backtest whose bots read chains) prices the nearest only when asked, as every tick would have left them", () => {
    const every = setup();
    const late = setup([], 'for-iv-recorder');
    const seen = { every: [] as string[], late: [] as string[] };
    every.sim.onChain((c) => seen.every.push(`${c.ts} ${c.expiry} ${c.rows.map((r) => `${r.strike}:${r.ce!.ltp}/${r.pe!.ltp}`).join(',')}`));
    late.sim.onChain((c) => seen.late.push(`${c.ts} ${c.expiry} eager`));
    late.sim.onDeferredChain((c) => seen.late.push(`${c.ts} ${c.expiry} ${c.strikes.map((k) => `${k}:${c.leg(k, 'CE').ltp}/${c.leg(k, 'PE').ltp}`).join(',')}`));
    const close = istToEpoch(2026, 11, 25, 15, 30);
    // Before any reprice nothing is priced (the IV recorder reading the warm-up's closes).
    late.sim.quoteNearestNow('NIFTY', T0);
    expect(seen.late).toEqual([]);
    for (const [ts, spot] of [[T0, 26_010], [T0 + 1000, 26_040], [close - 1500, 26_020], [close - 900, 26_050]] as const) {
      every.tick(ts, spot);
      late.tick(ts, spot);
    }
    expect(seen.late).toEqual([]);
    // At the close: the two nearest chains as the last reprice (close − 1.5 s; the next tick came too soon) left them.
    late.sim.quoteNearestNow('NIFTY', close);
    expect(seen.late).toEqual(seen.every.slice(-2));
    expect(seen.late.map((l) => Number(l.split(' ')[0]))).toEqual([close - 1500, close - 1500]);
    const leg = instrumentId('NFO', 'NIFTY01DEC2626000CE');
    expect(late.quotes.quote(leg)).toEqual(every.quotes.quote(leg));
    // Asked again at the same reprice: nothing priced twice; and every-second pricing makes it a no-op.
    late.sim.quoteNearestNow('NIFTY', close);
    expect(seen.late).toHaveLength(2);
    every.sim.quoteNearestNow('NIFTY', close);
    expect(seen.every).toHaveLength(6);
  });

  it('prices a chain on request, wider and further out than the ones quoted every second, once per instant', () => {
    const chains: { expiry: string; rows: number }[] = [];
    const { quotes, sim, tick } = setup();
    sim.onChain((c) => chains.push({ expiry: c.expiry, rows: c.rows.length }));
    tick(T0, 26_010);
    expect(quotes.quote(FAR)).toBeUndefined();
    expect(chains.map((c) => c.expiry)).toEqual(['2026-12-01', '2026-12-08']);
    chains.length = 0;
    expect(sim.quoteChain('NIFTY', '2026-12-22', 30, T0)).toBe(true);
    expect(chains).toEqual([{ expiry: '2026-12-22', rows: 61 }]);
    expect(quotes.quote(FAR)?.tsEvent).toBe(T0);
    expect(sim.quoteChain('NIFTY', '2026-12-22', 20, T0)).toBe(true);
    expect(chains).toHaveLength(1);
    expect(sim.quoteChain('NIFTY', '2025-01-01', 20, T0)).toBe(false);
  });

  it('a chain read later in an instant prices as that instant’s reprice did and moves no quote already shown', () => {
    const chains: OptionChain[] = [];
    const { quotes, sim, tick } = setup();
    sim.onChain((c) => chains.push(c));
    tick(T0, 26_010);
    const regular = chains.find((c) => c.expiry === '2026-12-01')!;
    const atm = instrumentId('NFO', regular.rows.find((r) => r.strike === regular.atmStrike)!.ce!.symbol!);
    const shown = quotes.quote(atm);
    // India VIX ticks after NIFTY in the same instant; a bot then reads a wide chain of that expiry.
    sim.onTick({ instrumentId: VIX, tsEvent: T0, ltp: 19 });
    const moved: string[] = [];
    quotes.onQuote((q) => moved.push(q.instrumentId));
    expect(sim.quoteChain('NIFTY', '2026-12-01', 30, T0)).toBe(true);
    expect(quotes.quote(atm)).toBe(shown);
    const wide = chains.at(-1)!;
    expect(wide.rows).toHaveLength(61);
    expect(wide.spot).toBe(regular.spot);
    for (const row of regular.rows) expect(wide.rows.find((r) => r.strike === row.strike)).toEqual(row);
    // Only the legs the reprice did not quote were written, at its instant.
    expect(moved).toHaveLength((61 - regular.rows.length) * 2);
    expect(moved.every((id) => quotes.quote(id as InstrumentId)?.tsEvent === T0)).toBe(true);
  });

  it('prices nothing on request before the first reprice', () => {
    const { sim } = setup();
    sim.onTick({ instrumentId: NIFTY, tsEvent: T0, ltp: 26_010 });
    expect(sim.quoteChain('NIFTY', '2026-12-01', 30, T0)).toBe(false);
  });
});
