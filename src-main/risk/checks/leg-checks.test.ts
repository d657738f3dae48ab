import { describe, expect, it } from 'vitest';
import { istToEpoch } from '#core/time-ist';
import { clientOrderId, instrumentId } from '#model/ids';
import type { EquityInstrument } from '#model/instrument';
import type { Result } from '#core/result';
import type { RiskCheckName, RiskRejection } from '../pre-trade.ts';
import { BOT_A, BOT_B, harness, limitsWith, niftyFuture, niftyOption, proposal, T0 } from '../test-support.ts';

const opt = niftyOption(23_000, 'CE');

const refusedBy = (r: Result<void, RiskRejection>): RiskCheckName | undefined => (r.ok ? undefined : r.error.check);

describe('trading-state check', () => {
  it('active accepts an entry', () => {
    expect(harness().gate.check(proposal({ instrument: opt })).ok).toBe(true);
  });

  it('reducing refuses an entry and accepts an exit', () => {
    const h = harness();
    h.portfolio.positions.push({ instrument: opt, netQuantity: -65, avgPrice: 100 });
    h.ledger.restrict('reducing', 'trader', T0);
    const entry = h.gate.check(proposal({ instrument: opt }));
    expect(refusedBy(entry)).toBe('trading-state');
    if (!entry.ok) expect(entry.error.reason).toContain('Trading is reducing because the trader set it');
    expect(h.gate.check(proposal({ instrument: opt, side: 'BUY', reduceOnly: true })).ok).toBe(true);
  });

  it('halted refuses an exit but accepts the kill switch closing a position', () => {
    const h = harness();
    h.portfolio.positions.push({ instrument: opt, netQuantity: -65, avgPrice: 100 });
    h.ledger.kill('kill', T0);
    expect(refusedBy(h.gate.check(proposal({ instrument: opt, side: 'BUY', reduceOnly: true })))).toBe('trading-state');
    expect(h.gate.check(proposal({ instrument: opt, side: 'BUY', reduceOnly: true, killSwitch: true })).ok).toBe(true);
    expect(refusedBy(h.gate.check(proposal({ instrument: opt, side: 'BUY', killSwitch: true })))).toBe('trading-state');
  });
});

describe('reduce-only check', () => {
  it('accepts an exit that reduces and refuses one with nothing to reduce, the wrong side, or too much', () => {
    const h = harness();
    expect(refusedBy(h.gate.check(proposal({ instrument: opt, side: 'BUY', reduceOnly: true, botId: BOT_A })))).toBe('reduce-only');
    h.portfolio.positions.push({ instrument: opt, botId: BOT_A, netQuantity: -130, avgPrice: 100 });
    expect(h.gate.check(proposal({ instrument: opt, side: 'BUY', quantity: 130, reduceOnly: true, botId: BOT_A })).ok).toBe(true);
    expect(refusedBy(h.gate.check(proposal({ instrument: opt, side: 'SELL', reduceOnly: true, botId: BOT_A })))).toBe('reduce-only');
    expect(refusedBy(h.gate.check(proposal({ instrument: opt, side: 'BUY', quantity: 195, reduceOnly: true, botId: BOT_A })))).toBe('reduce-only');
  });

  it('counts exits already working and judges a bot by its own position, the trader by the account', () => {
    const h = harness();
    h.portfolio.positions.push({ instrument: opt, botId: BOT_A, netQuantity: -65, avgPrice: 100 });
    h.portfolio.openOrders.push({ clientOrderId: clientOrderId('x1'), instrument: opt, botId: BOT_A, side: 'BUY', remainingQuantity: 65, reduceOnly: true });
    expect(refusedBy(h.gate.check(proposal({ instrument: opt, side: 'BUY', reduceOnly: true, botId: BOT_A })))).toBe('reduce-only');
    h.portfolio.openOrders.length = 0;
    expect(refusedBy(h.gate.check(proposal({ instrument: opt, side: 'BUY', reduceOnly: true, botId: undefined }))) ?? 'ok').toBe('ok');
    expect(refusedBy(h.gate.check(proposal({ instrument: opt, side: 'BUY', reduceOnly: true, botId: BOT_B })))).toBe('reduce-only');
  });
});

describe('market-hours check', () => {
  const at = (ts: number) => harness().gate.check(proposal({ instrument: opt, ts }));
  it('accepts inside the F&O session and refuses before it, after it and on a holiday', () => {
    expect(at(istToEpoch(2026, 3, 10, 9, 15)).ok).toBe(true);
    expect(at(istToEpoch(2026, 3, 10, 15, 29)).ok).toBe(true);
    expect(refusedBy(at(istToEpoch(2026, 3, 10, 9, 14)))).toBe('market-hours');
    expect(refusedBy(at(istToEpoch(2026, 3, 10, 15, 30)))).toBe('market-hours');
    expect(refusedBy(at(istToEpoch(2026, 3, 3, 11, 0)))).toBe('market-hours'); // Holi
    expect(refusedBy(at(istToEpoch(2026, 3, 14, 11, 0)))).toBe('market-hours'); // Saturday
  });

  it('refuses an exit too when the market is closed, and an exchange without a calendar', () => {
    const h = harness();
    h.portfolio.positions.push({ instrument: opt, netQuantity: -65, avgPrice: 100 });
    const r = h.gate.check(proposal({ instrument: opt, side: 'BUY', reduceOnly: true, ts: istToEpoch(2026, 3, 10, 16, 0) }));
    expect(refusedBy(r)).toBe('market-hours');
    if (!r.ok) expect(r.error.reason).toBe('The F&O market is closed at 16:00:00 IST.');
    const mcx = { ...niftyFuture(), exchange: 'MCX' as const, id: instrumentId('MCX', 'GOLD') };
    expect(refusedBy(h.gate.check(proposal({ instrument: mcx })))).toBe('market-hours');
  });
});

describe('entry-window check', () => {
  const limits = limitsWith({ bots: { 'bot-a': { capital: 1e9, maxPositions: 100, maxLots: 1000, entryWindow: { start: '09:30', end: '14:30' } } } });
  it("refuses a bot's entry outside its window and accepts it inside", () => {
    const h = harness(limits);
    const early = h.gate.check(proposal({ instrument: opt, botId: BOT_A, ts: istToEpoch(2026, 3, 10, 9, 20) }));
    expect(refusedBy(early)).toBe('entry-window');
    if (!early.ok) expect(early.error.reason).toBe('Bot bot-a enters only between 09:30 and 14:30 IST; it is 09:20.');
    expect(h.gate.check(proposal({ instrument: opt, botId: BOT_A, ts: istToEpoch(2026, 3, 10, 9, 30) })).ok).toBe(true);
    expect(refusedBy(h.gate.check(proposal({ instrument: opt, botId: BOT_A, ts: istToEpoch(2026, 3, 10, 14, 30) })))).toBe('entry-window');
  });

  it('lets exits and the trader through outside the window', () => {
    const h = harness(limits);
    h.portfolio.positions.push({ instrument: opt, botId: BOT_A, netQuantity: -65, avgPrice: 100 });
    h.market.marks.set(opt.id, 100);
    const late = istToEpoch(2026, 3, 10, 15, 0);
    expect(h.gate.check(proposal({ instrument: opt, botId: BOT_A, side: 'BUY', reduceOnly: true, ts: late })).ok).toBe(true);
    expect(h.gate.check(proposal({ instrument: opt, ts: late })).ok).toBe(true);
  });
});

describe('order-size check', () => {
  it('refuses part lots, more lots than one order may carry, and more than the freeze quantity', () => {
    const h = harness(limitsWith({ orderSize: { maxLotsPerOrder: 30 } }));
    expect(refusedBy(h.gate.check(proposal({ instrument: opt, quantity: 100 })))).toBe('order-size');
    expect(refusedBy(h.gate.check(proposal({ instrument: opt, quantity: 0 })))).toBe('order-size');
    const tooMany = harness(limitsWith({ orderSize: { maxLotsPerOrder: 2 } })).gate.check(proposal({ instrument: opt, quantity: 195 }));
    expect(tooMany).toMatchObject({ ok: false, error: { check: 'order-size', limit: 2, value: 3 } });
    // NIFTY freeze quantity 1800 (OpenAlgo qtyfreeze.csv, in contract-specs-data.ts): 28 lots of 65 = 1820.
    expect(h.gate.check(proposal({ instrument: opt, quantity: 27 * 65 })).ok).toBe(true);
    expect(h.gate.check(proposal({ instrument: opt, quantity: 28 * 65 }))).toMatchObject({ ok: false, error: { check: 'order-size', limit: 1800, value: 1820 } });
  });
});

describe('price-band check', () => {
  it('accepts a limit inside the option band and refuses one outside it', () => {
    const h = harness();
    expect(h.gate.check(proposal({ instrument: opt, referencePrice: 100, limitPrice: 129 })).ok).toBe(true);
    const far = h.gate.check(proposal({ instrument: opt, referencePrice: 100, limitPrice: 150 }));
    expect(far).toMatchObject({ ok: false, error: { check: 'price-band', limit: 30, value: 50 } });
  });

  it('gives cheap options a rupee floor, futures a tighter band, and checks trigger prices', () => {
    const h = harness();
    expect(h.gate.check(proposal({ instrument: opt, referencePrice: 2, limitPrice: 6.5 })).ok).toBe(true);
    expect(refusedBy(h.gate.check(proposal({ instrument: opt, referencePrice: 2, limitPrice: 7.5 })))).toBe('price-band');
    const fut = niftyFuture();
    expect(h.gate.check(proposal({ instrument: fut, referencePrice: 23_000, limitPrice: 23_600 })).ok).toBe(true);
    expect(refusedBy(h.gate.check(proposal({ instrument: fut, referencePrice: 23_000, limitPrice: 23_800 })))).toBe('price-band');
    expect(refusedBy(h.gate.check(proposal({ instrument: fut, type: 'SL', referencePrice: 23_000, limitPrice: 23_000, triggerPrice: 25_000 })))).toBe('price-band');
  });

  it('accepts a market entry on an option only with a tight quote, and a market exit always', () => {
    const h = harness();
    const entry = proposal({ instrument: opt, type: 'MARKET', limitPrice: undefined, referencePrice: 100 });
    expect(refusedBy(h.gate.check(entry))).toBe('price-band');
    h.market.quotes.set(opt.id, { bid: 99.9, ask: 100.1 });
    expect(h.gate.check(entry).ok).toBe(true);
    h.market.quotes.set(opt.id, { bid: 95, ask: 105 });
    expect(refusedBy(h.gate.check(entry))).toBe('price-band');
    h.portfolio.positions.push({ instrument: opt, netQuantity: -65, avgPrice: 100 });
    h.market.marks.set(opt.id, 100);
    expect(h.gate.check({ ...entry, side: 'BUY', reduceOnly: true }).ok).toBe(true);
    expect(h.gate.check(proposal({ instrument: niftyFuture(), type: 'MARKET', limitPrice: undefined, referencePrice: 23_000 })).ok).toBe(true);
  });

  it('refuses without a reference price', () => {
    expect(refusedBy(harness().gate.check(proposal({ instrument: opt, referencePrice: 0, limitPrice: 100 })))).toBe('price-band');
  });
});

describe('order-rate check', () => {
  it('refuses the eleventh order within a second, with the wait, and accepts once the window moved', () => {
    const h = harness();
    for (let i = 0; i < 10; i++) {
      const p = proposal({ instrument: opt, ts: T0 + i * 10 });
      expect(h.gate.check(p).ok).toBe(true);
      h.gate.recordSent(p);
    }
    const r = h.gate.check(proposal({ instrument: opt, ts: T0 + 500 }));
    expect(r).toMatchObject({ ok: false, error: { check: 'order-rate', limit: 10, value: 10, retryAfterMs: 500 } });
    expect(h.gate.check(proposal({ instrument: opt, ts: T0 + 1000 })).ok).toBe(true);
  });

  it('applies a lower configured rate to exits as well', () => {
    const h = harness(limitsWith({ orderRate: { maxPerSecond: 2 } }));
    h.portfolio.positions.push({ instrument: opt, netQuantity: -650, avgPrice: 100 });
    for (let i = 0; i < 2; i++) h.gate.recordSent(proposal({ instrument: opt, ts: T0 }));
    expect(refusedBy(h.gate.check(proposal({ instrument: opt, side: 'BUY', reduceOnly: true, ts: T0 + 1 })))).toBe('order-rate');
  });

  it('refuses a configured rate above SEBI’s 10 per second', () => {
    expect(() => limitsWith({ orderRate: { maxPerSecond: 11 } })).toThrow(/SEBI/);
  });
});

describe('equity instruments', () => {
  it('use the cash session and the equity band', () => {
    const eq: EquityInstrument = { kind: 'equity', id: instrumentId('NSE', 'RELIANCE'), symbol: 'RELIANCE', exchange: 'NSE', tickSize: 0.05, lotSize: 1 };
    const h = harness();
    expect(h.gate.check(proposal({ instrument: eq, side: 'BUY', referencePrice: 1000, limitPrice: 1040 })).ok).toBe(true);
    expect(refusedBy(h.gate.check(proposal({ instrument: eq, side: 'BUY', referencePrice: 1000, limitPrice: 1060 })))).toBe('price-band');
  });
});
