import { err, ok, type Result } from '#core/result';
import { clientOrderId, type BotId, type InstrumentId, type IntentId } from '#model/ids';
import { createOrder, isTerminal, type NewOrder, type OrderSide, type OrderType, type Product } from '#model/order';
import type { OrderProposal } from '#risk/pre-trade';
import type { OrderLink, OrderRecord } from '#store/orders-repository';
import type { ExecutionContext } from './execution-context.ts';
import { freezeQuantity, sliceQuantity } from './freeze-slicing.ts';
import { orderProposal } from './proposals.ts';

export interface OrderTerms {
  readonly intentId?: IntentId;
  readonly botId?: BotId;
  readonly instrumentId: InstrumentId;
  readonly side: OrderSide;
  readonly quantity: number;
  readonly type: OrderType;
  readonly product: Product;
  readonly limitPrice?: number;
  readonly triggerPrice?: number;
  /** `auto`: reduce-only when it only shrinks the bot's position (after other working exits). */
  readonly reduceOnly: boolean | 'auto';
  readonly link?: OrderLink;
}

export interface PlannedOrder {
  readonly record: OrderRecord;
  readonly spec: NewOrder;
  readonly proposal: OrderProposal;
}

export type PlanError = { readonly kind: 'unknown-instrument' | 'no-quote' | 'invalid-order'; readonly message: string };

/**
 * Turns order terms into the orders to write: sliced at the freeze quantity in force on the trade
 * date, each with a fresh client order id and the risk proposal it will be checked against.
 */
export function planOrders(ctx: ExecutionContext, terms: OrderTerms): Result<PlannedOrder[], PlanError> {
  const instrument = ctx.instruments.tradable(terms.instrumentId);
  if (!instrument) return err({ kind: 'unknown-instrument', message: `instrument ${terms.instrumentId} is not tradable here` });
  const quote = ctx.quotes.quote(terms.instrumentId);
  if (!quote) return err({ kind: 'no-quote', message: `no quote for ${terms.instrumentId} yet: an order cannot be priced or checked` });
  const now = ctx.clock.now();
  const slices = sliceQuantity(terms.quantity, instrument.lotSize, freezeQuantity(instrument, now, ctx.specs));
  if (!slices.ok) return err({ kind: 'invalid-order', message: slices.error.message });
  let reducible = terms.reduceOnly === 'auto' ? reducibleQuantity(ctx, terms) : 0;
  const planned: PlannedOrder[] = [];
  for (const quantity of slices.value) {
    const spec: NewOrder = {
      clientOrderId: clientOrderId(ctx.orderIds.next()),
      ...(terms.intentId !== undefined ? { intentId: terms.intentId } : {}),
      ...(terms.botId !== undefined ? { botId: terms.botId } : {}),
      instrumentId: terms.instrumentId,
      side: terms.side,
      type: terms.type,
      product: terms.product,
      quantity,
      ...(terms.limitPrice !== undefined ? { limitPrice: terms.limitPrice } : {}),
      ...(terms.triggerPrice !== undefined ? { triggerPrice: terms.triggerPrice } : {}),
      tsInit: now,
    };
    let order;
    try {
      order = createOrder(spec);
    } catch (e) {
      return err({ kind: 'invalid-order', message: (e as Error).message });
    }
    const reduceOnly = terms.reduceOnly === 'auto' ? quantity <= reducible : terms.reduceOnly;
    if (terms.reduceOnly === 'auto' && reduceOnly) reducible -= quantity;
    const record: OrderRecord = { order, reduceOnly, ...(terms.link ? { link: terms.link } : {}) };
    const proposal = orderProposal(instrument, quote, { ...spec, reduceOnly, ...(terms.link ? { structureId: terms.link.structureId } : {}) }, now);
    planned.push({ record, spec, proposal });
  }
  return ok(planned);
}

/** How much of the bot's position an order on this side can still close, net of working exits. */
function reducibleQuantity(ctx: ExecutionContext, t: OrderTerms): number {
  const net = ctx.ledger.positions.botPosition(t.botId, t.instrumentId, t.product).netQuantity;
  const closes = (t.side === 'BUY' && net < 0) || (t.side === 'SELL' && net > 0);
  if (!closes) return 0;
  let working = 0;
  for (const r of ctx.ledger.open()) {
    const o = r.order;
    if (r.reduceOnly && o.botId === t.botId && o.instrumentId === t.instrumentId && o.product === t.product && o.side === t.side && !isTerminal(o.status)) {
      working += o.quantity - o.filledQuantity;
    }
  }
  return Math.max(0, Math.abs(net) - working);
}
