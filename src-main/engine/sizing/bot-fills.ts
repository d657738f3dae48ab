import type BetterSqlite3 from 'better-sqlite3';
import type { Fill } from '#model/fill';
import { clientOrderId, tradeId, type BotId, type InstrumentId } from '#model/ids';
import type { OrderSide } from '#model/order';
import type { FillsTable, OrdersTable } from '#store/schema';

/** A fill joined with its order's limit price. */
type Row = Omit<FillsTable, 'broker_order_id'> & Pick<OrdersTable, 'limit_price'>;

/**
 * A bot's fills from the store (its orders' fills), oldest first: Kelly's and the shadow comparison's
 * trades. `reference` is the order's limit price, the price the bot decided at (absent for market orders).
 */
export function botFillsReader(sqlite: BetterSqlite3.Database): (botId: BotId) => (Fill & { readonly reference?: number })[] {
  const stmt = sqlite.prepare(
    'SELECT f.trade_id, f.client_order_id, f.instrument_id, f.side, f.quantity, f.price, f.charges, f.ts_event, o.limit_price FROM fills f JOIN orders o ON o.client_order_id = f.client_order_id WHERE o.bot_id = ? ORDER BY f.ts_event, f.rowid',
  );
  return (botId) =>
    (stmt.all(botId) as Row[]).map((r) => ({
      ...(r.limit_price !== null ? { reference: r.limit_price } : {}),
      tradeId: tradeId(r.trade_id),
      clientOrderId: clientOrderId(r.client_order_id),
      instrumentId: r.instrument_id as InstrumentId,
      side: r.side as OrderSide,
      quantity: r.quantity,
      price: r.price,
      charges: r.charges,
      tsEvent: r.ts_event,
    }));
}
