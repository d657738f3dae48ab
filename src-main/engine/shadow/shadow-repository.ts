import type BetterSqlite3 from 'better-sqlite3';
import type { Fill } from '#model/fill';
import { clientOrderId, tradeId, type InstrumentId } from '#model/ids';
import type { OrderSide } from '#model/order';
import type { Signal } from '#model/signal';
import type { ComparedFill } from './comparison.ts';

export type VariantStatus = 'running' | 'stopped' | 'promoted';

export interface VariantRow {
  readonly variantId: string;
  readonly botId: string;
  readonly label: string;
  /** The variant's settings patch over the bot's (params, sizing), as given. */
  readonly settings: Readonly<Record<string, unknown>>;
  readonly status: VariantStatus;
  readonly tsCreated: number;
  readonly tsEnded: number | null;
}

export interface ShadowOrder {
  readonly orderId: string;
  readonly intentId: string;
  readonly instrumentId: InstrumentId;
  readonly side: OrderSide;
  readonly quantity: number;
  /** The mid when the variant decided: its slippage is measured from here. */
  readonly referencePrice: number;
  readonly ts: number;
}

/** The shadow tables of migration 011: a variant's rows never mix with the real book's. */
export class ShadowRepository {
  private readonly s;

  constructor(db: BetterSqlite3.Database) {
    this.s = {
      insertVariant: db.prepare('INSERT INTO shadow_variants (variant_id, bot_id, label, settings, status, ts_created) VALUES (?, ?, ?, ?, ?, ?)'),
      setStatus: db.prepare('UPDATE shadow_variants SET status = ?, ts_ended = ? WHERE variant_id = ?'),
      variants: db.prepare('SELECT * FROM shadow_variants ORDER BY ts_created, variant_id'),
      insertSignal: db.prepare('INSERT OR REPLACE INTO shadow_signals (variant_id, signal_id, ts_event, payload) VALUES (?, ?, ?, ?)'),
      signals: db.prepare('SELECT payload FROM shadow_signals WHERE variant_id = ? ORDER BY ts_event DESC, signal_id DESC LIMIT ?'),
      insertOrder: db.prepare('INSERT INTO shadow_orders (variant_id, order_id, intent_id, instrument_id, side, quantity, reference_price, ts) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
      insertFill: db.prepare('INSERT INTO shadow_fills (variant_id, trade_id, order_id, instrument_id, side, quantity, price, charges, ts_event) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)'),
      fills: db.prepare(
        'SELECT f.trade_id, f.order_id, f.instrument_id, f.side, f.quantity, f.price, f.charges, f.ts_event, o.reference_price FROM shadow_fills f JOIN shadow_orders o ON o.variant_id = f.variant_id AND o.order_id = f.order_id WHERE f.variant_id = ? ORDER BY f.ts_event, f.rowid',
      ),
    };
  }

  createVariant(v: Omit<VariantRow, 'tsEnded' | 'status'>): void {
    this.s.insertVariant.run(v.variantId, v.botId, v.label, JSON.stringify(v.settings), 'running', v.tsCreated);
  }

  setStatus(variantId: string, status: VariantStatus, ts: number | null): void {
    this.s.setStatus.run(status, ts, variantId);
  }

  variants(): VariantRow[] {
    type Row = { variant_id: string; bot_id: string; label: string; settings: string; status: VariantStatus; ts_created: number; ts_ended: number | null };
    return (this.s.variants.all() as Row[]).map((r) => ({ variantId: r.variant_id, botId: r.bot_id, label: r.label, settings: JSON.parse(r.settings) as Record<string, unknown>, status: r.status, tsCreated: r.ts_created, tsEnded: r.ts_ended }));
  }

  saveSignal(variantId: string, s: Signal): void {
    this.s.insertSignal.run(variantId, s.id, s.tsEvent, JSON.stringify(s));
  }

  signals(variantId: string, limit: number): Signal[] {
    return (this.s.signals.pluck().all(variantId, limit) as string[]).map((p) => JSON.parse(p) as Signal).reverse();
  }

  saveExecution(variantId: string, o: ShadowOrder, fill: Fill): void {
    this.s.insertOrder.run(variantId, o.orderId, o.intentId, o.instrumentId, o.side, o.quantity, o.referencePrice, o.ts);
    this.s.insertFill.run(variantId, fill.tradeId, o.orderId, fill.instrumentId, fill.side, fill.quantity, fill.price, fill.charges, fill.tsEvent);
  }

  fills(variantId: string): ComparedFill[] {
    type Row = { trade_id: string; order_id: string; instrument_id: string; side: OrderSide; quantity: number; price: number; charges: number; ts_event: number; reference_price: number };
    return (this.s.fills.all(variantId) as Row[]).map((r) => ({
      tradeId: tradeId(r.trade_id),
      clientOrderId: clientOrderId(r.order_id),
      instrumentId: r.instrument_id as InstrumentId,
      side: r.side,
      quantity: r.quantity,
      price: r.price,
      charges: r.charges,
      tsEvent: r.ts_event,
      reference: r.reference_price,
    }));
  }
}
