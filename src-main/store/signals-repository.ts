import type BetterSqlite3 from 'better-sqlite3';
import type { BotId, InstrumentId, IntentId, SignalId } from '#model/ids';
import type { Signal } from '#model/signal';
import type { SignalsTable as SignalRow } from './schema.ts';

/** The parts of a signal kept in `detail` (migration 007). */
type Detail = Pick<Signal, 'inputs' | 'sources' | 'combined' | 'regime' | 'notes' | 'intentIds'>;

/**
 * Every evaluation a bot reached a decision on (signals, migrations 003 and 007), written as it is made
 * and read back whole: the trader can ask after a restart why a trade was or was not taken. Rows are
 * append-only in practice: a signal is never rewritten.
 */
export class SignalsRepository {
  private readonly stmts;

  constructor(db: BetterSqlite3.Database) {
    this.stmts = {
      insert: db.prepare(
        `INSERT INTO signals (signal_id, bot_id, instrument_id, ts_event, direction, strength, scores, decision, reason, kind, rule, detail)
         VALUES (@signal_id, @bot_id, @instrument_id, @ts_event, @direction, @strength, @scores, @decision, @reason, @kind, @rule, @detail)`,
      ),
      recent: db.prepare('SELECT * FROM (SELECT rowid AS n, * FROM signals ORDER BY rowid DESC LIMIT ?) ORDER BY n'),
      recentOf: db.prepare('SELECT * FROM (SELECT rowid AS n, * FROM signals WHERE bot_id = ? ORDER BY rowid DESC LIMIT ?) ORDER BY n'),
      between: db.prepare('SELECT * FROM signals WHERE ts_event >= ? AND ts_event < ? ORDER BY rowid'),
    };
  }

  insert(s: Signal): void {
    const detail: Detail = { inputs: s.inputs, sources: s.sources, notes: s.notes, intentIds: s.intentIds, ...(s.combined ? { combined: s.combined } : {}), ...(s.regime ? { regime: s.regime } : {}) };
    this.stmts.insert.run({
      signal_id: s.id,
      bot_id: s.botId,
      instrument_id: s.instrumentId,
      ts_event: s.tsEvent,
      direction: s.direction,
      strength: s.strength,
      scores: JSON.stringify(s.scores),
      decision: s.decision.kind,
      reason: s.decision.reason,
      kind: s.kind,
      rule: s.rule,
      detail: JSON.stringify(detail),
    } satisfies SignalRow);
  }

  /** The latest `limit` signals (of one bot when given), oldest first. */
  recent(limit: number, botId?: BotId): Signal[] {
    const rows = (botId === undefined ? this.stmts.recent.all(limit) : this.stmts.recentOf.all(botId, limit)) as SignalRow[];
    return rows.map(toSignal);
  }

  /** Signals with `from <= tsEvent < to`, in the order they were made. */
  between(from: number, to: number): Signal[] {
    return (this.stmts.between.all(from, to) as SignalRow[]).map(toSignal);
  }
}

function toSignal(r: SignalRow): Signal {
  const detail = JSON.parse(r.detail) as Partial<Detail>;
  return {
    id: r.signal_id as SignalId,
    botId: r.bot_id as BotId,
    instrumentId: r.instrument_id as InstrumentId,
    tsEvent: r.ts_event,
    kind: r.kind as Signal['kind'],
    rule: r.rule,
    direction: r.direction as Signal['direction'],
    strength: r.strength,
    scores: JSON.parse(r.scores) as Signal['scores'],
    inputs: detail.inputs ?? {},
    sources: detail.sources ?? [],
    ...(detail.combined ? { combined: detail.combined } : {}),
    ...(detail.regime ? { regime: detail.regime } : {}),
    decision: { kind: r.decision === 'taken' ? 'taken' : 'filtered', reason: r.reason ?? '' },
    notes: detail.notes ?? [],
    intentIds: (detail.intentIds ?? []) as IntentId[],
  };
}
