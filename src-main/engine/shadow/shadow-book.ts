import { istDateKey } from '#core/time-ist';
import type { Fill } from '#model/fill';
import { clientOrderId, structureId, tradeId, type InstrumentId, type IntentId, type StructureId } from '#model/ids';
import type { Intent } from '#model/intent';
import type { OrderSide } from '#model/order';
import { applyFill, emptyPosition, type Position } from '#model/position';
import type { StructureKind, StructureStatus } from '#model/structure';
import { fillCharges } from '#options/charges';
import type { BotBook } from '#bots/context/create-context';
import type { BotStructureView, CapitalView } from '#bots/contract/context';
import type { MarketView } from '#risk/ports';
import type { InstrumentLookup } from '#execution/instruments';
import type { ShadowOrder } from './shadow-repository.ts';

interface StructureRecord {
  readonly structureId: StructureId;
  readonly intentId: IntentId;
  readonly kind: StructureKind;
  status: StructureStatus;
  readonly tsInit: number;
  readonly legs: { instrumentId: InstrumentId; side: OrderSide; quantity: number; heldQuantity: number; entryPrice: number }[];
}

export interface Execution {
  readonly order: ShadowOrder;
  readonly fill: Fill;
}

export interface ShadowBookDeps {
  readonly market: MarketView;
  readonly instruments: InstrumentLookup;
}

/**
 * A variant's paper book. Every intent fills at once, whole, at the touch (a buy at the ask, a sell at
 * the bid; the mid without a quote) with the statutory charges of the day: no queue, no partial fills,
 * so a variant's slippage is the spread it crosses. Structures fill all their legs together.
 */
export class ShadowBook {
  private readonly deps: ShadowBookDeps;
  private readonly positions = new Map<InstrumentId, Position>();
  private readonly structures: StructureRecord[] = [];
  private readonly tag: string;
  private seq = 0;

  /** `tag` prefixes the variant's order, trade and structure ids. */
  constructor(deps: ShadowBookDeps, tag: string) {
    this.deps = deps;
    this.tag = tag;
  }

  /** Puts stored fills back (a restart): positions only, structures are not rebuilt. */
  restore(fills: readonly Fill[]): void {
    for (const f of fills) this.positions.set(f.instrumentId, applyFill(this.positions.get(f.instrumentId) ?? emptyPosition(f.instrumentId), f));
    this.seq = fills.length;
  }

  book(capital: CapitalView): BotBook {
    return {
      positions: [...this.positions.values()].filter((p) => p.netQuantity !== 0).map((p) => ({ ...p })),
      openOrders: [],
      structures: this.structures.map((s): BotStructureView => ({ structureId: s.structureId, intentId: s.intentId, kind: s.kind, status: s.status, tsInit: s.tsInit, legs: s.legs.map((l) => ({ ...l })) })),
      capital,
    };
  }

  /** The intent's fills, or why it could not fill (no price for a leg). Cancels and modifications have nothing to act on. */
  execute(intent: Intent, ts: number): Execution[] | string {
    switch (intent.kind) {
      case 'place':
        return this.fillAll(intent.intentId, [{ instrumentId: intent.instrumentId, side: intent.side, quantity: intent.quantity }], ts);
      case 'enter-structure': {
        const done = this.fillAll(intent.intentId, intent.legs, ts);
        if (typeof done === 'string') return done;
        this.structures.push({
          structureId: structureId(`${this.tag}-s${this.structures.length + 1}`),
          intentId: intent.intentId,
          kind: intent.structure,
          status: 'open',
          tsInit: ts,
          legs: done.map((e) => ({ instrumentId: e.fill.instrumentId, side: e.fill.side, quantity: e.fill.quantity, heldQuantity: e.fill.quantity, entryPrice: e.fill.price })),
        });
        return done;
      }
      case 'exit-structure': {
        const s = this.structures.find((x) => x.structureId === intent.structureId);
        if (!s || s.status !== 'open') return `no open structure ${intent.structureId}`;
        // Shorts bought back before the hedges are sold, as the real executor does.
        const legs = [...s.legs].sort((a, b) => (a.side === 'SELL' ? -1 : 1) - (b.side === 'SELL' ? -1 : 1));
        const done = this.fillAll(intent.intentId, legs.filter((l) => l.heldQuantity > 0).map((l) => ({ instrumentId: l.instrumentId, side: l.side === 'BUY' ? 'SELL' : 'BUY', quantity: l.heldQuantity })), ts);
        if (typeof done === 'string') return done;
        for (const l of s.legs) l.heldQuantity = 0;
        s.status = 'closed';
        return done;
      }
      case 'flatten': {
        const open = [...this.positions.values()].filter((p) => p.netQuantity !== 0 && (intent.instrumentId === undefined || p.instrumentId === intent.instrumentId));
        const done = this.fillAll(intent.intentId, open.map((p) => ({ instrumentId: p.instrumentId, side: p.netQuantity > 0 ? 'SELL' : 'BUY', quantity: Math.abs(p.netQuantity) })), ts);
        if (typeof done !== 'string') for (const s of this.structures) if (s.status === 'open' && s.legs.every((l) => (this.positions.get(l.instrumentId)?.netQuantity ?? 0) === 0)) s.status = 'closed';
        return done;
      }
      case 'cancel':
      case 'modify':
        return [];
    }
  }

  private fillAll(intentId: IntentId, legs: readonly { instrumentId: InstrumentId; side: OrderSide; quantity: number }[], ts: number): Execution[] | string {
    const priced: { leg: (typeof legs)[number]; price: number; reference: number }[] = [];
    for (const leg of legs) {
      const mid = this.deps.market.mark(leg.instrumentId);
      if (mid === undefined || !(mid > 0)) return `no price for ${leg.instrumentId}`;
      const q = this.deps.market.quote?.(leg.instrumentId);
      priced.push({ leg, price: q ? (leg.side === 'BUY' ? q.ask : q.bid) : mid, reference: mid });
    }
    return priced.map(({ leg, price, reference }) => {
      const n = ++this.seq;
      const orderId = `${this.tag}-o${n}`;
      const fill: Fill = { tradeId: tradeId(`${this.tag}-t${n}`), clientOrderId: clientOrderId(orderId), instrumentId: leg.instrumentId, side: leg.side, quantity: leg.quantity, price, charges: this.charges(leg, price, ts), tsEvent: ts };
      this.positions.set(leg.instrumentId, applyFill(this.positions.get(leg.instrumentId) ?? emptyPosition(leg.instrumentId), fill));
      return { order: { orderId, intentId, instrumentId: leg.instrumentId, side: leg.side, quantity: leg.quantity, referencePrice: reference, ts }, fill };
    });
  }

  private charges(leg: { instrumentId: InstrumentId; side: OrderSide; quantity: number }, price: number, ts: number): number {
    const t = this.deps.instruments.tradable(leg.instrumentId);
    if (!t || (t.kind !== 'option' && t.kind !== 'future') || (t.exchange !== 'NFO' && t.exchange !== 'BFO')) return 0;
    return fillCharges({ date: istDateKey(ts), instrument: t.kind, exchange: t.exchange, side: leg.side, price, quantity: leg.quantity, orders: 1 }).total;
  }
}
