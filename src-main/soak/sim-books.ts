import { z } from 'zod';
import type { OpenAlgoSim } from '#openalgo-sim/server';

/**
 * The simulator's own books, as OpenAlgo serves them over REST (order book, trade book, position book),
 * read with plain fetch and this file's own schemas, not the terminal's client or adapter: the check must
 * not share the code it checks. Live rows carry no strategy tag and whole-second stamps, so the tag and
 * the arrival instant come from the simulator's memory, by order id.
 */
export interface SimOrderFact {
  readonly orderId: string;
  readonly instrumentId: string;
  readonly side: 'BUY' | 'SELL';
  readonly quantity: number;
  readonly type: string;
  /** 0 for MARKET. */
  readonly price: number;
  readonly product: string;
  readonly status: string;
  readonly strategy: string;
  /** When the simulator took it, epoch ms on the simulator's clock. */
  readonly at: number;
}

export interface SimTradeFact {
  readonly orderId: string;
  readonly instrumentId: string;
  readonly side: 'BUY' | 'SELL';
  readonly quantity: number;
  readonly price: number;
}

export interface SimPositionFact {
  readonly instrumentId: string;
  readonly product: string;
  readonly quantity: number;
}

export interface SimBooks {
  readonly orders: readonly SimOrderFact[];
  /** In the order the simulator made them. */
  readonly trades: readonly SimTradeFact[];
  readonly positions: readonly SimPositionFact[];
}

const num = z.union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/).transform(Number)]);
const side = z.enum(['BUY', 'SELL']);
const orderBook = z.object({
  status: z.literal('success'),
  data: z.object({
    orders: z.array(
      z.object({ orderid: z.string(), symbol: z.string(), exchange: z.string(), action: side, quantity: num, pricetype: z.string(), price: num, product: z.string(), order_status: z.string() }),
    ),
  }),
});
const tradeBook = z.object({
  status: z.literal('success'),
  data: z.array(z.object({ orderid: z.string(), symbol: z.string(), exchange: z.string(), action: side, quantity: num, average_price: num })),
});
const positionBook = z.object({
  status: z.literal('success'),
  data: z.array(z.object({ symbol: z.string(), exchange: z.string(), product: z.string(), quantity: num })),
});

async function post<T>(sim: OpenAlgoSim, apiKey: string, route: string, schema: z.ZodType<T>): Promise<T> {
  const res = await fetch(`${sim.host}/api/v1/${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ apikey: apiKey }) });
  const parsed = schema.safeParse(await res.json());
  if (!parsed.success) throw new Error(`the simulator's ${route} did not read as OpenAlgo's: ${parsed.error.message}`);
  return parsed.data;
}

export async function readSimBooks(sim: OpenAlgoSim, apiKey: string): Promise<SimBooks> {
  const ob = await post(sim, apiKey, 'orderbook', orderBook);
  const tb = await post(sim, apiKey, 'tradebook', tradeBook);
  const pb = await post(sim, apiKey, 'positionbook', positionBook);
  const memory = new Map(sim.book.orders.map((o) => [o.orderid, o]));
  const orders = ob.data.orders.map((o): SimOrderFact => {
    const mine = memory.get(o.orderid);
    if (!mine) throw new Error(`the simulator's order book lists ${o.orderid}, which it does not hold`);
    return {
      orderId: o.orderid,
      instrumentId: `${o.exchange}:${o.symbol}`,
      side: o.action,
      quantity: o.quantity,
      type: o.pricetype,
      price: o.price,
      product: o.product,
      status: o.order_status,
      strategy: mine.strategy,
      at: mine.ts,
    };
  });
  return {
    orders,
    trades: tb.data.map((t) => ({ orderId: t.orderid, instrumentId: `${t.exchange}:${t.symbol}`, side: t.action, quantity: t.quantity, price: t.average_price })),
    positions: pb.data.map((p) => ({ instrumentId: `${p.exchange}:${p.symbol}`, product: p.product, quantity: p.quantity })),
  };
}
