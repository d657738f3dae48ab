import type { Fill } from '#model/fill';
import type { BotId } from '#model/ids';
import type { KillReport } from '#engine/trading/kill-switch';
import type { TradingAccount } from '#engine/trading/live-arming';
import type { PositionsView } from '#engine/trading/positions-view';
import type { FindingView, TradingStatus } from '#engine/trading/trading-api';
import type { OrderRecord, RiskGreeks, RiskSnapshot } from '#engine/trading/trading-types';
import type { AccountDto, FindingDto, GreeksDto, KillReportDto, OrderDto, PositionsDto, RiskDto, TradeDto, TradingStatusDto } from '#contract/trading-dto';

/** Domain → wire for orders, fills, positions, risk, findings, the kill switch and arming. */
const opt = <K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } => (value === undefined ? {} : ({ [key]: value } as { [P in K]: V }));

export const toOrderDto = (r: OrderRecord, killSwitch: boolean): OrderDto => {
  const o = r.order;
  return {
    clientOrderId: o.clientOrderId,
    ...opt('brokerOrderId', o.brokerOrderId),
    ...opt('intentId', o.intentId),
    ...opt('botId', o.botId),
    instrumentId: o.instrumentId,
    side: o.side,
    type: o.type,
    product: o.product,
    quantity: o.quantity,
    ...opt('limitPrice', o.limitPrice),
    ...opt('triggerPrice', o.triggerPrice),
    status: o.status,
    filledQuantity: o.filledQuantity,
    avgFillPrice: o.avgFillPrice,
    ...opt('reason', o.reason),
    reduceOnly: r.reduceOnly,
    ...(r.link ? { structure: { structureId: r.link.structureId, legIndex: r.link.legIndex, role: r.link.role } } : {}),
    killSwitch,
    tsInit: o.tsInit,
    tsLast: o.tsLast,
    ...opt('sentAt', r.sentAt),
  };
};

export const toTradeDto = (f: Fill, botId: BotId | undefined): TradeDto => ({
  tradeId: f.tradeId,
  clientOrderId: f.clientOrderId,
  ...opt('brokerOrderId', f.brokerOrderId),
  ...opt('botId', botId),
  instrumentId: f.instrumentId,
  side: f.side,
  quantity: f.quantity,
  price: f.price,
  charges: f.charges,
  tsEvent: f.tsEvent,
});

const toGreeksDto = (g: RiskGreeks): GreeksDto => ({ deltaLots: g.deltaLots, gammaLots: g.gammaLots, vega: g.vega, theta: g.theta });

export const toPositionsDto = (v: PositionsView): PositionsDto => ({
  ts: v.ts,
  positions: v.positions.map((p) => ({
    ...opt('botId', p.botId),
    instrumentId: p.instrumentId,
    product: p.product,
    ...opt('structureId', p.structureId),
    netQuantity: p.netQuantity,
    avgPrice: p.avgPrice,
    ...opt('mark', p.mark),
    ...opt('unrealizedPnl', p.unrealizedPnl),
    ...(p.greeks ? { greeks: toGreeksDto(p.greeks) } : {}),
  })),
  structures: v.structures.map((s) => ({
    structureId: s.record.structureId,
    botId: s.record.botId,
    kind: s.record.kind,
    status: s.record.status,
    product: s.record.product,
    ...opt('reason', s.record.reason),
    marginBlocked: s.record.marginBlocked,
    legs: s.record.legs.map((l, i) => ({ index: l.index, instrumentId: l.instrumentId, side: l.side, quantity: l.quantity, held: s.held[i] ?? 0 })),
    ...opt('unrealizedPnl', s.unrealizedPnl),
    ...(s.greeks ? { greeks: toGreeksDto(s.greeks) } : {}),
  })),
  realizedPnl: v.realizedPnl,
  charges: v.charges,
  ...opt('unrealizedPnl', v.unrealizedPnl),
  ...(v.greeks ? { greeks: toGreeksDto(v.greeks) } : {}),
  ...opt('unvalued', v.unvalued),
});

export const toRiskDto = (s: RiskSnapshot): RiskDto => ({
  ts: s.ts,
  state: s.state.state,
  cause: s.state.cause,
  since: s.state.since,
  dayKey: s.dayKey,
  pnl: s.pnl,
  dayPnl: s.dayPnl,
  dayPeakPnl: s.dayPeakPnl,
  overallPeakPnl: s.overallPeakPnl,
  // JSON has no Infinity: a limit of 0 with something used is "no share", not a number.
  limits: s.limits.map((l) => ({ check: l.check, scope: l.scope, label: l.label, unit: l.unit, used: l.used, limit: l.limit, pct: Number.isFinite(l.pct) ? l.pct : null })),
  ...opt('unvalued', s.unvalued),
});

export const toFindingDto = (f: FindingView): FindingDto => ({
  findingId: f.findingId,
  source: f.source,
  kind: f.kind,
  severity: f.severity,
  ...opt('botId', f.botId),
  subject: f.subject,
  message: f.message,
  blocking: f.blocking,
  status: f.status,
  ...opt('resolution', f.resolution),
  ...(f.repairs ? { repairs: f.repairs.map((r) => ({ id: r.id, label: r.label, description: r.description })) } : {}),
  tsRaised: f.tsRaised,
  ...opt('tsResolved', f.tsResolved),
});

export const toAccountDto = (a: TradingAccount): AccountDto => ({ broker: a.broker, host: a.host, ...opt('availableCash', a.availableCash) });

export const toKillReportDto = (r: KillReport): KillReportDto => ({
  source: r.source,
  tsStarted: r.tsStarted,
  tsDone: r.tsDone,
  engineMs: r.engineMs,
  flat: r.flat,
  joined: r.joined,
  cancelled: r.cancelled,
  closeOrders: r.closeOrders,
  structuresClosed: r.structuresClosed,
  botsStopped: [...r.botsStopped],
  left: r.left.map((l) => ({ ...opt('botId', l.botId), instrumentId: l.instrumentId, netQuantity: l.netQuantity, reason: l.reason })),
  state: r.state,
  message: r.message,
});

export const toTradingStatusDto = (s: TradingStatus): TradingStatusDto => ({
  broker: s.broker,
  liveOrders: s.liveOrders,
  armed: s.armed,
  ...(s.account ? { account: toAccountDto(s.account) } : {}),
  ...opt('armedAt', s.armedAt),
  ...opt('rememberedFor', s.rememberedFor),
  ready: s.ready,
  killing: s.killing,
  ...(s.lastKill ? { lastKill: toKillReportDto(s.lastKill) } : {}),
});
