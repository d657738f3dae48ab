import type BetterSqlite3 from 'better-sqlite3';
import type { Selectable } from 'kysely';
import type { AuditLogTable } from './schema.ts';

export interface AuditEntry {
  readonly seq: number;
  /** Engine-clock epoch ms. */
  readonly ts: number;
  readonly kind: string;
  readonly actor: string;
  /** The order, intent, structure, bot or setting the entry is about, when there is one. */
  readonly subject?: string;
  /** JSON text. */
  readonly payload: string;
}

export type NewAuditEntry = Omit<AuditEntry, 'seq'>;

export interface AuditRange {
  /** Inclusive, epoch ms. */
  readonly fromTs?: number;
  /** Exclusive, epoch ms. */
  readonly toTs?: number;
}

type AuditRow = Selectable<AuditLogTable>;

const entryOf = (r: AuditRow): AuditEntry => ({ seq: r.seq, ts: r.ts, kind: r.kind, actor: r.actor, ...(r.subject !== null ? { subject: r.subject } : {}), payload: r.payload });

/** The append-only audit log. The table's triggers refuse UPDATE and DELETE; this class offers neither. */
export class AuditRepository {
  private readonly stmts;

  constructor(db: BetterSqlite3.Database) {
    this.stmts = {
      append: db.prepare('INSERT INTO audit_log (ts, kind, actor, subject, payload) VALUES (?, ?, ?, ?, ?)'),
      range: db.prepare('SELECT seq, ts, kind, actor, subject, payload FROM audit_log WHERE ts >= ? AND ts < ? ORDER BY seq'),
      count: db.prepare('SELECT COUNT(*) FROM audit_log').pluck(),
      ofKind: db.prepare('SELECT seq, ts, kind, actor, subject, payload FROM audit_log WHERE kind = ? ORDER BY seq'),
    };
  }

  append(e: NewAuditEntry): number {
    return Number(this.stmts.append.run(e.ts, e.kind, e.actor, e.subject ?? null, e.payload).lastInsertRowid);
  }

  /** Streams entries in write order without loading the whole log. */
  *entries(range: AuditRange = {}): IterableIterator<AuditEntry> {
    const rows = this.stmts.range.iterate(range.fromTs ?? Number.MIN_SAFE_INTEGER, range.toTs ?? Number.MAX_SAFE_INTEGER) as IterableIterator<AuditRow>;
    for (const r of rows) yield entryOf(r);
  }

  /** Every entry of one kind, in write order. */
  ofKind(kind: string): AuditEntry[] {
    return (this.stmts.ofKind.all(kind) as AuditRow[]).map(entryOf);
  }

  count(): number {
    return this.stmts.count.get() as number;
  }
}
