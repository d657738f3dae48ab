import { describe, expect, it } from 'vitest';
import type { Fill } from '#model/fill';
import { botId, instrumentId, intentId } from '#model/ids';
import { fillDecisions, type DecidedOrder, type DecisionSignal } from './fill-decisions.ts';

const NIFTY = instrumentId('NSE_INDEX', 'NIFTY');
const BANKNIFTY = instrumentId('NSE_INDEX', 'BANKNIFTY');
const BOT = botId('short-straddle');

function signal(kind: DecisionSignal['kind'], rule: string, reason: string, tsEvent: number, intents: string[], underlying = NIFTY): DecisionSignal {
  return { botId: BOT, instrumentId: underlying, tsEvent, kind, rule, decision: { kind: 'taken', reason }, intentIds: intents.map((i) => intentId(i)) };
}

/** Fills named by their order, each order as the engine would describe it. */
function decide(taken: DecisionSignal[], orders: Record<string, DecidedOrder>): (order: string) => { rule: string; reason: string } {
  const of = fillDecisions(taken, (f) => orders[f.clientOrderId]);
  return (order) => of({ clientOrderId: order } as unknown as Fill);
}

describe('fillDecisions', () => {
  const entry = signal('entry', 'short-straddle/entry', 'sold the 25850 straddle', 1000, ['enter-nifty']);

  it('an entry leg, a chased entry leg included, is the entry signal’s', () => {
    const exitElsewhere = signal('exit', 'short-straddle/stop', 'BANKNIFTY stop', 1500, ['exit-bank'], BANKNIFTY);
    const d = decide([entry, exitElsewhere], { first: { intentId: 'enter-nifty', tsInit: 1000, link: { role: 'entry' } }, chased: { intentId: 'enter-nifty', tsInit: 2000, link: { role: 'entry' } } });
    expect(d('first')).toEqual({ rule: 'short-straddle/entry', reason: 'sold the 25850 straddle' });
    expect(d('chased')).toEqual({ rule: 'short-straddle/entry', reason: 'sold the 25850 straddle' });
  });

  it('a structure’s exit leg is the bot’s exit signal on the same underlying, not another underlying’s', () => {
    const stop = signal('exit', 'short-straddle/stop', 'NIFTY stop: loss 41 %', 3000, ['exit-nifty']);
    const bankTarget = signal('exit', 'short-straddle/target', 'BANKNIFTY target', 3500, ['exit-bank'], BANKNIFTY);
    const d = decide([entry, stop, bankTarget], { out: { intentId: 'enter-nifty', tsInit: 4000, link: { role: 'exit' }, structureStatus: 'closed' } });
    expect(d('out')).toEqual({ rule: 'short-straddle/stop', reason: 'NIFTY stop: loss 41 %' });
  });

  it('an entry the order manager unwound (a leg did not fill) says so, not the entry’s reason', () => {
    const d = decide([entry], { unwind: { intentId: 'enter-nifty', tsInit: 1063, link: { role: 'exit' }, structureStatus: 'unwound' }, flat: { intentId: 'enter-nifty', tsInit: 9000, link: { role: 'exit' }, structureStatus: 'closed' } });
    expect(d('unwind')).toEqual({ rule: 'execution/unwind', reason: 'entry not completed: a leg did not fill, so the order manager closed the legs that had filled' });
    expect(d('flat').rule).toBe('execution/exit');
    expect(d('flat').reason).not.toContain('straddle');
  });

  it('an order with no intent or no stored signal says which', () => {
    const d = decide([entry], { kill: { tsInit: 5000 }, lost: { intentId: 'nowhere', tsInit: 5000 } });
    expect(d('kill').rule).toBe('no intent');
    expect(d('lost').rule).toBe('no signal');
    expect(d('missing').rule).toBe('no intent');
  });
});
