import type { Fill } from '#model/fill';
import type { Signal } from '#model/signal';
import type { StructureStatus } from '#model/structure';

export type DecisionSignal = Pick<Signal, 'botId' | 'instrumentId' | 'tsEvent' | 'kind' | 'rule' | 'decision' | 'intentIds'>;

/** What the trade list needs of a fill's order: its intent, when it was sent, and its place in a structure. */
export interface DecidedOrder {
  readonly intentId?: string;
  readonly tsInit: number;
  readonly link?: { readonly role: 'entry' | 'exit' };
  /** The structure's status now, for a structure's order. */
  readonly structureStatus?: StructureStatus;
}

export interface Decision {
  readonly rule: string;
  readonly reason: string;
}

/**
 * The rule and reason behind a fill's order: the taken signal that emitted its intent. A structure's exit
 * leg carries the structure's opening intent, so its reason is the bot's latest taken exit or adjustment
 * signal on the same underlying between that opening and the order; with none, the bot did not close it:
 * the order manager did (an entry whose legs did not all fill is unwound), and the reason says so rather
 * than repeating the entry's.
 */
export function fillDecisions(taken: readonly DecisionSignal[], orderOf: (f: Fill) => DecidedOrder | undefined): (f: Fill) => Decision {
  const byIntent = new Map<string, DecisionSignal>();
  for (const s of taken) for (const id of s.intentIds) byIntent.set(id, s);
  const closing = taken.filter((s) => s.kind !== 'entry');
  return (f) => {
    const order = orderOf(f);
    const intentId = order?.intentId;
    if (order === undefined || intentId === undefined) return { rule: 'no intent', reason: 'an order outside the bots (kill switch or reconciliation)' };
    const opened = byIntent.get(intentId);
    if (!opened) return { rule: 'no signal', reason: `intent ${intentId} has no stored signal` };
    if (order.link?.role !== 'exit') return { rule: opened.rule, reason: opened.decision.reason };
    let s: DecisionSignal | undefined;
    for (const c of closing) {
      if (c.botId === opened.botId && c.instrumentId === opened.instrumentId && c.tsEvent > opened.tsEvent && c.tsEvent <= order.tsInit && (!s || c.tsEvent >= s.tsEvent)) s = c;
    }
    if (s) return { rule: s.rule, reason: s.decision.reason };
    const unwound = order.structureStatus === 'unwinding' || order.structureStatus === 'unwound';
    return unwound
      ? { rule: 'execution/unwind', reason: 'entry not completed: a leg did not fill, so the order manager closed the legs that had filled' }
      : { rule: 'execution/exit', reason: `closed by the order manager with no exit signal from the bot (structure ${order.structureStatus ?? 'unknown'})` };
  };
}
