import { describe, expect, it } from 'vitest';
import { kellyEstimate } from './kelly.ts';
import { sizingPolicySchema, type SizingPolicyInput } from './policy.ts';
import { sizePosition, type SizingInputs } from './size.ts';

const policy = (p: SizingPolicyInput) => sizingPolicySchema.parse(p);

const base: SizingInputs = { capital: 1_000_000, maxLots: 50, contract: { lotSize: 65 }, side: 'buy', premium: 100 };

const lotsOf = (p: SizingPolicyInput, i: Partial<SizingInputs> = {}): number => {
  const r = sizePosition(policy(p), { ...base, ...i });
  if (!r.ok) throw new Error(r.error.reason);
  return r.value.lots;
};

describe('sizing policies', () => {
  it('fixed lots: the same lots, capped at the bot maximum', () => {
    expect(lotsOf({ policy: 'fixed-lots', lots: 3 })).toBe(3);
    expect(lotsOf({ policy: 'fixed-lots', lots: 30 }, { maxLots: 4 })).toBe(4);
  });

  it("fixed-fractional: 1 % of ₹10 lakh = ₹10,000 over 65 × ₹100 × 50 % = ₹3,250 a lot → 3 lots (3.08 rounded down)", () => {
    const r = sizePosition(policy({ policy: 'fixed-fractional', riskPct: 1, stopPct: 50 }), base);
    expect(r).toMatchObject({ ok: true, value: { lots: 3, units: 195, lotSize: 65 } });
    if (r.ok) expect(r.value.explanation).toBe('fixed-fractional: 3 lot(s): risk 1 % of ₹10,00,000 = ₹10,000 over ₹3,250 a lot to the 50 % stop; lot 65');
  });

  it('rounds down to the lot in force for the contract on the trade date (NIFTY: 75 for the 2 Jan 2025 weekly, 25 for the 30 Jan monthly, on 20 Dec 2024)', () => {
    const p = { policy: 'fixed-fractional', riskPct: 1, stopPct: 50 } as const;
    // ₹10,000 of risk at ₹50 a unit to the stop: 200 units → 2 lots of 75 (2.67), 8 lots of 25.
    expect(lotsOf(p, { contract: { underlying: 'NIFTY', expiry: '2025-01-02', tradeDate: '2024-12-20' } })).toBe(2);
    expect(lotsOf(p, { contract: { underlying: 'NIFTY', expiry: '2025-01-30', tradeDate: '2024-12-20' } })).toBe(8);
  });

  it('volatility-scaled by ATR: ₹10,000 over 2 × 120-point ATR × Δ 0.5 × 65 = ₹7,800 a lot → 1 lot; by IV the one-day move S·σ·√(1/365)', () => {
    expect(lotsOf({ policy: 'volatility-scaled', riskPct: 1, measure: 'atr', multiple: 2 }, { atr: 120, delta: 0.5 })).toBe(1);
    // 23,000 × 0.12 × √(1/365) = 144.47 points × Δ 0.25 × 65 = ₹2,347.6 a lot → 4 lots (4.26).
    expect(lotsOf({ policy: 'volatility-scaled', riskPct: 1, measure: 'iv' }, { spot: 23_000, iv: 0.12, delta: 0.25 })).toBe(4);
    // Twice the volatility, half the size.
    expect(lotsOf({ policy: 'volatility-scaled', riskPct: 1, measure: 'iv' }, { spot: 23_000, iv: 0.24, delta: 0.25 })).toBe(2);
    const noAtr = sizePosition(policy({ policy: 'volatility-scaled', riskPct: 1, measure: 'atr' }), { ...base, delta: 0.5 });
    expect(noAtr).toMatchObject({ ok: false, error: { reason: "the underlying's ATR is not known" } });
  });

  it('premium (buyers): 2 % of ₹10 lakh = ₹20,000 at ₹6,500 a lot → 3 lots; refuses a seller', () => {
    expect(lotsOf({ policy: 'premium', premiumPct: 2 })).toBe(3);
    expect(sizePosition(policy({ policy: 'premium', premiumPct: 2 }), { ...base, side: 'sell' })).toMatchObject({ ok: false, error: { reason: 'the premium policy sizes option buyers; this signal sells' } });
  });

  it('margin (sellers): 30 % of ₹10 lakh = ₹3 lakh at ₹1,10,000 a lot → 2 lots; refuses without a margin figure', () => {
    expect(lotsOf({ policy: 'margin', marginPct: 30 }, { side: 'sell', marginPerLot: 110_000 })).toBe(2);
    expect(sizePosition(policy({ policy: 'margin', marginPct: 30 }), { ...base, side: 'sell' })).toMatchObject({ ok: false, error: { reason: 'no margin figure for one lot' } });
  });

  it('refuses fewer than one whole lot, saying why, instead of sending one anyway', () => {
    const r = sizePosition(policy({ policy: 'premium', premiumPct: 0.5 }), { ...base, capital: 100_000 });
    expect(r).toMatchObject({ ok: false, error: { policy: 'premium', reason: 'no whole lot: 0.5 % of ₹1,00,000 = ₹500 of premium at ₹6,500 a lot; lot 65', inputs: { lots: 0 } } });
  });

  it('confidence multipliers: × 1.5 for strength ≥ 0.8, × 1.2 for ≥ 0.65, × 1.1 when ML agrees above 0.7, × 0.6 when it conflicts', () => {
    const p = { policy: 'fixed-fractional', riskPct: 1, stopPct: 10, confidence: {} } as const;
    // ₹10,000 over ₹650 a lot = 15.38 → 15; × 1.5 → 23.08 → 23; × 1.5 × 1.1 → 25.38 → 25; × 1.2 × 0.6 → 11.08 → 11.
    expect(lotsOf(p)).toBe(15);
    expect(lotsOf(p, { strength: 0.85 })).toBe(23);
    expect(lotsOf(p, { strength: 0.85, ml: { agrees: true, confidence: 0.75 } })).toBe(25);
    expect(lotsOf(p, { strength: 0.7, ml: { agrees: false, confidence: 0.9 } })).toBe(11);
    const r = sizePosition(policy(p), { ...base, strength: 0.85, ml: { agrees: true, confidence: 0.75 } });
    if (r.ok) expect(r.value.explanation).toContain('× 1.5 (strength 0.85 ≥ 0.8) × 1.1 (ML agrees at 0.75)');
  });
});

describe('Kelly', () => {
  // 40 trades: 24 wins of ₹3,000, 16 losses of ₹2,000: W = 0.6, R = 1.5, Kelly = 0.6 − 0.4 / 1.5 = 0.3333.
  const trades = [...Array<number>(24).fill(3_000), ...Array<number>(16).fill(-2_000)];

  it('estimates W − (1 − W) ÷ R from the trades', () => {
    const k = kellyEstimate(trades, 30);
    expect(k.ok && k.value.full).toBeCloseTo(1 / 3, 12);
  });

  it('risks half-Kelly capped at maxRiskPct: ½ × 33.3 % is capped at 2 % → ₹20,000 over ₹3,250 → 6 lots', () => {
    expect(lotsOf({ policy: 'kelly', stopPct: 50 }, { tradePnls: trades })).toBe(6);
    // Uncapped (maxRiskPct 20): 16.67 % of ₹10 lakh = ₹1,66,667 → 51 lots, cut to the bot maximum of 50.
    const r = sizePosition(policy({ policy: 'kelly', stopPct: 50, maxRiskPct: 20 }), { ...base, tradePnls: trades });
    expect(r).toMatchObject({ ok: true, value: { lots: 50 } });
    if (r.ok) expect(r.value.explanation).toContain("cut from 51 to the bot's maximum of 50");
  });

  it('refuses with too few trades and with no edge', () => {
    expect(sizePosition(policy({ policy: 'kelly', stopPct: 50 }), { ...base, tradePnls: trades.slice(0, 29) })).toMatchObject({
      ok: false,
      error: { reason: 'Kelly needs at least 30 closed trades of this bot; it has 29' },
    });
    const losing = [...Array<number>(10).fill(1_000), ...Array<number>(30).fill(-1_000)];
    expect(sizePosition(policy({ policy: 'kelly', stopPct: 50 }), { ...base, tradePnls: losing })).toMatchObject({ ok: false, error: { reason: expect.stringMatching(/^no edge in the bot's 40 trades/) } });
  });

  it('trades lotsUntilMinTrades while the sample is short, then Kelly; an edgeless sample is still refused', () => {
    const warm = sizePosition(policy({ policy: 'kelly', stopPct: 50, lotsUntilMinTrades: 2 }), { ...base, tradePnls: trades.slice(0, 5) });
    expect(warm).toMatchObject({ ok: true, value: { lots: 2 } });
    if (warm.ok) expect(warm.value.explanation).toContain('Kelly needs at least 30 closed trades of this bot; it has 5: 2 lot(s) fixed until then');
    expect(sizePosition(policy({ policy: 'kelly', stopPct: 50, lotsUntilMinTrades: 2 }), { ...base, tradePnls: trades })).toEqual(sizePosition(policy({ policy: 'kelly', stopPct: 50 }), { ...base, tradePnls: trades }));
    const losing = [...Array<number>(10).fill(1_000), ...Array<number>(30).fill(-1_000)];
    expect(sizePosition(policy({ policy: 'kelly', stopPct: 50, lotsUntilMinTrades: 2 }), { ...base, tradePnls: losing })).toMatchObject({ ok: false });
  });
});

describe('policy schema', () => {
  it('names a bad field and fills defaults', () => {
    expect(sizingPolicySchema.safeParse({ policy: 'kelly' }).success).toBe(false);
    expect(sizingPolicySchema.safeParse({ policy: 'fixed-lots', lots: 0 }).success).toBe(false);
    expect(sizingPolicySchema.safeParse({ policy: 'martingale' }).success).toBe(false);
    expect(policy({ policy: 'kelly', stopPct: 40 })).toEqual({ policy: 'kelly', stopPct: 40, fraction: 0.5, maxRiskPct: 2, minTrades: 30, lotsUntilMinTrades: 0, confidence: null });
  });
});
