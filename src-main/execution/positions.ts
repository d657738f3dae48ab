import type { Fill } from '#model/fill';
import type { BotId, InstrumentId } from '#model/ids';
import type { Product } from '#model/order';
import { applyFill, emptyPosition, type Position } from '#model/position';

/** A bot's position in one instrument and product (MIS and NRML are separate positions at the broker). */
export interface BotPosition {
  readonly botId?: BotId;
  readonly product: Product;
  readonly position: Position;
}

const key = (botId: BotId | undefined, instrumentId: InstrumentId, product: Product): string => `${botId ?? ''}\u0000${instrumentId}\u0000${product}`;

/**
 * Positions as a fold of fills, two ways: per bot (and product), which is what a bot and its limits
 * see, and per instrument over all bots, which is what the broker's position book must equal.
 */
export class PositionBook {
  private readonly perBot = new Map<string, BotPosition>();
  private readonly perInstrument = new Map<InstrumentId, Position>();

  apply(fill: Fill, owner: { readonly botId?: BotId; readonly product: Product }): void {
    const k = key(owner.botId, fill.instrumentId, owner.product);
    const prev = this.perBot.get(k);
    const position = applyFill(prev?.position ?? emptyPosition(fill.instrumentId), fill);
    this.perBot.set(k, { ...(owner.botId !== undefined ? { botId: owner.botId } : {}), product: owner.product, position });
    this.perInstrument.set(fill.instrumentId, applyFill(this.perInstrument.get(fill.instrumentId) ?? emptyPosition(fill.instrumentId), fill));
  }

  botPosition(botId: BotId | undefined, instrumentId: InstrumentId, product: Product): Position {
    return this.perBot.get(key(botId, instrumentId, product))?.position ?? emptyPosition(instrumentId);
  }

  /** Every (bot, instrument, product) ever traded, flat ones included; filter on netQuantity for open ones. */
  byBot(botId?: BotId): BotPosition[] {
    const all = [...this.perBot.values()];
    return botId === undefined ? all : all.filter((p) => p.botId === botId);
  }

  byInstrument(): Position[] {
    return [...this.perInstrument.values()];
  }

  instrument(instrumentId: InstrumentId): Position {
    return this.perInstrument.get(instrumentId) ?? emptyPosition(instrumentId);
  }
}
