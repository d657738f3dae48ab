import { describe, expect, it } from 'vitest';
import type { Result } from '#core/result';
import { clientOrderId, structureId } from '#model/ids';
import type { RiskCheckName, RiskRejection } from '../pre-trade.ts';
import { BOT_A, BOT_B, harness, limitsWith, niftyFuture, niftyOption, proposal, T0, type Harness } from '../test-support.ts';

const refusedBy = (r: Result<void, RiskRejection>): RiskCheckName | undefined => (r.ok ? undefined : r.error.check);

const call = niftyOption(23_000, 'CE');
const put = niftyOption(23_000, 'PE');
const otmCall = niftyOption(23_300, 'CE');
const fut = niftyFuture();

function priced(h: Harness): Harness {
  h.market.marks.set(call.id, 150);
  h.market.marks.set(put.id, 140);
  h.market.marks.set(otmCall.id, 50);
  h.market.marks.set(fut.id, 23_050);
  return h;
}

const bot = (over: object) => ({ capital: 1e9, maxPositions: 100, maxLots: 1000, entryWindow: null, ...over });

describe('daily-loss check', () => {
  it('refuses entries once the day has lost the limit, and lets exits through', () => {
    const h = priced(harness(limitsWith({ dailyLoss: { limit: 10_000, action: 'reducing', flatten: false } })));
    h.ledger.observe(0, T0 - 60_000);
    h.portfolio.realisedPnl = -9_999;
    expect(h.gate.check(proposal({ instrument: call, referencePrice: 150 })).ok).toBe(true);
    h.portfolio.realisedPnl = -8_000;
    h.portfolio.charges = 2_000;
    const r = h.gate.check(proposal({ instrument: call, referencePrice: 150 }));
    expect(r).toMatchObject({ ok: false, error: { check: 'daily-loss', limit: 10_000, value: 10_000 } });
    h.portfolio.positions.push({ instrument: call, netQuantity: -65, avgPrice: 150 });
    expect(h.gate.check(proposal({ instrument: call, side: 'BUY', reduceOnly: true, referencePrice: 150 })).ok).toBe(true);
  });

  it('counts marked-to-market losses, not only realised ones', () => {
    const h = priced(harness(limitsWith({ dailyLoss: { limit: 10_000, action: 'reducing', flatten: false } })));
    h.portfolio.positions.push({ instrument: call, netQuantity: -65, avgPrice: 150 });
    h.ledger.observe(0, T0 - 60_000);
    h.market.marks.set(call.id, 150 + 160); // 65 × 160 = ₹10,400 marked-to-market loss
    expect(refusedBy(h.gate.check(proposal({ instrument: put, referencePrice: 140 })))).toBe('daily-loss');
  });
});

describe('drawdown check', () => {
  it("refuses entries at the drawdown from the day's peak", () => {
    const h = priced(harness(limitsWith({ dayDrawdown: { limit: 15_000, action: 'reducing', flatten: false } })));
    h.ledger.observe(0, T0 - 2000);
    h.ledger.observe(30_000, T0 - 1000);
    h.portfolio.realisedPnl = 16_000;
    expect(h.gate.check(proposal({ instrument: call, referencePrice: 150 })).ok).toBe(true);
    h.portfolio.realisedPnl = 15_000;
    expect(h.gate.check(proposal({ instrument: call, referencePrice: 150 }))).toMatchObject({ ok: false, error: { check: 'drawdown', limit: 15_000, value: 15_000 } });
  });

  it('refuses entries at the overall drawdown from the best P&L ever', () => {
    const h = priced(harness(limitsWith({ overallDrawdown: { limit: 25_000, action: 'halted', flatten: false } })));
    h.ledger.observe(50_000, T0 - 2000);
    h.portfolio.realisedPnl = 25_000;
    const r = h.gate.check(proposal({ instrument: call, referencePrice: 150 }));
    expect(r).toMatchObject({ ok: false, error: { check: 'drawdown', limit: 25_000 } });
    if (!r.ok) expect(r.error.reason).toContain('best ever');
  });
});

describe('position-limit check', () => {
  const s1 = structureId('s1');
  it('counts a structure once and refuses a position beyond the limit', () => {
    const h = priced(harness(limitsWith({ bots: { 'bot-a': bot({ maxPositions: 1 }) } })));
    h.portfolio.positions.push({ instrument: call, botId: BOT_A, structureId: s1, netQuantity: -65, avgPrice: 150 });
    expect(h.gate.check(proposal({ instrument: put, botId: BOT_A, structureId: s1, referencePrice: 140 })).ok).toBe(true);
    expect(h.gate.check(proposal({ instrument: put, botId: BOT_A, referencePrice: 140 }))).toMatchObject({ ok: false, error: { check: 'position-limit', limit: 1, value: 2 } });
    expect(h.gate.check(proposal({ instrument: put, botId: BOT_B, referencePrice: 140 })).ok).toBe(true);
  });

  it('counts working entries as open', () => {
    const h = priced(harness(limitsWith({ bots: { 'bot-a': bot({ maxPositions: 1 }) } })));
    h.portfolio.openOrders.push({ clientOrderId: clientOrderId('w1'), instrument: call, botId: BOT_A, side: 'SELL', remainingQuantity: 65, limitPrice: 150, reduceOnly: false });
    expect(refusedBy(h.gate.check(proposal({ instrument: put, botId: BOT_A, referencePrice: 140 })))).toBe('position-limit');
  });
});

describe('lot-limit check', () => {
  it("refuses growing a bot's gross lots past the limit and accepts an order that shrinks them", () => {
    const h = priced(harness(limitsWith({ bots: { 'bot-a': bot({ maxLots: 2 }) } })));
    h.portfolio.positions.push({ instrument: call, botId: BOT_A, netQuantity: -130, avgPrice: 150 });
    expect(h.gate.check(proposal({ instrument: call, botId: BOT_A, referencePrice: 150 }))).toMatchObject({ ok: false, error: { check: 'lot-limit', limit: 2, value: 3 } });
    expect(h.gate.check(proposal({ instrument: call, botId: BOT_A, side: 'BUY', referencePrice: 150 })).ok).toBe(true);
  });
});

describe('bot-capital check', () => {
  it("keeps a bot's premium and margin within its allocation", () => {
    const h = priced(harness(limitsWith({ bots: { 'bot-a': bot({ capital: 10_000 }) } })));
    expect(h.gate.check(proposal({ instrument: call, botId: BOT_A, side: 'BUY', referencePrice: 150, limitPrice: 150 })).ok).toBe(true); // 9,750
    expect(h.gate.check(proposal({ instrument: call, botId: BOT_A, side: 'BUY', quantity: 130, referencePrice: 150 }))).toMatchObject({
      ok: false,
      error: { check: 'bot-capital', limit: 10_000, value: 19_500 },
    });
    expect(refusedBy(h.gate.check(proposal({ instrument: call, botId: BOT_A, side: 'SELL', referencePrice: 150 })))).toBe('bot-capital');
  });
});

describe('margin check', () => {
  it('refuses a short the free funds cannot carry and accepts it with enough funds', () => {
    const h = priced(harness());
    h.margin.funds = 50_000;
    const r = h.gate.check(proposal({ instrument: call, referencePrice: 150 }));
    expect(r).toMatchObject({ ok: false, error: { check: 'margin', limit: 50_000 } });
    if (!r.ok) expect(r.error.reason).toContain('estimated margin');
    h.margin.funds = 1_000_000;
    expect(h.gate.check(proposal({ instrument: call, referencePrice: 150 })).ok).toBe(true);
  });

  it("uses the broker's quote for the legs when the order manager fetched one", () => {
    const h = priced(harness());
    h.margin.funds = 50_000;
    h.margin.quoteValue = 40_000;
    expect(h.gate.check(proposal({ instrument: call, referencePrice: 150 })).ok).toBe(true);
    h.margin.quoteValue = 60_000;
    const r = h.gate.check(proposal({ instrument: call, referencePrice: 150 }));
    expect(r).toMatchObject({ ok: false, error: { check: 'margin', value: 60_000 } });
    if (!r.ok) expect(r.error.reason).toContain("the broker's margin");
  });

  it('estimates free funds from the capital when no broker reports them', () => {
    const h = priced(harness(limitsWith({ capital: 50_000 })));
    expect(refusedBy(h.gate.check(proposal({ instrument: call, referencePrice: 150 })))).toBe('margin');
    expect(h.gate.check(proposal({ instrument: call, side: 'BUY', referencePrice: 150 })).ok).toBe(true);
  });

  it('a hedge that lowers the margin needs nothing beyond its premium', () => {
    const h = priced(harness());
    h.portfolio.positions.push({ instrument: call, netQuantity: -65, avgPrice: 150 });
    h.margin.funds = 65 * 50 + 1;
    expect(h.gate.check(proposal({ instrument: otmCall, side: 'BUY', referencePrice: 50 })).ok).toBe(true);
  });
});

describe('greeks check', () => {
  it('refuses net delta beyond the limit and accepts an order that brings it closer to zero', () => {
    const h = priced(harness(limitsWith({ greeks: { maxDeltaLots: 1, maxGammaLots: 1000, maxVega: 1e9, maxTheta: 1e9 } })));
    const r = h.gate.check(proposal({ instrument: fut, side: 'BUY', quantity: 130, referencePrice: 23_050 }));
    expect(r).toMatchObject({ ok: false, error: { check: 'greeks', limit: 1, value: 2 } });
    h.portfolio.positions.push({ instrument: fut, netQuantity: 195, avgPrice: 23_050 });
    expect(h.gate.check(proposal({ instrument: fut, side: 'SELL', quantity: 65, referencePrice: 23_050 })).ok).toBe(true);
  });

  it('refuses vega, gamma and theta beyond their limits', () => {
    const vega = priced(harness(limitsWith({ greeks: { maxDeltaLots: 1000, maxGammaLots: 1000, maxVega: 100, maxTheta: 1e9 } })));
    const rv = vega.gate.check(proposal({ instrument: call, side: 'BUY', referencePrice: 150 }));
    expect(refusedBy(rv)).toBe('greeks');
    if (!rv.ok) expect(rv.error.reason).toContain('vega');
    const gamma = priced(harness(limitsWith({ greeks: { maxDeltaLots: 1000, maxGammaLots: 0.01, maxVega: 1e9, maxTheta: 1e9 } })));
    const rg = gamma.gate.check(proposal({ instrument: call, referencePrice: 150 }));
    if (!rg.ok) expect(rg.error.reason).toContain('gamma');
    expect(refusedBy(rg)).toBe('greeks');
    const theta = priced(harness(limitsWith({ greeks: { maxDeltaLots: 1000, maxGammaLots: 1000, maxVega: 1e9, maxTheta: 100 } })));
    const rt = theta.gate.check(proposal({ instrument: call, referencePrice: 150 }));
    if (!rt.ok) expect(rt.error.reason).toContain('theta');
    expect(refusedBy(rt)).toBe('greeks');
  });

  it('refuses when a held leg cannot be valued, naming it', () => {
    const h = harness();
    h.portfolio.positions.push({ instrument: put, netQuantity: -65, avgPrice: 140 });
    const r = h.gate.check(proposal({ instrument: call, referencePrice: 150 }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.reason).toContain(put.symbol);
  });
});

describe('stacking check', () => {
  const limits = limitsWith({ stacking: { maxDeltaLots: 1000, maxVega: 1_000 } });
  function withStraddle(): Harness {
    const h = priced(harness(limits));
    h.portfolio.positions.push({ instrument: call, botId: BOT_A, netQuantity: -65, avgPrice: 150 }, { instrument: put, botId: BOT_A, netQuantity: -65, avgPrice: 140 });
    return h;
  }

  it('refuses a second bot piling short vega on the same underlying', () => {
    const r = withStraddle().gate.check(proposal({ instrument: call, botId: BOT_B, referencePrice: 150 }));
    expect(r).toMatchObject({ ok: false, error: { check: 'stacking', limit: 1_000 } });
    if (!r.ok) expect(r.error.reason).toContain('bot-a, bot-b');
  });

  it('accepts the second bot leaning the other way, the same bot adding alone, and the trader', () => {
    const h = withStraddle();
    expect(h.gate.check(proposal({ instrument: call, botId: BOT_B, side: 'BUY', referencePrice: 150 })).ok).toBe(true);
    expect(h.gate.check(proposal({ instrument: otmCall, botId: BOT_A, referencePrice: 50 })).ok).toBe(true);
    expect(h.gate.check(proposal({ instrument: call, referencePrice: 150 })).ok).toBe(true);
  });
});

describe('shock check', () => {
  const limits = limitsWith({ shock: { spotPct: 3, ivPoints: 5, spotSteps: 3, maxLoss: 20_000 } });
  it('refuses a short whose loss under +3 % spot and +5 IV points exceeds the limit', () => {
    const r = priced(harness(limits)).gate.check(proposal({ instrument: call, referencePrice: 150 }));
    expect(r).toMatchObject({ ok: false, error: { check: 'shock', limit: 20_000 } });
    if (!r.ok) {
      expect(r.error.value).toBeGreaterThan(65 * 690 - 65 * 150);
      expect(r.error.reason).toContain('+3.00 %');
    }
  });

  it('accepts a hedge that lowers the worst loss even while it stays above the limit', () => {
    const h = priced(harness(limits));
    h.portfolio.positions.push({ instrument: call, netQuantity: -130, avgPrice: 150 });
    expect(h.gate.check(proposal({ instrument: otmCall, side: 'BUY', referencePrice: 50 })).ok).toBe(true);
  });

  it('accepts a small long option', () => {
    expect(priced(harness(limits)).gate.check(proposal({ instrument: otmCall, side: 'BUY', referencePrice: 50 })).ok).toBe(true);
  });
});
