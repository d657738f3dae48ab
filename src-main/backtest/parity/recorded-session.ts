import type BetterSqlite3 from 'better-sqlite3';
import { z } from 'zod';
import type { InstrumentId } from '#model/ids';

/**
 * What a paper (or live) session left in the store, as the parity report reads it: each order the bots
 * sent, with the intent it served and when it was created and sent, and each fill. The `orders` and
 * `fills` tables are the order path's own (migrations 002 and 005), so nothing is recorded for the
 * report's sake.
 */
export interface RecordedOrder {
  readonly clientOrderId: string;
  /** The intent the order served: the slices of one freeze-split order share it. */
  readonly intentId: string | null;
  readonly botId: string | null;
  readonly instrumentId: InstrumentId;
  readonly side: 'BUY' | 'SELL';
  readonly quantity: number;
  /** When the order was created: the bot's decision (the first slice's, for a split order). */
  readonly tsInit: number;
  readonly sentAt: number | null;
  readonly status: string;
}

export interface RecordedFill {
  readonly tradeId: string;
  readonly clientOrderId: string;
  readonly quantity: number;
  readonly price: number;
  readonly charges: number;
  readonly tsEvent: number;
}

export interface RecordedSession {
  readonly fromMs: number;
  readonly toMs: number;
  readonly orders: readonly RecordedOrder[];
  readonly fills: readonly RecordedFill[];
}

// Rows as SQLite returns them: checked, since the file may come from another version or another machine.
const orderRow = z.object({
  client_order_id: z.string(),
  intent_id: z.string().nullable(),
  bot_id: z.string().nullable(),
  instrument_id: z.string().min(1),
  side: z.enum(['BUY', 'SELL']),
  quantity: z.number().int().positive(),
  ts_init: z.number().int(),
  sent_at: z.number().int().nullable(),
  status: z.string(),
});
const fillRow = z.object({
  trade_id: z.string(),
  client_order_id: z.string(),
  quantity: z.number().int().positive(),
  price: z.number().finite(),
  charges: z.number().finite(),
  ts_event: z.number().int(),
});

/**
 * The orders created in [fromMs, toMs) (of one bot, when given) and their fills. Orders that were never
 * sent (refused by risk, say) are left out: they could not have filled in either world.
 */
export function loadRecordedSession(sqlite: BetterSqlite3.Database, fromMs: number, toMs: number, botId?: string): RecordedSession {
  const rows = sqlite
    .prepare(
      `SELECT client_order_id, intent_id, bot_id, instrument_id, side, quantity, ts_init, sent_at, status FROM orders
       WHERE ts_init >= ? AND ts_init < ? AND (? IS NULL OR bot_id = ?) AND (sent_at IS NOT NULL OR filled_quantity > 0)
       ORDER BY ts_init, rowid`,
    )
    .all(fromMs, toMs, botId ?? null, botId ?? null);
  const orders: RecordedOrder[] = rows.map((r) => {
    const o = orderRow.parse(r);
    return {
      clientOrderId: o.client_order_id,
      intentId: o.intent_id,
      botId: o.bot_id,
      instrumentId: o.instrument_id as InstrumentId,
      side: o.side,
      quantity: o.quantity,
      tsInit: o.ts_init,
      sentAt: o.sent_at,
      status: o.status,
    };
  });
  const ids = new Set(orders.map((o) => o.clientOrderId));
  const fills: RecordedFill[] = sqlite
    .prepare('SELECT trade_id, client_order_id, quantity, price, charges, ts_event FROM fills WHERE ts_event >= ? ORDER BY ts_event, rowid')
    .all(fromMs)
    .map((r) => fillRow.parse(r))
    .filter((f) => ids.has(f.client_order_id))
    .map((f) => ({ tradeId: f.trade_id, clientOrderId: f.client_order_id, quantity: f.quantity, price: f.price, charges: f.charges, tsEvent: f.ts_event }));
  return { fromMs, toMs, orders, fills };
}
