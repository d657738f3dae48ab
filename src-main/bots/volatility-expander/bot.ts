import type { Bar } from '#model/bar';
import { underlyingIndexId } from '#options/option-symbol';
import { idle, type BotDefinition, type HookResult } from '../contract/bot.ts';
import type { BotContext } from '../contract/context.ts';
import { indicatorWarmUp } from '../contract/indicator-spec.ts';
import { minutesOf } from '../contract/params.ts';
import { seriesKey, type BotRequirements, type SeriesRequirement } from '../contract/requirements.ts';
import { buyersOnStop, followPositions } from '../buyers/buyer-loop.ts';
import { VIX_ID } from '../common/chain-legs.ts';
import { sameItems } from '../common/same-items.ts';
import { regimeStudies } from '../signals/regime.ts';
import { technicalStudies } from '../signals/technical-source.ts';
import { EXPANDER, expanderEntry, SESSION_BARS } from './entry.ts';
import { expanderExits } from './exits.ts';
import { expanderParams, type ExpanderParams } from './params.ts';
import { compressionSpecs } from './setup.ts';
import { emptyExpanderState, expanderStateSchema, type ExpanderState } from './state.ts';

type Ctx = BotContext<ExpanderParams, ExpanderState>;

/** Signal-timeframe bars kept for the technical and price-action sources: MACD(12,26,9) needs 34. */
const SIGNAL_BARS = 120;
const SIGNAL_WARM_UP = 40;

/** One requirement per series: the most bars and the longest warm-up any use of it asks for. */
function mergeSeries(list: readonly SeriesRequirement[]): SeriesRequirement[] {
  const out = new Map<string, SeriesRequirement>();
  for (const s of list) {
    const k = seriesKey(s.instrumentId, s.timeframe);
    const prev = out.get(k);
    out.set(k, prev ? { ...s, bars: Math.max(prev.bars, s.bars), warmUp: Math.max(prev.warmUp ?? prev.bars, s.warmUp ?? s.bars) } : s);
  }
  return [...out.values()];
}

/** Per enabled underlying: 1m bars for today's VWAP, the compression series and studies, daily bars for volume, the chain 0–25 days out. */
export function expanderRequirements(p: ExpanderParams): BotRequirements {
  const indices = p.underlyings.map(underlyingIndexId);
  const specs = Object.values(compressionSpecs(p));
  const setupBars = Math.max(p.accumulationBars, ...specs.map(indicatorWarmUp));
  return {
    instruments: [...indices, VIX_ID],
    series: mergeSeries([
      ...indices.flatMap((instrumentId) => [
        { instrumentId, timeframe: '1m' as const, bars: SESSION_BARS, warmUp: 1 },
        { instrumentId, timeframe: p.setupTimeframe, bars: setupBars + 5, warmUp: setupBars },
        { instrumentId, timeframe: '1d' as const, bars: p.volumeLongDays, warmUp: 1 },
        { instrumentId, timeframe: p.signalTimeframe, bars: SIGNAL_BARS, warmUp: SIGNAL_WARM_UP },
      ]),
      // Warm from one day: with less IV history than ivMinDays the check runs and its signal says so.
      { instrumentId: VIX_ID, timeframe: '1d' as const, bars: p.ivLookbackDays, warmUp: 1 },
    ]),
    indicators: indices.flatMap((instrumentId) => [
      ...specs.map((indicator) => ({ instrumentId, timeframe: p.setupTimeframe, indicator })),
      ...technicalStudies(instrumentId, p.signalTimeframe),
      ...regimeStudies(instrumentId, p.signalTimeframe),
    ]),
    priceAction: indices.map((instrumentId) => ({ instrumentId, timeframe: p.signalTimeframe, warmUp: SIGNAL_WARM_UP })),
    // From 0 days: an open position's chain must stay priced after it falls below the entry window.
    chains: p.underlyings.map((underlying) => ({ underlying, expiries: { kind: 'days', min: 0, max: p.maxDaysToExpiry } })),
    ivHistory: p.underlyings,
  };
}

/** Whether `now` is a setup check: inside the entry window, on the cadence counted from the session open. */
function checkDue(ctx: Ctx): boolean {
  const { calendar: cal, params: p } = ctx;
  if (!cal.marketOpen || !cal.session) return false;
  if (cal.minuteOfDay < minutesOf(p.entryStart) || cal.minuteOfDay > minutesOf(p.entryEnd)) return false;
  return Math.round((ctx.now - cal.session.open) / 60_000) % p.checkEveryMinutes === 0;
}

/**
 * On each closed 1-minute bar of an enabled underlying's index: follow and manage its positions, then,
 * on the check cadence, look for a setup. Premium sent is counted per day against the daily cap (an
 * entry that execution refuses gives its premium back).
 */
function onBar(bar: Bar, ctx: Ctx): HookResult<ExpanderState> {
  if (bar.timeframe !== '1m') return idle();
  const underlying = ctx.params.underlyings.find((u) => underlyingIndexId(u) === bar.instrumentId);
  if (!underlying || !ctx.calendar.marketOpen) return idle();
  const mine = ctx.state.positions.filter((x) => x.underlying === underlying);
  const others = ctx.state.positions.filter((x) => x.underlying !== underlying);
  const step = followPositions(ctx, EXPANDER, mine, expanderExits);
  const today = ctx.calendar.today;
  let deployed = ctx.state.day?.date === today ? ctx.state.day.deployed : 0;
  for (const f of step.failed) if (f.sentAt >= (ctx.calendar.session?.open ?? Infinity)) deployed = Math.max(0, deployed - f.entryPremium * f.legs[0]!.quantity);
  const positions = [...others, ...step.positions];
  const intents = [...step.intents];
  const signals = [...step.signals];
  if (ctx.warm && checkDue(ctx)) {
    const entry = expanderEntry(ctx, underlying, bar.instrumentId, { positions, deployedToday: deployed });
    intents.push(...entry.intents);
    signals.push(...entry.signals);
    if (entry.position) positions.push(entry.position);
    deployed += entry.cost;
  }
  const day = deployed > 0 || ctx.state.day?.date === today ? { date: today, deployed: Math.round(deployed * 100) / 100 } : ctx.state.day;
  const sameDay = day?.date === ctx.state.day?.date && day?.deployed === ctx.state.day?.deployed;
  if (sameDay && sameItems(positions, ctx.state.positions)) return { intents, signals };
  return { intents, signals, state: { positions, day } };
}

/** strategies.md "Volatility expander (option buying)". */
export const volatilityExpander: BotDefinition<ExpanderParams, ExpanderState> = {
  kind: 'volatility-expander',
  params: expanderParams,
  state: { schema: expanderStateSchema, initial: emptyExpanderState },
  requirements: expanderRequirements,
  hooks: {
    onBar,
    onStop: (ctx) => {
      const r = buyersOnStop(ctx, EXPANDER, ctx.state.positions);
      return { intents: r.intents, signals: r.signals, state: { ...ctx.state, positions: r.positions } };
    },
  },
};
