import { describe, expect, it } from 'vitest';
import { istToEpoch } from '#core/time-ist';
import type { Bar } from '#model/bar';
import { instrumentId } from '#model/ids';
import { roundToTick } from '#model/instrument';
import { VIX_ID } from '#market/feeds/simulator/instruments';
import { createSqliteBarCache, type BarCache } from '#market/history/bar-cache';
import { nseCalendar } from '#market/session-calendar';
import { black76Price } from '#options/black';
import { yearsToExpiry } from '#options/expiry';
import type { ChainVolQuery } from '#engine/trading/sim-option-quotes';
import { importedChains } from './imported-chains.ts';
import { intradayOptionBars, STALE_MINUTES } from './intraday-option-bars.ts';
import { optionBars, type OptionBarsSpec } from './option-bars-fixture.ts';
import { historyFiles } from './testing.ts';

const r = 0.0525;
const SPOT = 26_000;
const EXPIRY = '2026-12-01';
const EXPIRY_TS = istToEpoch(2026, 12, 1, 15, 30);
const MON = nseCalendar.sessionOn('2026-11-23', 'fno')!;
const WED = nseCalendar.sessionOn('2026-11-25', 'fno')!;
const at = (h: number, m: number, s = 0): number => istToEpoch(2026, 11, 25, h, m) + s * 1000;
const forward = (ts: number): number => SPOT * Math.exp(r * yearsToExpiry(ts, EXPIRY_TS, 'calendar'));
const query = (ts: number, vix = 12.5): ChainVolQuery => ({ underlying: 'NIFTY', expiry: EXPIRY, expiryTs: EXPIRY_TS, ts, spot: SPOT, forward: forward(ts), T: yearsToExpiry(ts, EXPIRY_TS, 'calendar'), vix });
/** Strikes 25,800–26,200 trade intraday; the bhavcopy's run 25,500–26,500. */
const LIVE = [25_800, 25_900, 26_000, 26_100, 26_200];
const chainBars = (o: Partial<OptionBarsSpec>): Bar[] =>
  optionBars({ underlying: 'NIFTY', exchange: 'NFO', expiry: EXPIRY, expiryTs: EXPIRY_TS, session: WED, timeframe: '1m', strikes: LIVE, r, spot: () => SPOT, vol: () => 0.3, ...o });

/** Monday's bhavcopy at a flat 20 % vol and India VIX's close that day: the previous-day smile for Wednesday. */
function bhavcopy(): Bar[] {
  const T = yearsToExpiry(MON.close, EXPIRY_TS, 'calendar');
  const F = SPOT * Math.exp(r * T);
  const out: Bar[] = [{ instrumentId: VIX_ID, timeframe: '1d', tsStart: MON.open, open: 12.5, high: 12.5, low: 12.5, close: 12.5, volume: 0, closed: true }];
  for (let K = 25_500; K <= 26_500; K += 100) {
    for (const right of ['CE', 'PE'] as const) {
      const close = roundToTick(black76Price(right, F, K, T, r, 0.2), 0.05);
      out.push({ instrumentId: `NFO:NIFTY01DEC26${K}${right}` as Bar['instrumentId'], timeframe: '1d', tsStart: MON.open, open: close, high: close, low: close, close, volume: 10, closed: true });
    }
  }
  return out;
}

const database = historyFiles('intraday-option-bars-');

describe('option vols from intraday option bars, point in time', () => {
  it('prices the legs between the live strikes from their last ended bars, the others from the previous day’s smile', () => {
    const chains = importedChains({ database: database([...bhavcopy(), ...chainBars({})]), r, modelReason: 'n/a' });
    const vols = chains.source(query(at(10, 0, 30)))!;
    // 25,850 lies between live strikes; 25,500 and 26,400 outside them: Monday's 20 %.
    for (const K of [...LIVE, 25_850]) expect(vols.vol(K)).toBeCloseTo(0.3, 2);
    for (const K of [25_500, 26_400]) expect(vols.vol(K)).toBeCloseTo(0.2, 2);
    expect(vols.atm).toBeCloseTo(0.3, 2);
    // No bars of the index in the file: the chain is priced on the index × e^{rT}, and the record says so.
    const carry = { reprices: 0, fallbacks: [{ reason: 'no intraday bar of NSE_INDEX:NIFTY this session', reprices: 1 }] };
    expect(chains.days(['2026-11-25'])[0]!.intraday).toEqual([{ chain: `NIFTY ${EXPIRY}`, contracts: 10, timeframes: ['1m'], reprices: 1, live: 1, fallbacks: [], carry }]);
  });

  it('without a previous-day smile, a leg outside the live strikes is the model’s', () => {
    const chains = importedChains({ database: database(chainBars({})), r, modelReason: 'n/a' });
    const vols = chains.source(query(at(10, 0)))!;
    expect(vols.vol(26_000)).toBeCloseTo(0.3, 2);
    expect(vols.vol(26_500)).toBeUndefined();
    expect(chains.days(['2026-11-25'])[0]).toMatchObject({ source: 'model', modelled: [{ chain: `NIFTY ${EXPIRY}`, reason: 'no imported bhavcopy rows of this expiry on 2026-11-23' }] });
  });

  it('reads only bars that ended by the instant: changing every bar after t leaves each instant up to t alone', () => {
    const t = at(11, 0);
    // The vol moves through the day, so each minute's bar says something new.
    const vol = (_: number, ts: number): number => 0.2 + (ts - WED.open) / 3_600_000 / 50;
    const base = importedChains({ database: database([...bhavcopy(), ...chainBars({ vol })]), r, modelReason: 'n/a' });
    const altered = importedChains({ database: database([...bhavcopy(), ...chainBars({ vol: (K, ts) => (ts > t ? 0.9 : vol(K, ts)) })]), r, modelReason: 'n/a' });
    const strikes = [25_500, 25_800, 25_850, 26_000, 26_200, 26_500];
    const seen = (c: typeof base, ts: number): (number | undefined)[] => {
      const v = c.source(query(ts))!;
      return [v.atm, ...strikes.map((K) => v.vol(K))];
    };
    for (let ts = WED.open; ts <= t; ts += 20_000) expect(seen(altered, ts)).toEqual(seen(base, ts));
    // At t the bar ending at t is read (the minute before it): its close is what the altered file keeps.
    expect(seen(base, t)[4]).toBeCloseTo(vol(0, t), 3);
    // A minute on, the altered bar has ended and is read.
    expect(seen(altered, t + 60_000)[4]).toBeCloseTo(0.9, 2);
    expect(seen(base, t + 60_000)[4]).toBeCloseTo(vol(0, t + 60_000), 3);
  });

  it(`drops a leg with no bar for ${STALE_MINUTES} minutes, and says why no live close priced a reprice`, () => {
    // Nothing trades after 11:00 (the last bars end at 11:00); 26,200 stops at 10:30.
    const bars = chainBars({ skip: (K, _right, ts) => ts >= at(11, 0) || (K === 26_200 && ts >= at(10, 30)) });
    const chains = importedChains({ database: database([...bhavcopy(), ...bars]), r, modelReason: 'n/a' });
    expect(chains.source(query(at(9, 15, 30)))!.vol(26_000)).toBeCloseTo(0.2, 2);
    const at1045 = chains.source(query(at(10, 45)))!;
    expect(at1045.vol(26_200)).toBeCloseTo(0.3, 2);
    const at1046 = chains.source(query(at(10, 45, 1)))!;
    // 26,200's last bar ended at 10:30, more than 15 minutes before: Monday's smile prices it.
    expect(at1046.vol(26_200)).toBeCloseTo(0.2, 2);
    expect(at1046.vol(26_100)).toBeCloseTo(0.3, 2);
    expect(chains.source(query(at(11, 15)))!.vol(26_000)).toBeCloseTo(0.3, 2);
    expect(chains.source(query(at(11, 15, 1)))!.vol(26_000)).toBeCloseTo(0.2, 2);
    expect(chains.days(['2026-11-25'])[0]!.intraday![0]).toMatchObject({
      reprices: 5,
      live: 3,
      fallbacks: [
        { reason: 'no bar of its contracts ended in the 15 minutes before', reprices: 1 },
        { reason: 'no bar of its contracts had ended yet this session', reprices: 1 },
      ],
    });
  });

  it('with only calls live and no future, there is no forward to solve them with', () => {
    const bars = chainBars({ skip: (_K, right) => right === 'PE' });
    const chains = importedChains({ database: database([...bhavcopy(), ...bars]), r, modelReason: 'n/a' });
    expect(chains.source(query(at(10, 0)))!.vol(26_000)).toBeCloseTo(0.2, 2);
    expect(chains.days(['2026-11-25'])[0]!.intraday![0]!.fallbacks).toEqual([{ reason: 'the live closes give no smile: no strike with both a call and a put traded, and no traded future of this expiry', reprices: 1 }]);
  });

  it('reads each contract a page at a time, and prefers its finest timeframe', () => {
    const db = database([...chainBars({}), ...chainBars({ timeframe: '5m', vol: () => 0.5 })]);
    const cache = createSqliteBarCache(db);
    const reads: number[] = [];
    const counting: Pick<BarCache, 'barRows'> = { barRows: (...a) => (reads.push(a[4]), cache.barRows(...a)) };
    const bars = intradayOptionBars(db, counting)({ prefix: 'NFO:NIFTY01DEC26', exchange: 'NFO', underlying: 'NIFTY', index: instrumentId('NSE_INDEX', 'NIFTY'), session: WED })!;
    expect(bars.timeframes).toEqual(['1m']);
    bars.at(at(9, 30));
    // One page per contract; the 1m session (385 bars to 15:40) is two.
    expect(reads).toEqual(Array(10).fill(256));
    bars.at(at(15, 0));
    expect(reads).toHaveLength(20);
    const live = bars.at(at(15, 0));
    expect('options' in live && live.options.every((o) => Math.abs(o.close - roundToTick(black76Price(o.right, forward(at(15, 0)), o.strike, yearsToExpiry(at(15, 0), EXPIRY_TS, 'calendar'), r, 0.3), 0.05)) < 1e-9)).toBe(true);
  });
});
