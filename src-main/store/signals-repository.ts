import type BetterSqlite3 from 'better-sqlite3';
import type { BotId, InstrumentId, IntentId, SignalId } from '#model/ids';
import type { Signal, SignalDecision } from '#model/signal';
import type { SignalsTable as SignalRow } from './schema.ts';

/** The parts of a signal kept in `detail` (migration 007). */
type Detail = Pick<Signal, 'inputs' | 'sources' | 'combined' | 'regime' | 'notes' | 'intentIds'>;

/**
 * Every evaluation a bot reached a decision on (signals, migrations 003 and 007), written as it is made
 * and read back whole: the trader can ask after a restart why a trade was or was not taken. A row is
 * rewritten only to record what became of its intents (refused before reaching the broker); its
 * evaluation (inputs, scores, time, rule) never changes.
 */
export class SignalsRepository {
  private readonly stmts;

  constructor(db: BetterSqlite3.Database) {
    this.stmts = {
      // Positional: binding twelve named values from an object cost a quarter of each insert, and every evaluation writes one.
      insert: db.prepare(
        `INSERT INTO signals (signal_id, bot_id, instrument_id, ts_event, direction, strength, scores, decision, reason, kind, rule, detail)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      outcome: db.prepare('UPDATE signals SET decision = @decision, reason = @reason, detail = @detail WHERE signal_id = @signal_id'),
      recent: db.prepare('SELECT * FROM (SELECT rowid AS n, * FROM signals ORDER BY rowid DESC LIMIT ?) ORDER BY n'),
      recentOf: db.prepare('SELECT * FROM (SELECT rowid AS n, * FROM signals WHERE bot_id = ? ORDER BY rowid DESC LIMIT ?) ORDER BY n'),
      between: db.prepare('SELECT * FROM signals WHERE ts_event >= ? AND ts_event < ? ORDER BY rowid'),
    };
  }

  insert(s: Signal): void {
    this.stmts.insert.run(s.id, s.botId, s.instrumentId, s.tsEvent, s.direction, s.strength, JSON.stringify(s.scores), s.decision.kind, s.decision.reason, s.kind, s.rule, detailOf(s));
  }

  /** Records a stored signal's new decision, reason and notes (what became of its intents); false when no row has its id. */
  updateOutcome(s: Signal): boolean {
    return this.stmts.outcome.run({ signal_id: s.id, decision: s.decision.kind, reason: s.decision.reason, detail: detailOf(s) }).changes === 1;
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

function detailOf(s: Signal): string {
  const detail: Detail = { inputs: s.inputs, sources: s.sources, notes: s.notes, intentIds: s.intentIds, ...(s.combined ? { combined: s.combined } : {}), ...(s.regime ? { regime: s.regime } : {}) };
  return JSON.stringify(detail);
}

const DECISIONS: ReadonlySet<string> = new Set<SignalDecision['kind']>(['taken', 'filtered', 'refused']);

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
    decision: { kind: DECISIONS.has(r.decision) ? (r.decision as SignalDecision['kind']) : 'filtered', reason: r.reason ?? '' },
    notes: detail.notes ?? [],
    intentIds: (detail.intentIds ?? []) as IntentId[],
  };
}
