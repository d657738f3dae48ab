import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { carryText } from '#contract/backtest-result';
import { SimClock } from '#core/clock';
import { istToEpoch } from '#core/time-ist';
import type { Bar } from '#model/bar';
import { instrumentId } from '#model/ids';
import { VIX_ID } from '#market/feeds/simulator/instruments';
import { nseCalendar } from '#market/session-calendar';
import { black76Price } from '#options/black';
import type { OptionChain } from '#options/chain';
import { tableSpecs } from '#options/contract-specs';
import { yearsToExpiry } from '#options/expiry';
import { QuoteBook } from '#execution/quotes';
import { InstrumentRegistry } from '#engine/trading/instrument-registry';
import { SimOptionQuotes, type ChainVolQuery, type ChainVolSource } from '#engine/trading/sim-option-quotes';
import { importedChains } from './imported-chains.ts';
import { indexBars, optionBars } from './option-bars-fixture.ts';
import { historyFiles } from './testing.ts';

/**
 * The market's carry: 1-minute bars of the 29 Dec 2026 NIFTY options (29 days out) priced at a 2 % dividend
 * yield, F = S·e^{(r−q)T}, beside the index's own 1-minute bars. The engine's model forward is S·e^{rT}.
 */
const r = 0.0525;
const Q = 0.02;
const EXPIRY = '2026-12-29';
const EXPIRY_TS = istToEpoch(2026, 12, 29, 15, 30);
const SESSION = nseCalendar.sessionOn('2026-11-30', 'fno')!;
const at = (h: number, m: number, s = 0): number => istToEpoch(2026, 11, 30, h, m) + s * 1000;
const NIFTY = instrumentId('NSE_INDEX', 'NIFTY');
/** The index drifts up ₹0.40 a minute from 26,000: the basis is measured against the index of the closes' own minute. */
const spot = (ts: number): number => Math.round((26_000 + ((ts - SESSION.open) / 60_000) * 0.4) * 100) / 100;
const STRIKES = [25_600, 25_700, 25_800, 25_900, 26_000, 26_100, 26_200, 26_300, 26_400, 26_500];
const OTM = instrumentId('NFO', 'NIFTY29DEC2626400CE');
const T_AT = (ts: number): number => yearsToExpiry(ts, EXPIRY_TS, 'calendar');
const query = (ts: number): ChainVolQuery => ({ underlying: 'NIFTY', expiry: EXPIRY, expiryTs: EXPIRY_TS, ts, spot: spot(ts), forward: spot(ts) * Math.exp(r * T_AT(ts)), T: T_AT(ts), vix: 13 });

const options = (): Bar[] => optionBars({ underlying: 'NIFTY', exchange: 'NFO', expiry: EXPIRY, expiryTs: EXPIRY_TS, session: SESSION, timeframe: '1m', strikes: STRIKES, r, q: Q, spot, vol: (K) => 0.16 + (26_000 - K) / 40_000 });
const index = (o: { spot?: (ts: number) => number; skip?: (tsStart: number) => boolean } = {}): Bar[] => indexBars({ id: NIFTY, session: SESSION, timeframe: '1m', spot: o.spot ?? spot, ...(o.skip ? { skip: o.skip } : {}) });

const database = historyFiles('intraday-carry-');

/** The engine's quotes of the 29 Dec chain at `ts`, priced from `source` on that instant's index. */
function quoted(source: ChainVolSource, ts: number): { quotes: QuoteBook; chain: OptionChain } {
  const quotes = new QuoteBook();
  const sim = new SimOptionQuotes({ quotes, registry: new InstrumentRegistry(tableSpecs, new SimClock(ts)), specs: tableSpecs, r, watched: () => [], quoteNearest: false, chainVols: source });
  const chains: OptionChain[] = [];
  // A backtest's chains are priced as read: read whole here.
  sim.onDeferredChain(({ strikes, leg, ...c }) => chains.push({ ...c, rows: strikes.map((strike) => ({ strike, ce: leg(strike, 'CE'), pe: leg(strike, 'PE') })) }));
  sim.onTick({ instrumentId: VIX_ID, tsEvent: ts, ltp: 13 });
  sim.onTick({ instrumentId: NIFTY, tsEvent: ts, ltp: spot(ts) });
  expect(sim.quoteChain('NIFTY', EXPIRY, 10, ts)).toBe(true);
  return { quotes, chain: chains.at(-1)! };
}

/** The close of `id`'s 1-minute bar that ends at `ts`. */
const closeAt = (db: Database.Database, id: string, ts: number): number => (db.prepare("SELECT close FROM bars WHERE instrument_id = ? AND timeframe = '1m' AND ts_start = ?").get(id, ts - 60_000) as { close: number }).close;

describe('intraday option bars priced on the market’s forward', () => {
  it('prices a traded OTM leg at its own close, where the index × e^{rT} was a delta times the basis away', () => {
    const db = database([...options(), ...index()]);
    const t = at(11, 0);
    const close = closeAt(db, OTM, t);
    const carried = importedChains({ database: db, r, modelReason: 'n/a' });
    const { quotes, chain } = quoted(carried.source, t);
    // Parity of ₹0.05 closes, against the index of the same minute: the market's forward to a rupee or so.
    expect(Math.abs(chain.forward! - spot(t) * Math.exp((r - Q) * T_AT(t)))).toBeLessThan(2);
    expect(Math.abs(quotes.quote(OTM)!.ltp - close)).toBeLessThanOrEqual(0.05 + 1e-9);

    // The same live vols on the index × e^{rT}, as before: ~48 points of forward at a delta near 0.3.
    const uncarried = importedChains({ database: db, r, modelReason: 'n/a' });
    const old = quoted((q) => {
      const v = uncarried.source(q);
      return v && { atm: v.atm, vol: v.vol };
    }, t);
    const error = Math.abs(old.quotes.quote(OTM)!.ltp - close);
    expect(error).toBeGreaterThan(10);
    const modelForward = spot(t) * Math.exp(r * T_AT(t));
    expect(old.chain.forward).toBeCloseTo(modelForward, 6);
    // The old error is the leg's price moved from the market's forward to the model's at its own vol.
    const iv = chain.rows.find((row) => row.strike === 26_400)!.ce!.iv!;
    expect(old.quotes.quote(OTM)!.ltp - close).toBeCloseTo(black76Price('CE', modelForward, 26_400, T_AT(t), r, iv) - black76Price('CE', chain.forward!, 26_400, T_AT(t), r, iv), 0);

    const day = carried.days(['2026-11-30'])[0]!.intraday![0]!;
    expect(day).toMatchObject({ reprices: 1, live: 1, carry: { reprices: 1, fallbacks: [] } });
    // The basis recorded for the day: the 2 % dividend yield, r − ln(b)/T.
    const { min, max } = day.carry!.basis!;
    expect(max).toBe(min);
    expect(r - Math.log(min) / T_AT(t)).toBeCloseTo(Q, 3);
    expect(carryText(day.carry)).toBe(`1 on the market's forward (basis F/S ${min.toFixed(5)})`);
  });

  it('reads the index only by the instant: changing its bars after t leaves each instant up to t alone', () => {
    const t = at(11, 0);
    const base = importedChains({ database: database([...options(), ...index()]), r, modelReason: 'n/a' });
    const altered = importedChains({ database: database([...options(), ...index({ spot: (ts) => (ts > t ? spot(ts) + 300 : spot(ts)) })]), r, modelReason: 'n/a' });
    const seen = (c: typeof base, ts: number): (number | undefined)[] => {
      const v = c.source(query(ts))!;
      return [v.basis, v.atm, ...STRIKES.map((K) => v.vol(K))];
    };
    for (let ts = SESSION.open + 60_000; ts <= t; ts += 20_000) expect(seen(altered, ts)).toEqual(seen(base, ts));
    // A minute on, the altered index bar has ended: the basis is measured against it.
    const next = t + 60_000;
    expect(seen(altered, next)[0]! * (spot(next) + 300)).toBeCloseTo(seen(base, next)[0]! * spot(next), 6);
  });

  it('without an index bar at the closes’ instant, prices on the index × e^{rT} as before, and says why', () => {
    // The index has no bar after 10:30; the options trade on.
    const chains = importedChains({ database: database([...options(), ...index({ skip: (ts) => ts >= at(10, 30) })]), r, modelReason: 'n/a' });
    expect(chains.source(query(at(10, 30)))!.basis).toBeGreaterThan(1);
    const late = chains.source(query(at(10, 45)))!;
    expect(late.basis).toBeUndefined();
    expect(late.vol(26_400)).toBeCloseTo(0.16 - 400 / 40_000, 3);
    const none = importedChains({ database: database(options()), r, modelReason: 'n/a' });
    expect(none.source(query(at(10, 45)))!.basis).toBeUndefined();
    expect(chains.days(['2026-11-30'])[0]!.intraday![0]!.carry).toEqual({ reprices: 1, basis: { min: expect.closeTo(Math.exp((r - Q) * T_AT(at(10, 30))), 5), max: expect.closeTo(Math.exp((r - Q) * T_AT(at(10, 30))), 5) }, fallbacks: [{ reason: 'no NSE_INDEX:NIFTY bar ended in the 1 minute(s) up to the live closes', reprices: 1 }] });
    expect(none.days(['2026-11-30'])[0]!.intraday![0]!.carry).toEqual({ reprices: 0, fallbacks: [{ reason: 'no intraday bar of NSE_INDEX:NIFTY this session', reprices: 1 }] });
    expect(carryText(none.days(['2026-11-30'])[0]!.intraday![0]!.carry)).toBe("0 on the market's forward; 1 on the index × e^rT: no intraday bar of NSE_INDEX:NIFTY this session");
  });
});
