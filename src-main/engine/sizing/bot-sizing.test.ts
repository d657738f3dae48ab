import { describe, expect, it } from 'vitest';
import { DEFAULT_RISK_CONFIG } from '#config/risk-schema';
import { botId, intentId, signalId } from '#model/ids';
import type { Intent } from '#model/intent';
import type { Signal } from '#model/signal';
import { sizingPolicySchema } from '#risk/sizing/policy';
import { FakeMarket, T0, niftyOption } from '#risk/test-support';
import { instrumentsFrom } from '#execution/instruments';
import { createBotSizing } from './bot-sizing.ts';

const BOT = botId('momentum-rider');
const ce = niftyOption(23_000, 'CE');
const pe = niftyOption(23_000, 'PE');
const market = new FakeMarket();
market.spots.set('NIFTY', 23_000);
market.marks.set(ce.id, 100);
market.marks.set(pe.id, 100);
market.ivs.set(ce.id, 0.14);
market.ivs.set(pe.id, 0.14);

const sizing = createBotSizing({ instruments: instrumentsFrom([ce, pe]), market, limits: () => DEFAULT_RISK_CONFIG, tradePnls: () => [] });

const buy: Intent = { kind: 'place', intentId: intentId('i1'), botId: BOT, instrumentId: ce.id, side: 'BUY', quantity: 65, type: 'LIMIT', product: 'NRML', limitPrice: 100, reason: 'breakout' };
const signal = (ids: string[], strength = 0.9): Signal => ({
  id: signalId('s1'),
  botId: BOT,
  instrumentId: ce.id,
  tsEvent: T0,
  kind: 'entry',
  rule: 'momentum-rider/entry',
  direction: 'long',
  strength,
  scores: {},
  inputs: { move: 0.5 },
  sources: [],
  decision: { kind: 'taken', reason: 'breakout' },
  notes: [],
  intentIds: ids.map(intentId),
});

describe('bot sizing between the signal and risk', () => {
  it('resizes an opening order by the policy and writes the policy and its inputs into the signal', () => {
    const policy = sizingPolicySchema.parse({ policy: 'fixed-fractional', riskPct: 1, stopPct: 50, confidence: {} });
    // ₹2,50,000 × 1 % × 1.5 (strength 0.9) = ₹3,750 over 65 × ₹100 × 50 % = ₹3,250 → 1 lot (1.15).
    const out = sizing(policy, BOT, 250_000, [buy], () => true, [signal(['i1'])], T0);
    expect(out.held.size).toBe(0);
    expect(out.intents[0]).toMatchObject({ quantity: 65 });
    const s = out.signals[0]!;
    expect(s.inputs).toMatchObject({ move: 0.5, 'sizing.policy': 'fixed-fractional', 'sizing.lots': 1, 'sizing.multiplier': 1.5, 'sizing.riskRupees': 3_750, 'sizing.lotSize': 65 });
    expect(s.notes.at(-1)).toMatch(/^sizing fixed-fractional: 1 lot\(s\): risk 1 % of ₹2,50,000 = ₹3,750/);
    const bigger = sizing(policy, BOT, 1_000_000, [buy], () => true, [signal(['i1'])], T0);
    expect(bigger.intents[0]).toMatchObject({ quantity: 4 * 65 });
  });

  it('holds back an intent it cannot size to a whole lot, and leaves exits alone', () => {
    const policy = sizingPolicySchema.parse({ policy: 'premium', premiumPct: 1 });
    const out = sizing(policy, BOT, 250_000, [buy], () => true, [signal(['i1'])], T0);
    expect(out.held.get(intentId('i1'))).toBe('sizing (premium): no whole lot: 1 % of ₹2,50,000 = ₹2,500 of premium at ₹6,500 a lot; lot 65');
    const exit = sizing(policy, BOT, 250_000, [buy], () => false, [signal(['i1'])], T0);
    expect(exit.held.size).toBe(0);
    expect(exit.intents[0]).toBe(buy);
  });

  it('sizes a structure as a whole, legs kept in proportion, a seller by margin', () => {
    const straddle: Intent = {
      kind: 'enter-structure',
      intentId: intentId('i2'),
      botId: BOT,
      structure: 'straddle',
      product: 'NRML',
      legs: [
        { instrumentId: ce.id, side: 'SELL', quantity: 65, type: 'LIMIT', limitPrice: 100 },
        { instrumentId: pe.id, side: 'SELL', quantity: 65, type: 'LIMIT', limitPrice: 100 },
      ],
      policy: { kind: 'unwind', legTimeoutMs: 30_000 },
      reason: 'iv high',
    } as Intent;
    const policy = sizingPolicySchema.parse({ policy: 'margin', marginPct: 80 });
    const out = sizing(policy, BOT, 1_000_000, [straddle], () => true, [signal(['i2'])], T0);
    expect(out.held.size).toBe(0);
    const legs = (out.intents[0] as Extract<Intent, { kind: 'enter-structure' }>).legs;
    const lots = out.signals[0]!.inputs['sizing.lots'] as number;
    const margin = out.signals[0]!.inputs['sizing.marginPerLot'] as number;
    // Capped at the default bot's 4 lots (risk.defaultBot.maxLots).
    expect(Math.floor(800_000 / margin)).toBeGreaterThan(4);
    expect(lots).toBe(4);
    expect(out.signals[0]!.notes.at(-1)).toContain("to the bot's maximum of 4");
    expect(legs.map((l) => l.quantity)).toEqual([lots * 65, lots * 65]);
  });
});
