import { describe, expect, it } from 'vitest';
import { botId, clientOrderId, instrumentId, intentId, structureId } from '#model/ids';
import type { Intent } from '#model/intent';
import { emptyPosition } from '#model/position';
import { isOpening } from './intent-gate.ts';

const BOT = botId('iron-condor');
const CE = instrumentId('NFO', 'NIFTY01DEC2628750CE');
const condor = (continues?: string): Intent => ({
  kind: 'enter-structure',
  intentId: intentId('in-2'),
  botId: BOT,
  structure: 'iron-condor',
  product: 'NRML',
  legs: [{ instrumentId: CE, side: 'SELL', quantity: 65, type: 'LIMIT', limitPrice: 106.55 }],
  policy: { kind: 'complete', maxRetries: 3, chaseStepTicks: 1, chaseBandPct: 2, legTimeoutMs: 5000 },
  reason: 'test',
  ...(continues ? { continues: structureId(continues) } : {}),
});
const sell = (quantity: number): Intent => ({ kind: 'place', intentId: intentId('in-3'), botId: BOT, instrumentId: CE, side: 'SELL', quantity, type: 'MARKET', product: 'NRML', reason: 'test' });

describe('which intents open a new position (the bot manager holds those back when paused or out of regime, and sizes them)', () => {
  it('a structure entry does; the rolled structure that continues a closed one does not', () => {
    expect(isOpening(condor(), [])).toBe(true);
    expect(isOpening(condor('st-1'), [])).toBe(false);
  });

  it('an order does unless it reduces what the bot holds; exits never do', () => {
    const long = { ...emptyPosition(CE), netQuantity: 65 };
    expect(isOpening(sell(65), [long])).toBe(false);
    expect(isOpening(sell(130), [long])).toBe(true);
    expect(isOpening(sell(65), [])).toBe(true);
    expect(isOpening({ kind: 'flatten', intentId: intentId('in-4'), botId: BOT, reason: 'test' }, [])).toBe(false);
    expect(isOpening({ kind: 'cancel', intentId: intentId('in-5'), botId: BOT, clientOrderId: clientOrderId('c-1'), reason: 'test' }, [])).toBe(false);
  });
});
