import type { BarInput, Indicator } from '#indicators/indicator';
import { compositeScore, PriceActionStream, snapshotOf } from '#indicators/price-action/index';
import type { MarketView } from '#market/multi-timeframe';
import type { Bar, Timeframe } from '#model/bar';
import type { InstrumentId } from '#model/ids';
import type { IndicatorReading, PriceActionReading, StudiesReader } from '../contract/context.ts';
import { createIndicator, indicatorKey, type BarStudy, type IndicatorSpec } from '../contract/indicator-spec.ts';
import { seriesKey, type BotRequirements } from '../contract/requirements.ts';
import { deepFreeze } from './deep-freeze.ts';
import { PriceActionCopies } from './price-action-copy.ts';

interface IndicatorSlot {
  readonly study: BarStudy;
  lastTs: number;
  previous: Readonly<Record<string, number>> | undefined;
  reading: IndicatorReading | undefined;
}

interface PriceActionSlot {
  readonly stream: PriceActionStream;
  readonly warmUp: number;
  lastTs: number;
  reading: PriceActionReading | undefined;
  readonly copies: PriceActionCopies;
}

/** How much closed history a new study folds before it streams: the market keeps 1000 bars by default. */
const HISTORY_BARS = 1000;

const valuesOf = (ind: Indicator<BarInput> | Indicator<number>): Readonly<Record<string, number>> => {
  const out: Record<string, number> = {};
  ind.outputs.forEach((name, i) => (out[name] = ind.output(i)));
  return Object.freeze(out);
};

/**
 * The indicators and price-action streams every running bot declared, one per instrument, timeframe
 * and spec however many bots declared it. A new study first folds the closed history the market holds,
 * then takes each closed bar as it comes: streaming equals batch, so a backtest and the live engine
 * read identical values. Readings are frozen copies, built once per bar.
 */
export class StudiesHub implements StudiesReader {
  private readonly indicators = new Map<string, IndicatorSlot>();
  private readonly priceActions = new Map<string, PriceActionSlot>();
  /** Series key → the studies on it, for `onBar`. */
  private readonly bySeries = new Map<string, { indicators: IndicatorSlot[]; priceAction: PriceActionSlot[] }>();

  /** Registers a bot's studies, folding history for the ones not seen before. */
  require(req: BotRequirements, market: (id: InstrumentId) => MarketView): void {
    for (const s of req.indicators) {
      const key = `${seriesKey(s.instrumentId, s.timeframe)}|${indicatorKey(s.indicator)}`;
      if (this.indicators.has(key)) continue;
      const slot: IndicatorSlot = { study: createIndicator(s.indicator), lastTs: -Infinity, previous: undefined, reading: undefined };
      this.indicators.set(key, slot);
      this.series(s.instrumentId, s.timeframe).indicators.push(slot);
      for (const bar of market(s.instrumentId).bars(s.timeframe, HISTORY_BARS)) this.feedIndicator(slot, bar);
    }
    for (const s of req.priceAction) {
      const key = seriesKey(s.instrumentId, s.timeframe);
      if (this.priceActions.has(key)) continue;
      const slot: PriceActionSlot = { stream: new PriceActionStream(), warmUp: s.warmUp, lastTs: -Infinity, reading: undefined, copies: new PriceActionCopies() };
      this.priceActions.set(key, slot);
      this.series(s.instrumentId, s.timeframe).priceAction.push(slot);
      for (const bar of market(s.instrumentId).bars(s.timeframe, HISTORY_BARS)) this.feedPriceAction(slot, bar);
    }
  }

  /** A closed bar from the market: every study on its series takes it (once; replays are ignored). */
  onBar(bar: Bar): void {
    if (!bar.closed) return;
    const studies = this.bySeries.get(seriesKey(bar.instrumentId, bar.timeframe));
    if (!studies) return;
    for (const slot of studies.indicators) this.feedIndicator(slot, bar);
    for (const slot of studies.priceAction) this.feedPriceAction(slot, bar);
  }

  indicator(instrumentId: InstrumentId, timeframe: Timeframe, spec: IndicatorSpec): IndicatorReading | undefined {
    const slot = this.indicators.get(`${seriesKey(instrumentId, timeframe)}|${indicatorKey(spec)}`);
    if (!slot) throw new Error(`indicator ${indicatorKey(spec)} on ${instrumentId} ${timeframe} was not declared in the bot's requirements`);
    return slot.reading;
  }

  priceAction(instrumentId: InstrumentId, timeframe: Timeframe): PriceActionReading | undefined {
    const slot = this.priceActions.get(seriesKey(instrumentId, timeframe));
    if (!slot) throw new Error(`price action on ${instrumentId} ${timeframe} was not declared in the bot's requirements`);
    if (slot.reading || slot.stream.series.length < slot.warmUp) return slot.reading;
    // Built on first read after a bar, not on every bar: most bars nobody asks.
    const state = slot.copies.copy(snapshotOf(slot.stream));
    slot.reading = deepFreeze({ state, composite: compositeScore(state), barIndex: slot.stream.series.length - 1 });
    return slot.reading;
  }

  private series(instrumentId: InstrumentId, timeframe: Timeframe): { indicators: IndicatorSlot[]; priceAction: PriceActionSlot[] } {
    const key = seriesKey(instrumentId, timeframe);
    let s = this.bySeries.get(key);
    if (!s) {
      s = { indicators: [], priceAction: [] };
      this.bySeries.set(key, s);
    }
    return s;
  }

  private feedIndicator(slot: IndicatorSlot, bar: Bar): void {
    if (bar.tsStart <= slot.lastTs) return;
    slot.lastTs = bar.tsStart;
    const { indicator, byClose } = slot.study;
    if (byClose) (indicator as Indicator<number>).update(bar.close);
    else (indicator as Indicator<BarInput>).update(bar);
    const prior = slot.reading?.values;
    slot.previous = prior;
    slot.reading = indicator.isReady ? Object.freeze({ values: valuesOf(indicator), previous: slot.previous, tsStart: bar.tsStart }) : undefined;
  }

  private feedPriceAction(slot: PriceActionSlot, bar: Bar): void {
    if (bar.tsStart <= slot.lastTs) return;
    slot.lastTs = bar.tsStart;
    slot.stream.push(bar);
    slot.reading = undefined;
  }
}
