import { describe, expect, it } from 'vitest';
import { botId, instrumentId, intentId, signalId } from '#model/ids';
import type { Signal } from '#model/signal';
import type { RiskRejection } from '#risk/pre-trade';
import { refusalReason, signalAfterRefusals, SignalOutcomes } from './signal-outcomes.ts';

const taken = (id: string, intents: string[]): Signal => ({
  id: signalId(id),
  botId: botId('iron-condor'),
  instrumentId: instrumentId('NSE_INDEX', 'NIFTY'),
  tsEvent: 1,
  kind: 'entry',
  rule: 'iron-condor/entry',
  direction: 'neutral',
  strength: 0.7,
  scores: {},
  inputs: {},
  sources: [],
  decision: { kind: 'taken', reason: 'range holds' },
  notes: [],
  intentIds: intents.map(intentId),
});

describe('signalAfterRefusals', () => {
  it('every intent refused: the decision is refused with the reason, the bot’s own reason kept as a note', () => {
    const s = signalAfterRefusals(taken('s1', ['a']), new Map([[intentId('a'), 'refused by risk: risk greeks: Net theta']]));
    expect(s.decision).toEqual({ kind: 'refused', reason: 'refused by risk: risk greeks: Net theta' });
    expect(s.notes).toEqual(["the bot's own rules had decided to trade: range holds"]);
  });

  it('some intents refused: still taken, and the reason says which part never reached the broker', () => {
    const s = signalAfterRefusals(taken('s1', ['hedge', 'short']), new Map([[intentId('short'), 'refused by risk: margin']]));
    expect(s.decision.kind).toBe('taken');
    expect(s.decision.reason).toBe('range holds — partly refused: 1 of 2 intents never reached the broker (refused by risk: margin)');
    expect(s.notes).toEqual(['intent short refused by risk: margin']);
  });

  it('leaves a filtered signal, or one none of whose intents was refused, as it was', () => {
    const f: Signal = { ...taken('s1', []), decision: { kind: 'filtered', reason: 'IV low' } };
    expect(signalAfterRefusals(f, new Map([[intentId('a'), 'x']]))).toBe(f);
    const t = taken('s2', ['b']);
    expect(signalAfterRefusals(t, new Map([[intentId('a'), 'x']]))).toBe(t);
  });
});

describe('SignalOutcomes', () => {
  it('follows a taken signal until each of its intents is answered, then forgets it', () => {
    const o = new SignalOutcomes();
    o.track([taken('s1', ['a', 'b']), { ...taken('s2', []), decision: { kind: 'filtered', reason: 'no' } }]);
    expect(o.size).toBe(1);
    o.accepted(intentId('a'));
    expect(o.refused(intentId('b'), 'refused by risk: margin')?.decision.reason).toMatch(/partly refused: 1 of 2/);
    expect(o.size).toBe(0);
    expect(o.refused(intentId('b'), 'again')).toBeUndefined();
    expect(o.refused(intentId('unknown'), 'x')).toBeUndefined();
  });

  it('a second refusal of the same signal builds on the first', () => {
    const o = new SignalOutcomes();
    o.track([taken('s1', ['a', 'b'])]);
    o.refused(intentId('a'), 'refused by the order manager: trading has not started yet');
    expect(o.refused(intentId('b'), 'refused by the order manager: trading has not started yet')?.decision).toEqual({ kind: 'refused', reason: 'refused by the order manager: trading has not started yet' });
  });
});

describe('refusalReason', () => {
  it('names who refused', () => {
    expect(refusalReason({ kind: 'risk-denied', message: 'risk greeks: Net theta', rejection: {} as RiskRejection })).toBe('refused by risk: risk greeks: Net theta');
    expect(refusalReason({ kind: 'not-allowed', message: 'trading is halted' })).toBe('refused by the order manager: trading is halted');
  });
});
