import type { Timeframe } from '#model/bar';
import type { InstrumentId } from '#model/ids';
import type { Underlying } from '#options/contract-specs';
import { indicatorWarmUp, type IndicatorSpec } from './indicator-spec.ts';

/**
 * What a bot needs, declared up front (Freqtrade's startup_candle_count, Nautilus's subscriptions):
 * the engine subscribes these instruments, keeps these bar series, builds these studies and chains, and
 * holds back every opening intent until each series is warm. A bot reads nothing it did not declare.
 */
export interface SeriesRequirement {
  readonly instrumentId: InstrumentId;
  readonly timeframe: Timeframe;
  /** Closed bars the bot reads at most (`ctx.market(id).bars(tf, n)` is capped to this). */
  readonly bars: number;
  /**
   * Bars needed before the bot may open a position, when fewer than `bars` will do (a year of daily
   * VIX read, a month enough to start, the shortfall said in the signal). Default: `bars`.
   */
  readonly warmUp?: number;
}

export interface StudyRequirement {
  readonly instrumentId: InstrumentId;
  readonly timeframe: Timeframe;
  readonly indicator: IndicatorSpec;
}

export interface PriceActionRequirement {
  readonly instrumentId: InstrumentId;
  readonly timeframe: Timeframe;
  /** Closed bars of history to fold before the stream is trusted (swings need bars after them). */
  readonly warmUp: number;
}

/** Which expiries' chains to keep priced for an underlying. */
export type ExpirySelector = { readonly kind: 'nearest' } | { readonly kind: 'nearest-monthly' } | { readonly kind: 'days'; readonly min: number; readonly max: number };

export interface ChainRequirement {
  readonly underlying: Underlying;
  readonly expiries: ExpirySelector;
}

export interface BotRequirements {
  /** Instruments whose ticks the bot receives in `onTick` and whose last tick it reads. */
  readonly instruments: readonly InstrumentId[];
  /** Closed-bar series; `onBar` fires for each of them. */
  readonly series: readonly SeriesRequirement[];
  readonly indicators: readonly StudyRequirement[];
  readonly priceAction: readonly PriceActionRequirement[];
  readonly chains: readonly ChainRequirement[];
  /** Underlyings whose daily ATM IV history the bot reads (`ctx.ivHistory`). */
  readonly ivHistory: readonly Underlying[];
}

export const seriesKey = (instrumentId: InstrumentId, timeframe: Timeframe): string => `${instrumentId}|${timeframe}`;

/** Requirements are immutable data; their warm-up is asked on every hook call and costs an indicator per study to compute. */
const warmUps = new WeakMap<BotRequirements, ReadonlyMap<string, number>>();

/**
 * Closed bars each series needs before the bot may open a position: the most of its declared warm-up,
 * every indicator's warm-up and every price-action warm-up on that series.
 */
export function warmUpOf(req: BotRequirements): ReadonlyMap<string, number> {
  const known = warmUps.get(req);
  if (known) return known;
  const out = new Map<string, number>();
  const need = (id: InstrumentId, tf: Timeframe, n: number): void => {
    const k = seriesKey(id, tf);
    out.set(k, Math.max(out.get(k) ?? 0, n));
  };
  for (const s of req.series) need(s.instrumentId, s.timeframe, s.warmUp ?? s.bars);
  for (const s of req.indicators) need(s.instrumentId, s.timeframe, indicatorWarmUp(s.indicator));
  for (const s of req.priceAction) need(s.instrumentId, s.timeframe, s.warmUp);
  warmUps.set(req, out);
  return out;
}


/** Requirements are data: a series used by a study must be declared too, so the engine keeps its bars. */
export function checkRequirements(req: BotRequirements): string[] {
  const declared = new Set(req.series.map((s) => seriesKey(s.instrumentId, s.timeframe)));
  const problems: string[] = [];
  for (const s of [...req.indicators, ...req.priceAction]) {
    if (!declared.has(seriesKey(s.instrumentId, s.timeframe))) problems.push(`study on ${s.instrumentId} ${s.timeframe} without a declared bar series`);
  }
  for (const s of req.series) {
    if (!(Number.isInteger(s.bars) && s.bars > 0)) problems.push(`series ${s.instrumentId} ${s.timeframe}: bars must be a positive integer`);
    if (s.warmUp !== undefined && !(Number.isInteger(s.warmUp) && s.warmUp > 0 && s.warmUp <= s.bars)) {
      problems.push(`series ${s.instrumentId} ${s.timeframe}: warmUp must be a whole number in 1..bars`);
    }
  }
  for (const s of [...req.indicators, ...req.priceAction]) {
    const window = req.series.find((x) => x.instrumentId === s.instrumentId && x.timeframe === s.timeframe)?.bars ?? 0;
    const need = 'indicator' in s ? indicatorWarmUp(s.indicator) : s.warmUp;
    if (window > 0 && need > window) problems.push(`${s.instrumentId} ${s.timeframe}: a study needs ${need} bars but the series keeps ${window}`);
  }
  return problems;
}
