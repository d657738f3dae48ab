import type { BotId, ClientOrderId, InstrumentId, StructureId } from '#model/ids';
import type { Tradable } from '#model/instrument';
import { isTerminal, type Product } from '#model/order';
import type { PendingOrder, RiskBook, RiskPortfolio, RiskPosition } from '#risk/ports';
import type { OrderManager } from '#execution/order-manager';
import { isStructureTerminal } from '#execution/structures/structure-fsm';
import { legProgress } from '#execution/structures/structure-progress';
import type { OrderRecord } from '#store/orders-repository';
import type { InstrumentLookup } from '#execution/instruments';

/** A position as the engine acts on it: per bot, instrument and product, a structure's share apart. */
export interface HeldLeg extends RiskPosition {
  readonly product: Product;
}

/** A position in an instrument the engine cannot describe (no lot size, no expiry): shown, never valued. */
export interface UnknownHolding {
  readonly botId?: BotId;
  readonly instrumentId: InstrumentId;
  readonly product: Product;
  readonly netQuantity: number;
  readonly avgPrice: number;
}

export interface Holdings {
  readonly legs: readonly HeldLeg[];
  readonly unknown: readonly UnknownHolding[];
}

export interface TradingPortfolio extends RiskPortfolio {
  holdings(): Holdings;
  /** Instruments with an open position or a working order: they must stay quoted. */
  watched(): readonly InstrumentId[];
  /** Something besides an order changed (an order became the kill switch's): recompute on the next read. */
  invalidate(): void;
}

/**
 * Risk's book, folded from the order manager: each bot's net position per instrument and product is
 * split into the part its live structures hold (a structure counts once in the position limit) and the
 * loose rest. Recomputed only after an order changed, since every input is an order or its fills.
 */
export function createTradingPortfolio(manager: OrderManager, instruments: InstrumentLookup, isKillOrder: (id: ClientOrderId) => boolean): TradingPortfolio {
  let version = 0;
  let cached: { version: number; holdings: Holdings; book: RiskBook } | undefined;
  manager.onOrderChange(() => {
    version++;
  });

  const compute = (): { holdings: Holdings; book: RiskBook } => {
    const orders = manager.orders();
    const byStructure = new Map<StructureId, OrderRecord[]>();
    for (const r of orders) {
      if (!r.link) continue;
      const list = byStructure.get(r.link.structureId) ?? [];
      list.push(r);
      byStructure.set(r.link.structureId, list);
    }
    const key = (botId: BotId | undefined, id: InstrumentId, product: Product): string => `${botId ?? ''}\u0000${id}\u0000${product}`;
    const shares = new Map<string, { structureId: StructureId; quantity: number }[]>();
    for (const s of manager.structures()) {
      if (isStructureTerminal(s.status)) continue;
      for (const p of legProgress(s, byStructure.get(s.structureId) ?? [])) {
        if (p.held === 0) continue;
        const k = key(s.botId, p.leg.instrumentId, s.product);
        const list = shares.get(k) ?? [];
        list.push({ structureId: s.structureId, quantity: p.leg.side === 'BUY' ? p.held : -p.held });
        shares.set(k, list);
      }
    }
    const legs: HeldLeg[] = [];
    const unknown: UnknownHolding[] = [];
    for (const bp of manager.positions.byBot()) {
      const p = bp.position;
      if (p.netQuantity === 0) continue;
      const instrument: Tradable | undefined = instruments.tradable(p.instrumentId);
      const owner = bp.botId !== undefined ? { botId: bp.botId } : {};
      if (!instrument) {
        unknown.push({ ...owner, instrumentId: p.instrumentId, product: bp.product, netQuantity: p.netQuantity, avgPrice: p.avgPrice });
        continue;
      }
      let loose = p.netQuantity;
      for (const share of shares.get(key(bp.botId, p.instrumentId, bp.product)) ?? []) {
        // A share larger than the position (a leg closed outside its structure) is capped at what is held.
        const q = Math.sign(share.quantity) === Math.sign(loose) ? Math.sign(loose) * Math.min(Math.abs(share.quantity), Math.abs(loose)) : 0;
        if (q === 0) continue;
        legs.push({ ...owner, instrument, product: bp.product, structureId: share.structureId, netQuantity: q, avgPrice: p.avgPrice });
        loose -= q;
      }
      if (loose !== 0) legs.push({ ...owner, instrument, product: bp.product, netQuantity: loose, avgPrice: p.avgPrice });
    }
    const openOrders: PendingOrder[] = [];
    for (const r of orders) {
      const o = r.order;
      if (isTerminal(o.status)) continue;
      const instrument = instruments.tradable(o.instrumentId);
      if (!instrument) continue;
      openOrders.push({
        clientOrderId: o.clientOrderId,
        instrument,
        ...(o.botId !== undefined ? { botId: o.botId } : {}),
        ...(r.link ? { structureId: r.link.structureId } : {}),
        side: o.side,
        remainingQuantity: o.quantity - o.filledQuantity,
        ...(o.limitPrice !== undefined ? { limitPrice: o.limitPrice } : {}),
        reduceOnly: r.reduceOnly,
        killSwitch: isKillOrder(o.clientOrderId),
        cancelRequested: o.status === 'pending-cancel',
      });
    }
    let realisedPnl = 0;
    let charges = 0;
    // Per bot, as the legs above: realised and unrealised must come from the same folds, or two bots
    // holding one instrument in opposite directions make the book P&L drift from its fills.
    for (const bp of manager.positions.byBot()) {
      realisedPnl += bp.position.realizedPnl;
      charges += bp.position.charges;
    }
    return { holdings: { legs, unknown }, book: { positions: legs, openOrders, realisedPnl, charges } };
  };

  const current = (): { holdings: Holdings; book: RiskBook } => {
    if (!cached || cached.version !== version) cached = { version, ...compute() };
    return cached;
  };
  /** The watched instruments of the cached book: the simulated chains ask on every tick. */
  let watched: { book: RiskBook; ids: readonly InstrumentId[] } | undefined;

  return {
    book: () => current().book,
    holdings: () => current().holdings,
    watched() {
      const { holdings, book } = current();
      if (watched?.book !== book) {
        const ids = new Set<InstrumentId>();
        for (const l of holdings.legs) ids.add(l.instrument.id);
        for (const o of book.openOrders) ids.add(o.instrument.id);
        watched = { book, ids: [...ids] };
      }
      return watched.ids;
    },
    invalidate() {
      version++;
    },
  };
}
