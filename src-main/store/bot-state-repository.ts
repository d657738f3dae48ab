import type BetterSqlite3 from 'better-sqlite3';
import type { BotStateTable } from './schema.ts';

/**
 * One bot's row in bot_state (migration 003): its lifecycle and strategy state, and its settings
 * (parameters, capital, paper or live), each as JSON the bot manager validates when it reads them.
 */
export interface StoredBotRow {
  readonly botId: string;
  readonly kind: string;
  /** Parsed JSON, or the raw text when it is not JSON (the manager reports it for that bot alone). */
  readonly state: unknown;
  readonly settings: unknown;
  readonly tsLast: number;
}

type Row = BotStateTable;

const parse = (text: string): unknown => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
};

export class BotStateRepository {
  private readonly stmts;

  constructor(db: BetterSqlite3.Database) {
    this.stmts = {
      all: db.prepare('SELECT * FROM bot_state ORDER BY bot_id'),
      upsert: db.prepare(
        `INSERT INTO bot_state (bot_id, kind, state, settings, ts_last) VALUES (@bot_id, @kind, @state, @settings, @ts_last)
         ON CONFLICT (bot_id) DO UPDATE SET kind = excluded.kind, state = excluded.state, settings = excluded.settings, ts_last = excluded.ts_last`,
      ),
    };
  }

  loadAll(): StoredBotRow[] {
    return (this.stmts.all.all() as Row[]).map((r) => ({ botId: r.bot_id, kind: r.kind, state: parse(r.state), settings: parse(r.settings), tsLast: r.ts_last }));
  }

  save(row: { readonly botId: string; readonly kind: string; readonly state: unknown; readonly settings: unknown; readonly tsLast: number }): void {
    this.stmts.upsert.run({ bot_id: row.botId, kind: row.kind, state: JSON.stringify(row.state), settings: JSON.stringify(row.settings), ts_last: row.tsLast } satisfies Row);
  }
}
