import type { Intent } from '#model/intent';
import type { Signal, SignalInput } from '#model/signal';
import type { OptionChain } from '#options/chain';
import { underlyingIndexId } from '#options/option-symbol';
import type { BotContext } from '../contract/context.ts';
import { ruleSignal } from '../common/rule-signal.ts';
import { exitIntents, exitStep, markBuyer, toPaise, type BuyerMarks } from './buyer-actions.ts';
import { buyerPlaybook, type BuyerPlaybookParams } from './buyer-params.ts';
import { positionLabel, stripUndefined, type BuyerPosition } from './buyer-position.ts';
import { syncBuyer } from './buyer-sync.ts';

/** An exit rule that fired: `rule` names it (`stop`, `target`, …), `reason` says it with the numbers. */
export interface ExitDecision {
  readonly rule: string;
  readonly reason: string;
  readonly notes?: readonly string[];
}

/**
 * The bot's own exit rules for an open, marked position (after the playbook's forced exit): the exit that
 * fired with the numbers its signal shows, or none (most minutes, and then no numbers are worked out).
 */
export type ExitRules<T extends BuyerPosition, P, S> = (
  ctx: BotContext<P, S>,
  pos: T,
  marks: BuyerMarks,
  chain: OptionChain,
) => { readonly exit: undefined } | { readonly exit: ExitDecision; readonly inputs: Record<string, SignalInput> };

export interface PositionsStep<T> {
  readonly intents: Intent[];
  readonly signals: Signal[];
  /** Positions still held or being entered/exited, in their new state. */
  readonly positions: T[];
  /** Entries that execution refused or that ended with nothing filled. */
  readonly failed: T[];
}

/** A warning shown once per position (a leg it cannot mark, an exit sent again), as a filtered signal. */
function warnOnce<T extends BuyerPosition, P, S>(ctx: BotContext<P, S>, pos: T, name: string, key: string, reason: string): { signal: Signal | undefined; position: T } {
  if (pos.warned.includes(key)) return { signal: undefined, position: pos };
  const signal = ruleSignal(ctx, { kind: 'exit', rule: `${name}/manage`, underlying: underlyingIndexId(pos.underlying), taken: false, reason, inputs: { position: positionLabel(pos) } });
  return { signal, position: { ...pos, warned: [...pos.warned, key] } };
}

/**
 * One minute of a buyer's positions: each follows what execution reported (entered, refused, closed, an
 * exit to send again), then an open one is marked at mid and checked against the playbook's expiry-day
 * exit and the bot's own exit rules. Every exit is a signal with its numbers.
 */
export function followPositions<T extends BuyerPosition, P extends BuyerPlaybookParams, S>(
  ctx: BotContext<P, S>,
  name: string,
  positions: readonly T[],
  rules: ExitRules<T, P, S>,
): PositionsStep<T> {
  const out: PositionsStep<T> = { intents: [], signals: [], positions: [], failed: [] };
  for (const held of positions) {
    const sync = syncBuyer(held, ctx);
    const pos = sync.position;
    if (sync.event === 'entry-failed') {
      out.failed.push(held);
      out.signals.push(ruleSignal(ctx, { kind: 'entry', rule: `${name}/entry`, underlying: underlyingIndexId(held.underlying), taken: false, reason: `entry not made: ${sync.detail}`, inputs: { position: positionLabel(held) } }));
      continue;
    }
    if (sync.event === 'closed' || !pos) {
      if (held.phase === 'open') {
        out.signals.push(ruleSignal(ctx, { kind: 'exit', rule: `${name}/closed`, underlying: underlyingIndexId(held.underlying), taken: false, reason: sync.detail, inputs: { position: positionLabel(held) } }));
      }
      continue;
    }
    if (sync.event === 'stuck') {
      const w = warnOnce(ctx, pos, name, 'stuck', sync.detail);
      if (w.signal) out.signals.push(w.signal);
      out.positions.push(w.position);
      continue;
    }
    if (sync.event === 'exit-stalled') {
      const intents = exitIntents(ctx, pos, `${name}: exit sent again (${sync.detail})`);
      out.intents.push(...intents);
      const w = warnOnce(ctx, pos, name, 'exit-retry', `exit not done a minute after it was sent: ${sync.detail}; sending it again each minute until flat`);
      if (w.signal) out.signals.push(w.signal);
      out.positions.push({ ...w.position, exitSentAt: ctx.now });
      continue;
    }
    if (pos.phase !== 'open') {
      out.positions.push(pos);
      continue;
    }
    const step = manageOpen(ctx, name, pos, rules);
    out.intents.push(...step.intents);
    out.signals.push(...step.signals);
    out.positions.push(step.position);
  }
  return out;
}

function manageOpen<T extends BuyerPosition, P extends BuyerPlaybookParams, S>(ctx: BotContext<P, S>, name: string, pos: T, rules: ExitRules<T, P, S>): { intents: Intent[]; signals: Signal[]; position: T } {
  const forced = buyerPlaybook(ctx.calendar, pos.underlying, ctx.params).mustExit(pos.expiry);
  if (forced.exit) {
    const e = exitStep(ctx, pos, { name, rule: 'time-exit', reason: forced.reason, inputs: { expiry: pos.expiry, position: positionLabel(pos) } });
    return { intents: e.intents, signals: [e.signal], position: e.position };
  }
  const chain = ctx.chain(pos.underlying, pos.expiry);
  const marks = chain ? markBuyer(pos, chain) : undefined;
  if (!chain || !marks || marks.missing.length > 0) {
    const why = !chain ? `no ${pos.underlying} ${pos.expiry} chain` : `no quote for ${marks!.missing.join(', ')}`;
    const w = warnOnce(ctx, pos, name, 'unmarked', `${why}: the exit rules cannot be checked; the position is held until it can be marked`);
    return { intents: [], signals: w.signal ? [w.signal] : [], position: w.position };
  }
  const peakPremium = toPaise(Math.max(pos.peakPremium, marks.premium));
  // Most minutes move neither: the position itself stays, so the hook returns no new state to validate and store.
  const marked = Object.is(peakPremium, pos.peakPremium) && !pos.warned.includes('unmarked') ? pos : { ...pos, peakPremium, warned: pos.warned.filter((k) => k !== 'unmarked') };
  const fired = rules(ctx, marked, marks, chain);
  if (!fired.exit) return { intents: [], signals: [], position: marked };
  const { exit, inputs } = fired;
  const e = exitStep(ctx, marked, { name, rule: exit.rule, reason: exit.reason, inputs: { position: positionLabel(pos), ...inputs }, ...(exit.notes ? { notes: exit.notes } : {}) });
  return { intents: e.intents, signals: [e.signal], position: e.position };
}

/** onStop: close every position (or keep them, saying they are no longer managed). */
export function buyersOnStop<T extends BuyerPosition, P extends { readonly flattenOnStop: boolean }, S>(
  ctx: BotContext<P, S>,
  name: string,
  positions: readonly T[],
): { intents: Intent[]; signals: Signal[]; positions: T[] } {
  if (positions.length === 0) return { intents: [], signals: [], positions: [] };
  const signalFor = (p: T, taken: boolean, reason: string, intentIds: readonly Intent['intentId'][] = []): Signal =>
    ruleSignal(ctx, { kind: 'exit', rule: `${name}/stop`, underlying: underlyingIndexId(p.underlying), taken, reason, inputs: { position: positionLabel(p) }, intentIds });
  if (!ctx.params.flattenOnStop) {
    return { intents: [], signals: positions.map((p) => signalFor(p, false, 'bot stopped with flattenOnStop off: the position stays open and is not managed until the bot starts again')), positions: [...positions] };
  }
  const intent: Intent = { kind: 'flatten', intentId: ctx.ids.intent(), botId: ctx.botId, reason: `${name} stopped: closing its positions` };
  return {
    intents: [intent],
    signals: positions.map((p) => signalFor(p, true, 'bot stopped: closing the position', [intent.intentId])),
    positions: positions.map((p) => stripUndefined({ ...p, phase: 'exiting', exitSentAt: ctx.now })),
  };
}
