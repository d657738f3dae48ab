import { nseCalendar } from '#calendar/nse-calendar';
import { createMarketData, type MarketData } from '#market/market-data';
import type { MarketView } from '#market/multi-timeframe';
import { SimClock } from '#core/clock';
import { istDateKey } from '#core/time-ist';
import type { Bar, Tick, Timeframe } from '#model/bar';
import type { InstrumentId } from '#model/ids';
import { ChainCache } from '#options/chain-cache';
import { CONTRACT_SPECS, tableSpecs, type Underlying } from '#options/contract-specs';
import { nextExpiry, yearsToExpiry } from '#options/expiry';
import { underlyingIndexId } from '#options/option-symbol';
import { simulateChain } from '#options/sim-chain';
import { DEFAULT_SURFACE, type SurfaceParams } from '#options/surface';
import { VIX_ID } from '../common/chain-legs.ts';

/**
 * A deterministic market written for one test: the underlying's spot and India VIX minute by minute on
 * chosen NSE days, daily history before them, and option chains priced from the path (Black-76 off a
 * VIX-anchored surface, bell-shaped OI, spreads widening away from the money). Nothing is random.
 */
export interface ScriptedDay {
  /** A trading day, YYYY-MM-DD. */
  readonly date: string;
  /** Spot at the close of each minute from 09:15; fewer than the session's minutes ends the day early. */
  readonly spot: readonly number[];
  /** India VIX at each minute's close, or one level for the whole day. */
  readonly vix: readonly number[] | number;
}

export interface ChainScript {
  readonly strikesEachSide?: number;
  readonly r?: number;
  readonly q?: number;
  readonly surface?: Partial<Omit<SurfaceParams, 'vix'>>;
  /** `none`: every leg reports OI 0, as a broker that sends no OI. */
  readonly oi?: 'normal' | 'none';
  /** Multiplies the simulator's base half-spread (0.25 % of price). */
  readonly spreadScale?: number;
}

export interface ScriptedMarketSpec {
  readonly underlying: Underlying;
  readonly days: readonly ScriptedDay[];
  /** Daily closes before the first day, oldest first: the index and India VIX. */
  readonly dailyHistory: { readonly index: readonly number[]; readonly vix: readonly number[]; readonly rangePct?: number };
  readonly chain?: ChainScript;
}

/** The market a harness reads: bars so far, last ticks, chains priced at the latest minute. */
export class ScriptedMarket {
  readonly spec: ScriptedMarketSpec;
  readonly index: InstrumentId;
  readonly chains = new ChainCache();
  readonly data: MarketData;
  private readonly daily = new Map<InstrumentId, Bar[]>();
  private readonly last = new Map<InstrumentId, Tick>();
  private readonly published: Bar[] = [];

  constructor(spec: ScriptedMarketSpec) {
    this.spec = spec;
    this.index = underlyingIndexId(spec.underlying);
    this.data = createMarketData({ clock: new SimClock(0) });
    this.data.onBar((bar) => this.published.push(bar));
    this.daily.set(this.index, dailyBars(this.index, spec.days[0]!.date, spec.dailyHistory.index, spec.dailyHistory.rangePct ?? 1));
    this.daily.set(VIX_ID, dailyBars(VIX_ID, spec.days[0]!.date, spec.dailyHistory.vix, 4));
  }

  /** Minutes in `day`'s session, for the instrument's equity hours (index spot ends at 15:30). */
  static sessionMinutes(date: string): { open: number; minutes: number } {
    const s = nseCalendar().sessionOn(date, 'equity');
    if (!s) throw new Error(`${date} is not an NSE trading day`);
    return { open: s.open, minutes: (s.close - s.open) / 60_000 };
  }

  /**
   * Closes minute `i` of day `d`: pushes the index and VIX bars, re-quotes the chains at the close and
   * returns every bar that closed (1m first, then coarser ones), with the close instant.
   */
  closeMinute(d: number, i: number): { now: number; bars: Bar[] } {
    const day = this.spec.days[d]!;
    const { open } = ScriptedMarket.sessionMinutes(day.date);
    const tsStart = open + i * 60_000;
    const now = tsStart + 60_000;
    const prevSpot = i === 0 ? (d === 0 ? this.spec.dailyHistory.index.at(-1)! : this.spec.days[d - 1]!.spot.at(-1)!) : day.spot[i - 1]!;
    const spot = day.spot[i]!;
    const vixOf = (k: number): number => (typeof day.vix === 'number' ? day.vix : day.vix[Math.min(k, day.vix.length - 1)]!);
    const vix = vixOf(i);
    const prevVix = i === 0 ? vix : vixOf(i - 1);
    this.published.length = 0;
    this.data.pushBars([minuteBar(this.index, tsStart, prevSpot, spot, 0.0002), minuteBar(VIX_ID, tsStart, prevVix, vix, 0.001)]);
    this.last.set(this.index, { instrumentId: this.index, tsEvent: now, ltp: spot });
    this.last.set(VIX_ID, { instrumentId: VIX_ID, tsEvent: now, ltp: vix });
    this.quoteChains(now, spot, vix);
    return { now, bars: [...this.published] };
  }

  /** Index and VIX views: intraday bars from the market data, daily bars after the scripted history. */
  view(id: InstrumentId): MarketView {
    const intraday = this.data.view(id);
    const history = this.daily.get(id) ?? [];
    const bars = (tf: Timeframe, n: number): readonly Bar[] => (tf === '1d' ? [...history, ...intraday.bars('1d', n)].slice(-n) : intraday.bars(tf, n));
    return { instrumentId: id, lastTick: () => this.last.get(id), bars, lastBar: (tf) => bars(tf, 1)[0] };
  }

  private quoteChains(now: number, spot: number, vix: number): void {
    const u = this.spec.underlying;
    const spec = CONTRACT_SPECS[u];
    const c = this.spec.chain ?? {};
    const first = nextExpiry(u, now);
    const second = nextExpiry(u, first.instant + 60_000);
    for (const expiry of [first, second]) {
      const lotSize = tableSpecs.specOn(u, istDateKey(now), expiry.date).lotSize;
      const r = c.r ?? 0.065;
      const chain = simulateChain({
        underlying: u,
        exchange: spec.exchange,
        expiry: expiry.date,
        expiryTs: expiry.instant,
        now,
        spot,
        r,
        q: c.q ?? 0.012,
        T: yearsToExpiry(now, expiry.instant),
        strikeStep: tableSpecs.specOn(u, expiry.date).strikeStep,
        strikesEachSide: c.strikesEachSide ?? 40,
        lotSize,
        surface: { ...DEFAULT_SURFACE, ...c.surface, vix },
        baseSpread: 0.0025 * (c.spreadScale ?? 1),
      });
      const quoted = c.oi === 'none' ? { ...chain, rows: chain.rows.map((row) => ({ strike: row.strike, ce: { ...row.ce!, oi: 0 }, pe: { ...row.pe!, oi: 0 } })) } : chain;
      this.chains.ensure({ underlying: u, exchange: spec.exchange, expiry: expiry.date, expiryTs: expiry.instant, lotSize, tickSize: 0.05, r }).applyChain(quoted);
    }
    this.chains.prune(now);
  }
}

function minuteBar(instrumentId: InstrumentId, tsStart: number, open: number, close: number, wick: number): Bar {
  return { instrumentId, timeframe: '1m', tsStart, open, high: Math.max(open, close) * (1 + wick), low: Math.min(open, close) * (1 - wick), close, volume: 0, closed: true };
}

/** Daily bars on the trading days before `firstDay`, one per close, each spanning `rangePct` % around it. */
function dailyBars(instrumentId: InstrumentId, firstDay: string, closes: readonly number[], rangePct: number): Bar[] {
  const cal = nseCalendar();
  const dates: string[] = [];
  let d = firstDay;
  for (let i = 0; i < closes.length; i++) dates.unshift((d = cal.previousTradingDay(d)));
  return closes.map((close, i) => {
    const open = i === 0 ? close : closes[i - 1]!;
    const half = (close * rangePct) / 200;
    return { instrumentId, timeframe: '1d', tsStart: cal.sessionOn(dates[i]!)!.open, open, high: Math.max(open, close) + half, low: Math.min(open, close) - half, close, volume: 0, closed: true };
  });
}
