import { vi } from 'vitest';
import { ok } from '#core/result';
import type { Fill } from '#model/fill';
import { botId, clientOrderId, instrumentId, intentId, tradeId } from '#model/ids';
import type { KillReport } from '#engine/trading/kill-switch';
import type { PositionsView } from '#engine/trading/positions-view';
import type { TradingApi, TradingStatus } from '#engine/trading/trading-api';
import type { OrderRecord, RiskSnapshot } from '#engine/trading/trading-types';

export const CE = instrumentId('NFO', 'NIFTY30DEC2526000CE');
const BOT = botId('short-straddle');

export const ORDER: OrderRecord = {
  order: {
    clientOrderId: clientOrderId('ord-1'),
    intentId: intentId('i-1'),
    botId: BOT,
    instrumentId: CE,
    side: 'SELL',
    type: 'MARKET',
    product: 'NRML',
    quantity: 75,
    status: 'filled',
    filledQuantity: 75,
    avgFillPrice: 120,
    tradeIds: [tradeId('t-1')],
    tsInit: 1000,
    tsLast: 1001,
  },
  reduceOnly: false,
};

export const FILL: Fill = { tradeId: tradeId('t-1'), clientOrderId: clientOrderId('ord-1'), instrumentId: CE, side: 'SELL', quantity: 75, price: 120, charges: 31.5, tsEvent: 1001 };

export const POSITIONS: PositionsView = {
  ts: 2000,
  positions: [{ botId: BOT, instrumentId: CE, product: 'NRML', netQuantity: -75, avgPrice: 120, mark: 118, unrealizedPnl: 150, greeks: { deltaLots: -0.5, gammaLots: -0.1, vega: -900, theta: 450 } }],
  structures: [],
  realizedPnl: 0,
  charges: 31.5,
  unrealizedPnl: 150,
  greeks: { deltaLots: -0.5, gammaLots: -0.1, vega: -900, theta: 450 },
};

export const RISK: RiskSnapshot = {
  ts: 2000,
  state: { state: 'active', cause: null, since: 0 },
  dayKey: '2025-12-01',
  pnl: 118.5,
  dayPnl: 118.5,
  dayPeakPnl: 118.5,
  overallPeakPnl: 118.5,
  limits: [
    { check: 'daily-loss', scope: 'portfolio', label: "Day's loss", unit: 'rupees', used: 0, limit: 20_000, pct: 0 },
    { check: 'lot-limit', scope: 'bot:x', label: 'Open lots', unit: 'lots', used: 1, limit: 0, pct: Number.POSITIVE_INFINITY },
  ],
};

export const REPORT: KillReport = {
  source: 'bridge',
  tsStarted: 2000,
  tsDone: 2000,
  engineMs: 0,
  flat: true,
  joined: false,
  cancelled: 0,
  closeOrders: 1,
  structuresClosed: 0,
  botsStopped: [],
  left: [],
  state: 'halted',
  message: 'flat',
};

export const STATUS: TradingStatus = { broker: 'paper', liveOrders: false, armed: false, ready: true, killing: false };

/** A TradingApi double for router tests: fixed answers, every call recorded. */
export function fakeTrading() {
  return {
    status: vi.fn(() => STATUS),
    orders: vi.fn(() => [ORDER]),
    isKillOrder: vi.fn(() => false),
    fills: vi.fn(() => [FILL]),
    ownerOf: vi.fn(() => BOT),
    positions: vi.fn(() => POSITIONS),
    risk: vi.fn(() => RISK),
    findings: vi.fn(() => []),
    submit: vi.fn(async () => ok({ orders: [] })),
    kill: vi.fn(async (source: KillReport['source']) => ({ ...REPORT, source })),
    resume: vi.fn(() => ok(RISK)),
    account: vi.fn(async () => ok({ broker: 'zerodha', host: '127.0.0.1:5000' })),
    arm: vi.fn(async () => ok({ ...STATUS, liveOrders: true, armed: true })),
    disarm: vi.fn(() => ok(STATUS)),
    resolveUnknownOutcome: vi.fn(() => ok(ORDER)),
    clearFinding: vi.fn(() => ({ ok: false as const, error: { kind: 'not-found' as const, message: 'there is no open finding f-1' } })),
    declareExitRule: vi.fn(() => ({ ok: false as const, error: { kind: 'invalid-input' as const, message: 'no' } })),
    applyRepair: vi.fn(async () => ok([])),
    orderSteps: vi.fn(() => ok([{ kind: 'initialized', ts: 1, detail: 'BUY 65 MARKET' }])),
    closePosition: vi.fn(async () => ok({ orders: ['c-1'] })),
    closeStructure: vi.fn(async () => ok({ orders: [] })),
    closeStructureLeg: vi.fn(async () => ok({ orders: [] })),
    cancelOrder: vi.fn(async () => ok({ orders: [] })),
    modifyOrder: vi.fn(async () => ok({ orders: [] })),
    structurePayoff: vi.fn(() => ({ ok: false as const, error: { kind: 'not-found' as const, message: 'structure s-1 holds no legs' } })),
    bookPayoff: vi.fn(() => ({ ok: false as const, error: { kind: 'not-found' as const, message: 'the book holds nothing on NIFTY' } })),
    bookShock: vi.fn(() => ok({ spotPcts: [-1, 0, 1], ivPoints: [0], pnl: [[-10], [0], [5]] })),
  } satisfies TradingApi;
}
