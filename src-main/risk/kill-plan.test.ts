import { describe, expect, it } from 'vitest';
import { clientOrderId } from '#model/ids';
import { instrumentId } from '#model/ids';
import type { EquityInstrument } from '#model/instrument';
import { killPlan, type KillAction } from './kill-plan.ts';
import type { PendingOrder, RiskPosition } from './ports.ts';
import { BOT_A, BOT_B, niftyFuture, niftyOption } from './test-support.ts';

const call = niftyOption(23_000, 'CE');
const put = niftyOption(23_000, 'PE');

/** One line per action, for readable expectations. */
const show = (plan: KillAction[]): string[] =>
  plan.map((a) => (a.kind === 'cancel-order' ? `cancel ${a.clientOrderId}` : `${a.phase}: ${a.side} ${a.quantity} ${a.instrument.symbol}`));

/** What the book looks like right after the plan was sent: cancels on their way, closes working. */
function afterSending(positions: RiskPosition[], orders: PendingOrder[], plan: KillAction[]): { positions: RiskPosition[]; openOrders: PendingOrder[] } {
  const cancelled = new Set(plan.flatMap((a) => (a.kind === 'cancel-order' ? [a.clientOrderId] : [])));
  const openOrders = orders.map((o) => (cancelled.has(o.clientOrderId) ? { ...o, cancelRequested: true } : o));
  plan.forEach((a, i) => {
    if (a.kind === 'close-position') {
      openOrders.push({ clientOrderId: clientOrderId(`kill-${i}`), instrument: a.instrument, side: a.side, remainingQuantity: a.quantity, reduceOnly: true, killSwitch: true });
    }
  });
  return { positions, openOrders };
}

describe('kill plan', () => {
  it('is empty for a flat book with nothing working', () => {
    expect(killPlan({ positions: [], openOrders: [] })).toEqual([]);
    expect(killPlan({ positions: [{ instrument: call, netQuantity: 0, avgPrice: 0 }], openOrders: [] })).toEqual([]);
  });

  it('short straddle: cancels first, then buys back both shorts, larger premium first', () => {
    const positions: RiskPosition[] = [
      { instrument: put, botId: BOT_A, netQuantity: -65, avgPrice: 140 },
      { instrument: call, botId: BOT_A, netQuantity: -65, avgPrice: 150 },
    ];
    const orders: PendingOrder[] = [{ clientOrderId: clientOrderId('entry-1'), instrument: call, botId: BOT_A, side: 'SELL', remainingQuantity: 65, reduceOnly: false }];
    const plan = killPlan({ positions, openOrders: orders });
    expect(show(plan)).toEqual(['cancel entry-1', `1: BUY 65 ${call.symbol}`, `1: BUY 65 ${put.symbol}`]);
  });

  it('iron condor: shorts bought back before the wings are sold', () => {
    const positions: RiskPosition[] = [
      { instrument: niftyOption(23_600, 'CE'), botId: BOT_A, netQuantity: 65, avgPrice: 15 },
      { instrument: niftyOption(22_400, 'PE'), botId: BOT_A, netQuantity: 65, avgPrice: 12 },
      { instrument: niftyOption(23_300, 'CE'), botId: BOT_A, netQuantity: -65, avgPrice: 50 },
      { instrument: niftyOption(22_700, 'PE'), botId: BOT_A, netQuantity: -65, avgPrice: 45 },
    ];
    expect(show(killPlan({ positions, openOrders: [] }))).toEqual([
      '1: BUY 65 NIFTY17MAR2623300CE',
      '1: BUY 65 NIFTY17MAR2622700PE',
      '3: SELL 65 NIFTY17MAR2623600CE',
      '3: SELL 65 NIFTY17MAR2622400PE',
    ]);
  });

  it('mixed book: short options, then futures and equity, then long options; nearest expiry first; exits cancelled after entries', () => {
    const far = niftyOption(22_000, 'PE', niftyFuture().expiry);
    const eq: EquityInstrument = { kind: 'equity', id: instrumentId('NSE', 'RELIANCE'), symbol: 'RELIANCE', exchange: 'NSE', tickSize: 0.05, lotSize: 1 };
    const positions: RiskPosition[] = [
      { instrument: niftyOption(23_500, 'CE'), botId: BOT_B, netQuantity: 130, avgPrice: 20 },
      { instrument: eq, netQuantity: 10, avgPrice: 1_300 },
      { instrument: niftyFuture(), botId: BOT_B, netQuantity: -65, avgPrice: 23_050 },
      { instrument: far, botId: BOT_A, netQuantity: -65, avgPrice: 90 },
      { instrument: put, botId: BOT_A, netQuantity: -65, avgPrice: 140 },
    ];
    const orders: PendingOrder[] = [
      { clientOrderId: clientOrderId('stop-1'), instrument: put, botId: BOT_A, side: 'BUY', remainingQuantity: 65, reduceOnly: true },
      { clientOrderId: clientOrderId('entry-2'), instrument: call, botId: BOT_B, side: 'SELL', remainingQuantity: 65, reduceOnly: false },
    ];
    expect(show(killPlan({ positions, openOrders: orders }))).toEqual([
      'cancel entry-2',
      'cancel stop-1',
      `1: BUY 65 ${put.symbol}`,
      `1: BUY 65 ${far.symbol}`,
      '2: BUY 65 NIFTY31MAR26FUT',
      '2: SELL 10 RELIANCE',
      '3: SELL 130 NIFTY17MAR2623500CE',
    ]);
  });

  it('is idempotent: a plan made while the first one is in flight adds nothing', () => {
    const positions: RiskPosition[] = [
      { instrument: call, botId: BOT_A, netQuantity: -65, avgPrice: 150 },
      { instrument: niftyOption(23_600, 'CE'), botId: BOT_A, netQuantity: 65, avgPrice: 15 },
    ];
    const orders: PendingOrder[] = [{ clientOrderId: clientOrderId('entry-1'), instrument: put, botId: BOT_A, side: 'SELL', remainingQuantity: 65, reduceOnly: false }];
    const first = killPlan({ positions, openOrders: orders });
    expect(first).toHaveLength(3);
    expect(killPlan(afterSending(positions, orders, first))).toEqual([]);
  });

  it('closes only what the kill switch is not already closing, and re-plans an entry that filled meanwhile', () => {
    const positions: RiskPosition[] = [{ instrument: call, botId: BOT_A, netQuantity: -195, avgPrice: 150 }];
    const working: PendingOrder[] = [{ clientOrderId: clientOrderId('k1'), instrument: call, side: 'BUY', remainingQuantity: 65, reduceOnly: true, killSwitch: true }];
    expect(show(killPlan({ positions, openOrders: working }))).toEqual([`1: BUY 130 ${call.symbol}`]);
  });

  it('nets positions across bots per instrument and names the owners', () => {
    const offset = killPlan({
      positions: [
        { instrument: call, botId: BOT_A, netQuantity: -65, avgPrice: 150 },
        { instrument: call, botId: BOT_B, netQuantity: 65, avgPrice: 120 },
      ],
      openOrders: [],
    });
    expect(offset).toEqual([]);
    const [close] = killPlan({
      positions: [
        { instrument: call, botId: BOT_A, netQuantity: -130, avgPrice: 150 },
        { instrument: call, botId: BOT_B, netQuantity: 65, avgPrice: 120 },
      ],
      openOrders: [],
    });
    expect(close).toMatchObject({ kind: 'close-position', side: 'BUY', quantity: 65, owners: [{ botId: BOT_A, quantity: -130 }, { botId: BOT_B, quantity: 65 }] });
  });
});
