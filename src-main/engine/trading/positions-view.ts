import type { BotId, InstrumentId, StructureId } from '#model/ids';
import type { Product } from '#model/order';
import type { MarketView } from '#risk/ports';
import { addGreeks, legGreeks, valueLeg, ZERO_GREEKS, type RiskGreeks } from '#risk/valuation';
import type { OrderManager } from '#execution/order-manager';
import { isStructureTerminal } from '#execution/structures/structure-fsm';
import { legProgress } from '#execution/structures/structure-progress';
import type { StructureRecord } from '#store/structures-repository';
import type { TradingPortfolio } from './risk-portfolio.ts';

export interface PositionView {
  readonly botId?: BotId;
  readonly instrumentId: InstrumentId;
  readonly product: Product;
  readonly structureId?: StructureId;
  readonly netQuantity: number;
  readonly avgPrice: number;
  readonly mark?: number;
  readonly unrealizedPnl?: number;
  readonly greeks?: RiskGreeks;
}

export interface StructureView {
  readonly record: StructureRecord;
  /** Units held per leg, by leg index. */
  readonly held: readonly number[];
  readonly unrealizedPnl?: number;
  readonly greeks?: RiskGreeks;
}

export interface PositionsView {
  readonly ts: number;
  readonly positions: readonly PositionView[];
  readonly structures: readonly StructureView[];
  readonly realizedPnl: number;
  readonly charges: number;
  /** Undefined when a leg has no mark. */
  readonly unrealizedPnl?: number;
  /** Undefined when a leg cannot be valued. */
  readonly greeks?: RiskGreeks;
  readonly unvalued?: string;
}

/**
 * Positions as the trader reads them: per bot, instrument and product (a structure's legs apart), each
 * marked to market and valued with risk's Greeks (the same valuation the limits use); structures with
 * their legs, P&L and Greeks; totals only when every leg could be priced.
 */
export function positionsView(deps: { readonly portfolio: TradingPortfolio; readonly manager: OrderManager; readonly market: MarketView; readonly rate: number }, ts: number): PositionsView {
  const { portfolio, manager, market, rate } = deps;
  const holdings = portfolio.holdings();
  const problems: string[] = [];
  let unrealized: number | undefined = 0;
  let greeks: RiskGreeks | undefined = ZERO_GREEKS;
  const byStructure = new Map<StructureId, { pnl: number | undefined; greeks: RiskGreeks | undefined }>();
  const positions: PositionView[] = holdings.legs.map((l) => {
    const mark = market.mark(l.instrument.id);
    const pnl = mark === undefined ? undefined : l.netQuantity * (mark - l.avgPrice);
    const valued = mark === undefined ? undefined : valueLeg({ instrument: l.instrument, botId: l.botId, structureId: l.structureId, quantity: l.netQuantity, mark }, market, rate, ts);
    if (mark === undefined) problems.push(`no price for ${l.instrument.symbol}`);
    else if (valued && !valued.ok) problems.push(valued.error.message);
    const g = valued?.ok ? legGreeks(valued.value) : undefined;
    unrealized = unrealized === undefined || pnl === undefined ? undefined : unrealized + pnl;
    greeks = greeks === undefined || g === undefined ? undefined : addGreeks(greeks, g);
    if (l.structureId !== undefined) {
      const s = byStructure.get(l.structureId) ?? { pnl: 0, greeks: ZERO_GREEKS };
      byStructure.set(l.structureId, {
        pnl: s.pnl === undefined || pnl === undefined ? undefined : s.pnl + pnl,
        greeks: s.greeks === undefined || g === undefined ? undefined : addGreeks(s.greeks, g),
      });
    }
    return {
      ...(l.botId !== undefined ? { botId: l.botId } : {}),
      instrumentId: l.instrument.id,
      product: l.product,
      ...(l.structureId !== undefined ? { structureId: l.structureId } : {}),
      netQuantity: l.netQuantity,
      avgPrice: l.avgPrice,
      ...(mark !== undefined ? { mark } : {}),
      ...(pnl !== undefined ? { unrealizedPnl: pnl } : {}),
      ...(g !== undefined ? { greeks: g } : {}),
    };
  });
  for (const u of holdings.unknown) {
    problems.push(`${u.instrumentId} is not an instrument the terminal knows`);
    unrealized = undefined;
    greeks = undefined;
    positions.push({ ...(u.botId !== undefined ? { botId: u.botId } : {}), instrumentId: u.instrumentId, product: u.product, netQuantity: u.netQuantity, avgPrice: u.avgPrice });
  }
  const orders = manager.orders();
  const structures: StructureView[] = manager
    .structures()
    .filter((s) => !isStructureTerminal(s.status))
    .map((record) => {
      const agg = byStructure.get(record.structureId);
      return {
        record,
        held: legProgress(record, orders).map((p) => p.held),
        ...(agg?.pnl !== undefined ? { unrealizedPnl: agg.pnl } : {}),
        ...(agg?.greeks !== undefined ? { greeks: agg.greeks } : {}),
      };
    });
  const book = portfolio.book();
  return {
    ts,
    positions,
    structures,
    realizedPnl: book.realisedPnl,
    charges: book.charges,
    ...(unrealized !== undefined ? { unrealizedPnl: unrealized } : {}),
    ...(greeks !== undefined ? { greeks } : {}),
    ...(problems.length > 0 ? { unvalued: [...new Set(problems)].join('; ') } : {}),
  };
}
