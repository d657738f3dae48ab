import type { BotId, ClientOrderId, InstrumentId, IntentId, StructureId } from './ids.ts';
import type { OrderSide, OrderType, Product } from './order.ts';
import type { StructureKind, StructureLegSpec, StructurePolicy } from './structure.ts';

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
  | {
      /** Changes a working order; fields left out keep their value. */
      readonly kind: 'modify';
      readonly intentId: IntentId;
      readonly botId: BotId;
      readonly clientOrderId: ClientOrderId;
      readonly quantity?: number;
      readonly limitPrice?: number;
      readonly triggerPrice?: number;
      readonly reason: string;
    }
  | { readonly kind: 'cancel'; readonly intentId: IntentId; readonly botId: BotId; readonly clientOrderId: ClientOrderId; readonly reason: string }
  | { readonly kind: 'flatten'; readonly intentId: IntentId; readonly botId: BotId; readonly instrumentId?: InstrumentId; readonly reason: string }
  | {
      /** Opens a multi-leg structure as one unit: hedges (buys) first, then the short legs. */
      readonly kind: 'enter-structure';
      readonly intentId: IntentId;
      readonly botId: BotId;
      readonly structure: StructureKind;
      readonly product: Product;
      readonly legs: readonly StructureLegSpec[];
      readonly policy: StructurePolicy;
      readonly reason: string;
      /**
       * An adjustment's second half: the structure this one replaces, closed just before (execution has
       * no leg-level roll). It continues a position rather than opening a new one, so the bot manager
       * neither holds it back (a pause, the regime) nor resizes it; risk checks it as any order.
       */
      readonly continues?: StructureId;
    }
  | {
      /** Closes every open leg of a structure, shorts bought back before the hedges are sold. */
      readonly kind: 'exit-structure';
      readonly intentId: IntentId;
      readonly botId: BotId;
      readonly structureId: StructureId;
      readonly reason: string;
    }
  | {
      /**
       * Closes one leg of an open structure at market (the trader's choice); the structure stays open
       * with its other legs. A long leg is refused while a short leg is held: it would leave the short naked.
       */
      readonly kind: 'exit-structure-leg';
      readonly intentId: IntentId;
      readonly botId: BotId;
      readonly structureId: StructureId;
      readonly legIndex: number;
      readonly reason: string;
    };
