import type { Tradable } from '#model/instrument';
import type { BotId, ClientOrderId, StructureId } from '#model/ids';
import type { OrderSide, OrderType, Product } from '#model/order';
import type { OrderProposal } from '#risk/pre-trade';
import { referencePrice, type Quote } from './quotes.ts';

export interface ProposalTerms {
  readonly botId?: BotId;
  readonly side: OrderSide;
  readonly quantity: number;
  readonly type: OrderType;
  readonly product: Product;
  readonly limitPrice?: number;
  readonly triggerPrice?: number;
  readonly reduceOnly: boolean;
  readonly clientOrderId?: ClientOrderId;
  readonly structureId?: StructureId;
}

/** The risk gate's view of one order about to be written and sent. */
export function orderProposal(instrument: Tradable, quote: Quote, terms: ProposalTerms, ts: number): OrderProposal {
  return {
    ...(terms.botId !== undefined ? { botId: terms.botId } : {}),
    instrument,
    side: terms.side,
    quantity: terms.quantity,
    type: terms.type,
    product: terms.product,
    ...(terms.limitPrice !== undefined ? { limitPrice: terms.limitPrice } : {}),
    ...(terms.triggerPrice !== undefined ? { triggerPrice: terms.triggerPrice } : {}),
    reduceOnly: terms.reduceOnly,
    referencePrice: referencePrice(quote),
    ts,
    ...(terms.clientOrderId !== undefined ? { clientOrderId: terms.clientOrderId } : {}),
    ...(terms.structureId !== undefined ? { structureId: terms.structureId } : {}),
  };
}
