import type { RiskConfig } from '#config/risk-schema';
import type { BotId, StructureId } from '#model/ids';
import { isTerminal, type Order } from '#model/order';
import type { Position } from '#model/position';
import type { BotBook } from '#bots/context/create-context';
import type { BotStructureView, CapitalView } from '#bots/contract/context';
import { botLimitsOf } from '#risk/bot-limits';
import { bookLegsOf, legsOfBot } from '#risk/check-context';
import { estimateMargin, longPremium } from '#risk/margin-estimate';
import type { MarketView, RiskPortfolio } from '#risk/ports';
import { valueLegs } from '#risk/valuation';
import type { OrderManager } from '#execution/order-manager';
import { legProgress } from '#execution/structures/structure-progress';
import type { OrderRecord } from '#store/orders-repository';
import type { StructureRecord } from '#store/structures-repository';

export interface BotBooksDeps {
  readonly manager: Pick<OrderManager, 'openOrders' | 'structures' | 'structuresVersion' | 'structureOrders' | 'positions' | 'onOrderChange'>;
  readonly portfolio: RiskPortfolio;
  readonly market: MarketView;
  readonly limits: RiskConfig;
  /** Free funds the broker reports, when it does (OpenAlgo `/funds`). */
  readonly funds: () => number | undefined;
}

/** A bot's P&L from its own fills: realised less charges, plus its open positions at their marks. */
export interface BotPnl {
  readonly total: number;
  readonly realised: number;
  readonly charges: number;
  readonly unrealised: number;
  /** Open positions the engine has no mark for (counted at their average price). */
  readonly unmarked: number;
}

/**
 * Each bot's own book as a context shows it, from execution: its positions (folds of its fills), its
 * working orders, its structures with what each leg holds, and its capital in use estimated the way
 * risk's bot-capital check does (SPAN-like margin of shorts and futures plus long premium).
 */
export class BotBooks {
  private readonly deps: BotBooksDeps;
  /** Bumped on every order change: a leg's held quantity and entry price come from the orders. */
  private ordersVersion = 0;
  /**
   * Each bot's structure views as last built, with the orders' version and the structure records they were
   * built from (a record is replaced, never changed, when its structure moves). Every closed-bar
   * evaluation of a seller reads them, and a bot's structures and orders only grow: rebuilt each time, a
   * year's backtest walked and froze every order and structure of the year on every bar.
   */
  private readonly views = new Map<BotId, { readonly version: number; structures: number; readonly records: readonly StructureRecord[]; readonly views: BotStructureView[] }>();
  /** Each structure's view with the record and order records it was built from: reused while none of them was replaced. */
  private readonly viewOf = new Map<StructureId, { readonly record: StructureRecord; readonly orders: readonly OrderRecord[]; readonly view: BotStructureView }>();

  constructor(deps: BotBooksDeps) {
    this.deps = deps;
    deps.manager.onOrderChange(() => {
      this.ordersVersion++;
    });
  }

  /**
   * The book at this instant, each part worked out when first read (a hook reads it synchronously, so
   * nothing changes in between): most evaluations read one or two parts, and the capital's margin
   * estimate revalues every leg.
   */
  book(botId: BotId, allocation: number, now: number): BotBook {
    let positions: Position[] | undefined;
    let openOrders: Order[] | undefined;
    let structures: readonly BotStructureView[] | undefined;
    let capital: CapitalView | undefined;
    const positionsNow = (): Position[] => this.positions(botId);
    const structuresNow = (): readonly BotStructureView[] => this.structures(botId);
    const openOrdersNow = (): Order[] => openOrdersOf(this.deps.manager.openOrders(), botId);
    const capitalNow = (): CapitalView => {
      const limits = botLimitsOf(this.deps.limits, botId);
      const funds = this.deps.funds();
      return { allocation, deployed: this.deployed(botId, now), ...(funds !== undefined ? { availableFunds: funds } : {}), maxLots: limits.maxLots, maxPositions: limits.maxPositions };
    };
    return {
      get positions() {
        return (positions ??= positionsNow());
      },
      get openOrders() {
        return (openOrders ??= openOrdersNow());
      },
      get structures() {
        return (structures ??= structuresNow());
      },
      get capital() {
        return (capital ??= capitalNow());
      },
    };
  }

  positions(botId: BotId): Position[] {
    return this.deps.manager.positions.byBot(botId).filter((p) => p.position.netQuantity !== 0).map((p) => ({ ...p.position }));
  }

  pnl(botId: BotId): BotPnl {
    let realised = 0;
    let charges = 0;
    let unrealised = 0;
    let unmarked = 0;
    for (const { position: p } of this.deps.manager.positions.byBot(botId)) {
      realised += p.realizedPnl;
      charges += p.charges;
      if (p.netQuantity === 0) continue;
      const mark = this.deps.market.mark(p.instrumentId);
      if (mark === undefined || !Number.isFinite(mark)) unmarked++;
      else unrealised += p.netQuantity * (mark - p.avgPrice);
    }
    return { total: realised - charges + unrealised, realised, charges, unrealised, unmarked };
  }

  /** The bot's structures, each with what its legs hold; the same array until an order or one of its structures changes. */
  structures(botId: BotId): readonly BotStructureView[] {
    const structures = this.deps.manager.structuresVersion();
    const last = this.views.get(botId);
    if (last && last.version === this.ordersVersion && last.structures === structures) return last.views;
    const mine = this.deps.manager.structures().filter((s) => s.botId === botId);
    if (last && last.version === this.ordersVersion && last.records.length === mine.length && last.records.every((r, i) => r === mine[i])) {
      last.structures = structures;
      return last.views;
    }
    const views = this.buildStructures(botId, mine);
    this.views.set(botId, { version: this.ordersVersion, structures, records: mine, views });
    return views;
  }

  private buildStructures(botId: BotId, mine: readonly StructureRecord[]): BotStructureView[] {
    return mine.map((s) => {
      const own = this.deps.manager.structureOrders(s.structureId).filter((r) => r.order.botId === botId);
      const last = this.viewOf.get(s.structureId);
      if (last && last.record === s && last.orders.length === own.length && last.orders.every((r, i) => r === own[i])) return last.view;
      const view: BotStructureView = {
        structureId: s.structureId,
        intentId: s.intentId,
        kind: s.kind,
        status: s.status,
        tsInit: s.tsInit,
        legs: legProgress(s, own).map((p) => {
          const entries = own.filter((r) => r.link!.legIndex === p.leg.index && r.link!.role === 'entry' && r.order.filledQuantity > 0);
          const filled = entries.reduce((n, r) => n + r.order.filledQuantity, 0);
          const entryPrice = filled > 0 ? entries.reduce((v, r) => v + r.order.filledQuantity * r.order.avgFillPrice, 0) / filled : 0;
          return { instrumentId: p.leg.instrumentId, side: p.leg.side, quantity: p.leg.quantity, heldQuantity: Math.max(0, p.held), entryPrice };
        }),
      };
      this.viewOf.set(s.structureId, { record: s, orders: own, view });
      return view;
    });
  }

  /** Capital in use by the bot's positions and working opening orders; with an unpriced leg, its premium at cost. */
  deployed(botId: BotId, now: number): number {
    const legs = legsOfBot(bookLegsOf(this.deps.portfolio.book(), this.deps.market), botId);
    if (legs.length === 0) return 0;
    const valued = valueLegs(legs, this.deps.market, this.deps.limits.rate, now);
    if (valued.ok) return estimateMargin(valued.value, this.deps.limits.margin, now).total + longPremium(valued.value);
    return this.positions(botId).reduce((s, p) => s + Math.abs(p.netQuantity * p.avgPrice), 0);
  }
}

function openOrdersOf(orders: readonly OrderRecord[], botId: BotId): Order[] {
  const out: Order[] = [];
  // Copies: a context freezes what it is given, and these objects belong to the order ledger.
  for (const r of orders) if (r.order.botId === botId && !isTerminal(r.order.status)) out.push({ ...r.order, tradeIds: [...r.order.tradeIds] });
  return out;
}
