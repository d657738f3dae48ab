import type BetterSqlite3 from 'better-sqlite3';

/** Each underlying's ATM implied volatility at each session's close (iv_daily, migration 007). */
export class IvHistoryRepository {
  private readonly stmts;

  constructor(db: BetterSqlite3.Database) {
    this.stmts = {
      upsert: db.prepare('INSERT INTO iv_daily (underlying, date_key, atm_iv) VALUES (?, ?, ?) ON CONFLICT (underlying, date_key) DO UPDATE SET atm_iv = excluded.atm_iv'),
      latest: db.prepare('SELECT atm_iv FROM (SELECT date_key, atm_iv FROM iv_daily WHERE underlying = ? ORDER BY date_key DESC LIMIT ?) ORDER BY date_key'),
    };
  }

  /** The close of `dateKey` (a second close of the same day replaces the first). */
  record(underlying: string, dateKey: string, atmIv: number): void {
    this.stmts.upsert.run(underlying, dateKey, atmIv);
  }

  /** Up to `limit` daily closes, oldest first. */
  history(underlying: string, limit: number): number[] {
    return (this.stmts.latest.all(underlying, limit) as { atm_iv: number }[]).map((r) => r.atm_iv);
  }
}
