import type BetterSqlite3 from 'better-sqlite3';
import type { Signal } from '#model/signal';

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

/**
 * The variants and their signals (migration 011's shadow tables). A variant's orders and fills live in its
 * own database file (shadow-order-path), never in the real book's.
 */
export class ShadowRepository {
  private readonly s;

  constructor(db: BetterSqlite3.Database) {
    this.s = {
      insertVariant: db.prepare('INSERT INTO shadow_variants (variant_id, bot_id, label, settings, status, ts_created) VALUES (?, ?, ?, ?, ?, ?)'),
      setStatus: db.prepare('UPDATE shadow_variants SET status = ?, ts_ended = ? WHERE variant_id = ?'),
      variants: db.prepare('SELECT * FROM shadow_variants ORDER BY ts_created, variant_id'),
      insertSignal: db.prepare('INSERT OR REPLACE INTO shadow_signals (variant_id, signal_id, ts_event, payload) VALUES (?, ?, ?, ?)'),
      signals: db.prepare('SELECT payload FROM shadow_signals WHERE variant_id = ? ORDER BY ts_event DESC, signal_id DESC LIMIT ?'),
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
}
