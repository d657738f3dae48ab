import type { Bar } from '#model/bar';
import { underlyingIndexId } from '#options/option-symbol';
import { idle, type BotDefinition, type HookResult } from '../contract/bot.ts';
import type { BotContext } from '../contract/context.ts';
import type { BotRequirements } from '../contract/requirements.ts';
import { buyersOnStop, followPositions } from '../buyers/buyer-loop.ts';
import { VIX_ID } from '../common/chain-legs.ts';
import { sameItems } from '../common/same-items.ts';
import { regimeStudies } from '../signals/regime.ts';
import { technicalStudies } from '../signals/technical-source.ts';
import { momentumSpecs, RIDER, riderBars, riderEntry } from './entry.ts';
import { riderExits } from './exits.ts';
import { riderParams, type RiderParams } from './params.ts';
import { emptyRiderState, riderStateSchema, type RiderState } from './state.ts';

type Ctx = BotContext<RiderParams, RiderState>;

/** Price action needs a session's swings before its trendlines and gaps mean anything. */
const PRICE_ACTION_WARM_UP = 40;

/** Per enabled underlying: 1m bars (the management clock), the move timeframe with its studies, the nearest chain; India VIX's last tick. */
export function riderRequirements(p: RiderParams): BotRequirements {
  const indices = p.underlyings.map(underlyingIndexId);
  const specs = momentumSpecs(p);
  return {
    instruments: [...indices, VIX_ID],
    series: indices.flatMap((instrumentId) => [
      { instrumentId, timeframe: '1m' as const, bars: 2, warmUp: 1 },
      { instrumentId, timeframe: p.signalTimeframe, bars: riderBars(p), warmUp: PRICE_ACTION_WARM_UP },
    ]),
    indicators: indices.flatMap((instrumentId) => [
      ...technicalStudies(instrumentId, p.signalTimeframe),
      ...regimeStudies(instrumentId, p.signalTimeframe),
      { instrumentId, timeframe: p.signalTimeframe, indicator: specs.rsi },
      { instrumentId, timeframe: p.signalTimeframe, indicator: specs.macd },
    ]),
    priceAction: indices.map((instrumentId) => ({ instrumentId, timeframe: p.signalTimeframe, warmUp: PRICE_ACTION_WARM_UP })),
    chains: p.underlyings.map((underlying) => ({ underlying, expiries: { kind: 'nearest' } })),
    ivHistory: [],
  };
}

/**
 * Each closed 1-minute bar of an enabled underlying's index manages its positions; each closed bar of
 * the move timeframe is checked for a primary signal (after the 1-minute bar of the same instant).
 */
function onBar(bar: Bar, ctx: Ctx): HookResult<RiderState> {
  const p = ctx.params;
  const underlying = p.underlyings.find((u) => underlyingIndexId(u) === bar.instrumentId);
  if (!underlying || !ctx.calendar.marketOpen) return idle();
  if (bar.timeframe === '1m') {
    const mine = ctx.state.positions.filter((x) => x.underlying === underlying);
    if (mine.length === 0) return idle();
    const step = followPositions(ctx, RIDER, mine, riderExits);
    const positions = [...ctx.state.positions.filter((x) => x.underlying !== underlying), ...step.positions];
    if (sameItems(positions, ctx.state.positions)) return { intents: step.intents, signals: step.signals };
    return { intents: step.intents, signals: step.signals, state: { positions } };
  }
  if (bar.timeframe !== p.signalTimeframe || !ctx.warm) return idle();
  const entry = riderEntry(ctx, underlying, bar.instrumentId, ctx.state.positions);
  if (!entry.position) return { intents: entry.intents, signals: entry.signals };
  return { intents: entry.intents, signals: entry.signals, state: { positions: [...ctx.state.positions, entry.position] } };
}

/** strategies.md "Momentum rider (option buying, directional)". The ML slot it reads is `ctx.models.ml`. */
export const momentumRider: BotDefinition<RiderParams, RiderState> = {
  kind: 'momentum-rider',
  params: riderParams,
  state: { schema: riderStateSchema, initial: emptyRiderState },
  requirements: riderRequirements,
  hooks: {
    onBar,
    onStop: (ctx) => {
      const r = buyersOnStop(ctx, RIDER, ctx.state.positions);
      return { intents: r.intents, signals: r.signals, state: { positions: r.positions } };
    },
  },
};
