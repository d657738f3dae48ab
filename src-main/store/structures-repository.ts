import type BetterSqlite3 from 'better-sqlite3';
import { botId, intentId, structureId, type BotId, type InstrumentId, type IntentId, type StructureId } from '#model/ids';
import type { OrderSide, Product } from '#model/order';
import type { StructureKind, StructurePolicy, StructureStatus } from '#model/structure';
import type { StructureLegsTable, StructuresTable } from './schema.ts';

export interface StructureLegRecord {
  readonly index: number;
  readonly instrumentId: InstrumentId;
  readonly side: OrderSide;
  readonly quantity: number;
  readonly type: 'MARKET' | 'LIMIT';
  /** The first limit price; chased retries derive their price from it. */
  readonly limitPrice?: number;
  /** Entry orders sent for this leg (first try and retries). */
  readonly attempts: number;
  /** Closing orders sent for this leg (unwind or exit). */
  readonly exitAttempts: number;
}

export interface StructureRecord {
  readonly structureId: StructureId;
  readonly intentId: IntentId;
  readonly botId: BotId;
  readonly kind: StructureKind;
  readonly product: Product;
  readonly policy: StructurePolicy;
  readonly status: StructureStatus;
  readonly reason?: string;
  /** Margin held for the whole structure while it legs in; 0 once it is open or flat. */
  readonly marginBlocked: number;
  readonly legs: readonly StructureLegRecord[];
  readonly tsInit: number;
  readonly tsLast: number;
}

type StructureRow = StructuresTable;

type LegRow = StructureLegsTable;

/** Multi-leg structures and their legs. Rows are snapshots; every change is also in the audit log. */
export class StructuresRepository {
  private readonly stmts;

  constructor(db: BetterSqlite3.Database) {
    this.stmts = {
      insert: db.prepare(
        `INSERT INTO structures (structure_id, intent_id, bot_id, kind, product, policy, status, reason, margin_blocked, ts_init, ts_last)
         VALUES (@structure_id, @intent_id, @bot_id, @kind, @product, @policy, @status, @reason, @margin_blocked, @ts_init, @ts_last)`,
      ),
      update: db.prepare('UPDATE structures SET status = @status, reason = @reason, margin_blocked = @margin_blocked, ts_last = @ts_last WHERE structure_id = @structure_id'),
      insertLeg: db.prepare(
        `INSERT INTO structure_legs (structure_id, leg_index, instrument_id, side, quantity, type, limit_price, attempts, exit_attempts)
         VALUES (@structure_id, @leg_index, @instrument_id, @side, @quantity, @type, @limit_price, @attempts, @exit_attempts)`,
      ),
      updateLeg: db.prepare('UPDATE structure_legs SET attempts = @attempts, exit_attempts = @exit_attempts WHERE structure_id = @structure_id AND leg_index = @leg_index'),
      all: db.prepare('SELECT * FROM structures ORDER BY ts_init, rowid'),
      legs: db.prepare('SELECT * FROM structure_legs ORDER BY structure_id, leg_index'),
    };
  }

  insert(s: StructureRecord): void {
    this.stmts.insert.run(structureParams(s));
    for (const leg of s.legs) this.stmts.insertLeg.run(legParams(s.structureId, leg));
  }

  update(s: StructureRecord): void {
    const r = this.stmts.update.run(structureParams(s));
    if (r.changes !== 1) throw new Error(`structure ${s.structureId} is not in the store`);
    for (const leg of s.legs) this.stmts.updateLeg.run(legParams(s.structureId, leg));
  }

  loadAll(): StructureRecord[] {
    const legs = new Map<string, StructureLegRecord[]>();
    for (const r of this.stmts.legs.all() as LegRow[]) {
      const list = legs.get(r.structure_id) ?? [];
      list.push({
        index: r.leg_index,
        instrumentId: r.instrument_id as InstrumentId,
        side: r.side as OrderSide,
        quantity: r.quantity,
        type: r.type as 'MARKET' | 'LIMIT',
        ...(r.limit_price !== null ? { limitPrice: r.limit_price } : {}),
        attempts: r.attempts,
        exitAttempts: r.exit_attempts,
      });
      legs.set(r.structure_id, list);
    }
    return (this.stmts.all.all() as StructureRow[]).map((r) => ({
      structureId: structureId(r.structure_id),
      intentId: intentId(r.intent_id),
      botId: botId(r.bot_id),
      kind: r.kind as StructureKind,
      product: r.product as Product,
      policy: JSON.parse(r.policy) as StructurePolicy,
      status: r.status as StructureStatus,
      ...(r.reason !== null ? { reason: r.reason } : {}),
      marginBlocked: r.margin_blocked,
      legs: legs.get(r.structure_id) ?? [],
      tsInit: r.ts_init,
      tsLast: r.ts_last,
    }));
  }
}

function structureParams(s: StructureRecord) {
  return {
    structure_id: s.structureId,
    intent_id: s.intentId,
    bot_id: s.botId,
    kind: s.kind,
    product: s.product,
    policy: JSON.stringify(s.policy),
    status: s.status,
    reason: s.reason ?? null,
    margin_blocked: s.marginBlocked,
    ts_init: s.tsInit,
    ts_last: s.tsLast,
  };
}

function legParams(id: StructureId, leg: StructureLegRecord) {
  return {
    structure_id: id,
    leg_index: leg.index,
    instrument_id: leg.instrumentId,
    side: leg.side,
    quantity: leg.quantity,
    type: leg.type,
    limit_price: leg.limitPrice ?? null,
    attempts: leg.attempts,
    exit_attempts: leg.exitAttempts,
  };
}
