import { describe, expect, it } from 'vitest';
import { botId, instrumentId, intentId, structureId, type IntentId } from '#model/ids';
import type { Intent } from '#model/intent';
import { emptyPosition } from '#model/position';
import type { Signal } from '#model/signal';
import { isOpening, withholdInSignals } from './intent-gate.ts';
import { entrySignal } from './testing/signal-fixture.ts';

const BOT = botId('short-straddle');
const CE = instrumentId('NFO', 'NIFTY01DEC2529000CE');
const place = (side: 'BUY' | 'SELL', quantity: number): Intent => ({ kind: 'place', intentId: intentId('i1'), botId: BOT, instrumentId: CE, side, quantity, type: 'LIMIT', limitPrice: 100, product: 'NRML', reason: 'r' });
const held = (q: number) => [{ ...emptyPosition(CE), netQuantity: q }];
const signal = (id: string, intents: string[], taken = true): Signal => entrySignal(id, taken, intents);

describe('which intents open exposure', () => {
  it('a structure entry opens; a flatten, an exit and a cancel do not', () => {
    expect(isOpening({ kind: 'enter-structure', intentId: intentId('s'), botId: BOT, structure: 'straddle', product: 'NRML', legs: [], policy: { kind: 'unwind', legTimeoutMs: 1 }, reason: 'r' }, [])).toBe(true);
    expect(isOpening({ kind: 'flatten', intentId: intentId('f'), botId: BOT, reason: 'r' }, [])).toBe(false);
    expect(isOpening({ kind: 'cancel', intentId: intentId('c'), botId: BOT, clientOrderId: 'o' as never, reason: 'r' }, [])).toBe(false);
  });

  it('a rolled structure that continues a closed one does not: a pause or the regime must not turn a roll into an exit', () => {
    const entry: Intent = { kind: 'enter-structure', intentId: intentId('s'), botId: BOT, structure: 'straddle', product: 'NRML', legs: [], policy: { kind: 'unwind', legTimeoutMs: 1 }, reason: 'r' };
    expect(isOpening({ ...entry, continues: structureId('st-1') }, [])).toBe(false);
  });

  it('an order opens unless it reduces a position the bot holds by at least its size', () => {
    expect(isOpening(place('BUY', 65), [])).toBe(true);
    expect(isOpening(place('SELL', 65), held(65))).toBe(false);
    expect(isOpening(place('SELL', 130), held(65))).toBe(true);
    expect(isOpening(place('BUY', 65), held(-65))).toBe(false);
    expect(isOpening(place('BUY', 65), held(65))).toBe(true);
  });
});

describe('signals after the manager held intents back', () => {
  const held = new Map<IntentId, string>([[intentId('a'), 'NIFTY is trending']]);

  it('a signal that named a held intent is filtered with who held it and why, and keeps the bot’s own reason in its notes', () => {
    const [s] = withholdInSignals([signal('s1', ['a'])], held, () => signal('x', []));
    expect(s!.decision).toEqual({ kind: 'filtered', reason: 'held back by the bot manager: NIFTY is trending' });
    expect(s!.intentIds).toEqual([]);
    expect(s!.notes).toContain("the bot's own rules had decided to trade: sold 1 lot");
  });

  it('other signals pass unchanged and a held intent no signal named gets its own', () => {
    const other = signal('s2', ['b']);
    const out = withholdInSignals([other], held, (id, reason) => ({ ...signal('made', []), inputs: { intent: id }, decision: { kind: 'filtered', reason } }));
    expect(out[0]).toBe(other);
    expect(out[1]).toMatchObject({ inputs: { intent: 'a' }, decision: { kind: 'filtered', reason: 'NIFTY is trending' } });
  });

  it('nothing held: the signals as they were', () => {
    const list = [signal('s3', ['a'])];
    expect(withholdInSignals(list, new Map(), () => signal('x', []))).toEqual(list);
  });
});
