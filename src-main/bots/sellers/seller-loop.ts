import type { Bar } from '#model/bar';
import { structureId as toStructureId, type InstrumentId } from '#model/ids';
import type { Intent } from '#model/intent';
import type { Signal } from '#model/signal';
import type { OptionChain } from '#options/chain';
import type { Underlying } from '#options/contract-specs';
import { underlyingIndexId } from '#options/option-symbol';
import { idle, type HookResult } from '../contract/bot.ts';
import type { BotContext } from '../contract/context.ts';
import { minutesOf } from '../contract/params.ts';
import { playbook, type PlaybookRules } from '../playbook.ts';
import { ruleSignal } from '../common/rule-signal.ts';
import { enterIntent, legLabel, limitCredit } from './seller-actions.ts';
import { replacePosition, syncPosition, type SellerPosition, type SellerState } from './seller-state.ts';

/** The parameters the loop itself reads. */
export interface SellerLoopParams extends PlaybookRules {
  readonly underlyings: readonly Underlying[];
  readonly entryStart: string;
  readonly entryEnd: string;
  readonly checkEveryMinutes: number;
  readonly product: 'NRML' | 'MIS';
  readonly flattenOnStop: boolean;
}

export interface Step {
  readonly intents: readonly Intent[];
  readonly signals: readonly Signal[];
  /** The position afterwards; undefined when there is none (still flat, or gone). */
  readonly position: SellerPosition | undefined;
}

/** What differs between the sellers: how they enter and how they manage an open position. */
export interface SellerStrategy<P extends SellerLoopParams> {
  /** Rule names are `${name}/entry`, `${name}/stop`, …. */
  readonly name: string;
  entry(ctx: BotContext<P, SellerState>, underlying: Underlying, index: InstrumentId): Step;
  manage(ctx: BotContext<P, SellerState>, pos: SellerPosition, chain: OptionChain | undefined, index: InstrumentId): Step;
}

/** Whether `now` is an entry check: inside the window, on the cadence counted from the session open. */
function entryCheckDue<P extends SellerLoopParams>(ctx: BotContext<P, SellerState>): boolean {
  const { calendar, params } = ctx;
  if (!calendar.marketOpen || !calendar.session) return false;
  if (calendar.minuteOfDay < minutesOf(params.entryStart) || calendar.minuteOfDay > minutesOf(params.entryEnd)) return false;
  return Math.round((ctx.now - calendar.session.open) / 60_000) % params.checkEveryMinutes === 0;
}

/**
 * The sellers' onBar: on each closed 1-minute bar of an enabled underlying's index, first follow the
 * position's structure (entering → open, exit complete, roll due), then manage it, or, flat, check for
 * an entry on the cadence. One position per underlying.
 */
export function sellerOnBar<P extends SellerLoopParams>(strategy: SellerStrategy<P>, bar: Bar, ctx: BotContext<P, SellerState>): HookResult<SellerState> {
  if (bar.timeframe !== '1m') return idle();
  const underlying = ctx.params.underlyings.find((u) => underlyingIndexId(u) === bar.instrumentId);
  if (!underlying || !ctx.calendar.marketOpen) return idle();
  const index = bar.instrumentId;
  const held = ctx.state.positions.find((p) => p.underlying === underlying);
  let step: Step;
  if (held) {
    const { position, event } = syncPosition(held, ctx);
    if (event === 'stuck') return idle();
    if (event === 'roll-due') step = reenter(strategy, ctx, position!, index);
    else if (position?.phase === 'open') step = strategy.manage(ctx, position, ctx.chain(underlying, position.expiry), index);
    else step = { intents: [], signals: [], position };
  } else if (ctx.warm && entryCheckDue(ctx)) {
    step = strategy.entry(ctx, underlying, index);
  } else return idle();
  return { intents: step.intents, signals: step.signals, state: replacePosition(ctx.state, underlying, step.position) };
}

/**
 * An adjustment's second half: the old structure has closed, enter the rolled legs, inside the entry
 * window (an entry before it, in the opening minutes, is what the window keeps out, and risk's own
 * window refuses it): before the window the position waits flat for it; after it, the roll is given up.
 */
function reenter<P extends SellerLoopParams>(strategy: SellerStrategy<P>, ctx: BotContext<P, SellerState>, pos: SellerPosition, index: InstrumentId): Step {
  const legs = pos.rollTo!;
  const rule = `${strategy.name}/roll-reentry`;
  const label = legs.map(legLabel).join(', ');
  const minute = ctx.calendar.minuteOfDay;
  if (minute < minutesOf(ctx.params.entryStart)) return { intents: [], signals: [], position: pos };
  if (minute > minutesOf(ctx.params.entryEnd)) {
    const signal = ruleSignal(ctx, { kind: 'adjustment', rule, underlying: index, taken: false, reason: `rolled legs not re-entered (the entry window closed at ${ctx.params.entryEnd}); the position stays closed`, inputs: { legs: label } });
    return { intents: [], signals: [signal], position: undefined };
  }
  const chain = ctx.chain(pos.underlying, pos.expiry);
  const view = playbook(ctx.calendar, pos.underlying, ctx.params);
  const missing = chain ? legs.filter((l) => !chain.rows.some((r) => r.strike === l.strike && (l.right === 'CE' ? r.ce : r.pe))) : legs;
  if (!chain || missing.length > 0 || !view.shortPremiumEntry.allowed) {
    const why = !view.shortPremiumEntry.allowed ? view.shortPremiumEntry.reason : `no quote for ${missing.map(legLabel).join(', ')}`;
    const signal = ruleSignal(ctx, { kind: 'adjustment', rule, underlying: index, taken: false, reason: `rolled legs not re-entered (${why}); the position stays closed`, inputs: { legs: label } });
    return { intents: [], signals: [signal], position: undefined };
  }
  const kind = legs.length === 4 ? 'iron-condor' : new Set(legs.map((l) => l.strike)).size === 1 ? 'straddle' : 'strangle';
  const entry = enterIntent(ctx, kind, ctx.params.product, legs, chain, `${strategy.name}: roll re-entry ${label}`);
  // Names the closed structure it continues: the manager then lets it through a pause or a regime that holds back new positions.
  const intent = pos.structureId ? { ...entry, continues: toStructureId(pos.structureId) } : entry;
  const expected = limitCredit(intent);
  const signal = ruleSignal(ctx, { kind: 'adjustment', rule, underlying: index, taken: true, reason: `re-entered the rolled position: ${label}`, inputs: { legs: label, credit: expected }, intentIds: [intent.intentId] });
  const next: SellerPosition = { ...pos, phase: 'entering', intentId: intent.intentId, structureId: undefined, structure: kind, legs, credit: expected, openedAt: ctx.now, rollTo: undefined, warned: [] };
  return { intents: [intent], signals: [signal], position: stripUndefined(next) };
}

/** State is stored as JSON: drop keys left undefined so a round trip gives the same object. */
export function stripUndefined(pos: SellerPosition): SellerPosition {
  return Object.fromEntries(Object.entries(pos).filter(([, v]) => v !== undefined)) as SellerPosition;
}

/** onStop: close every position (or keep them, saying they are no longer managed). */
export function sellerOnStop<P extends SellerLoopParams>(strategy: SellerStrategy<P>, ctx: BotContext<P, SellerState>): HookResult<SellerState> {
  if (ctx.state.positions.length === 0) return idle();
  if (!ctx.params.flattenOnStop) {
    const signals = ctx.state.positions.map((p) =>
      ruleSignal(ctx, {
        kind: 'exit',
        rule: `${strategy.name}/stop`,
        underlying: underlyingIndexId(p.underlying),
        taken: false,
        reason: 'bot stopped with flattenOnStop off: the position stays open and is not managed until the bot starts again',
        inputs: { legs: p.legs.map(legLabel).join(', ') },
      }),
    );
    return { intents: [], signals, state: ctx.state };
  }
  const intent: Intent = { kind: 'flatten', intentId: ctx.ids.intent(), botId: ctx.botId, reason: `${strategy.name} stopped: closing its positions` };
  const signals = ctx.state.positions.map((p) =>
    ruleSignal(ctx, {
      kind: 'exit',
      rule: `${strategy.name}/stop`,
      underlying: underlyingIndexId(p.underlying),
      taken: true,
      reason: 'bot stopped: closing the position',
      inputs: { legs: p.legs.map(legLabel).join(', ') },
      intentIds: [intent.intentId],
    }),
  );
  const positions = ctx.state.positions.map((p) => stripUndefined({ ...p, phase: 'exiting', rollTo: undefined }));
  return { intents: [intent], signals, state: { positions } };
}
