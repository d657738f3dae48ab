import type { BotId, ClientOrderId, InstrumentId, IntentId } from './ids.ts';
import type { OrderSide, OrderType, Product } from './order.ts';

/**
 * What a bot wants; never an order. Risk may deny it and the order manager decides how it becomes
 * orders (slicing above the freeze quantity, legs in a safe sequence). A bot cannot reach a broker.
 */
export type Intent =
  | {
      readonly kind: 'place';
      readonly intentId: IntentId;
      readonly botId: BotId;
      readonly instrumentId: InstrumentId;
      readonly side: OrderSide;
      /** Units, a whole number of lots. */
      readonly quantity: number;
      readonly type: OrderType;
      readonly product: Product;
      readonly limitPrice?: number;
      readonly triggerPrice?: number;
      readonly reason: string;
    }
  | { readonly kind: 'cancel'; readonly intentId: IntentId; readonly botId: BotId; readonly clientOrderId: ClientOrderId; readonly reason: string }
  | { readonly kind: 'flatten'; readonly intentId: IntentId; readonly botId: BotId; readonly instrumentId?: InstrumentId; readonly reason: string };
