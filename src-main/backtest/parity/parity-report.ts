import type BetterSqlite3 from 'better-sqlite3';
import { attributeParity, type ParityReport } from './attribution.ts';
import { loadRecordedSession } from './recorded-session.ts';
import { replayedPrices } from './replayed-prices.ts';

export interface ParityOptions {
  readonly fromMs: number;
  readonly toMs: number;
  /** Only this bot's orders. */
  readonly botId?: string;
}

/**
 * The parity report of a recorded session: its orders and fills read from the store, the store's 1-minute
 * bars of the same span replayed through the backtester's feed, and the gross P&L gap between the two
 * attributed to latency, spread, partial fills and freeze splits (`attributeParity`).
 */
export async function parityReport(sqlite: BetterSqlite3.Database, o: ParityOptions): Promise<ParityReport> {
  const session = loadRecordedSession(sqlite, o.fromMs, o.toMs, o.botId);
  const instruments = [...new Set(session.orders.map((x) => x.instrumentId))];
  const prices = await replayedPrices(sqlite, instruments, o.fromMs, o.toMs);
  return attributeParity(session, prices);
}
