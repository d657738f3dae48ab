import type { Fill } from '#model/fill';
import type { InstrumentId } from '#model/ids';
import type { Tradable } from '#model/instrument';
import type { OrderSide, Product } from '#model/order';
import { applyFill, emptyPosition, type Position } from '#model/position';
import type { PaperBrokerConfig } from './paper-config.ts';

const key = (id: InstrumentId, product: Product): string => `${id}|${product}`;

/**
 * The paper account: cash, net positions per instrument and product (as the broker's position book
 * shows them), and a SPAN-like margin: a long option holds its premium, a short option strike × units ×
 * rate, a future price × units × rate.
 */
export class PaperAccount {
  private readonly config: PaperBrokerConfig;
  private readonly positions = new Map<string, { product: Product; position: Position }>();
  private realized = 0;
  private charges = 0;

  constructor(config: PaperBrokerConfig) {
    this.config = config;
  }

  position(id: InstrumentId, product: Product): Position {
    return this.positions.get(key(id, product))?.position ?? emptyPosition(id);
  }

  all(): { product: Product; position: Position }[] {
    return [...this.positions.values()];
  }

  /** Takes positions carried over from a previous run (their realised P&L and charges count toward cash). */
  restore(entries: readonly { product: Product; position: Position }[]): void {
    for (const { product, position } of entries) {
      const k = key(position.instrumentId, product);
      const prev = this.positions.get(k)?.position;
      if (prev) throw new Error(`paper account: ${position.instrumentId} ${product} is restored twice`);
      this.realized += position.realizedPnl;
      this.charges += position.charges;
      this.positions.set(k, { product, position });
    }
  }

  apply(fill: Fill, product: Product): void {
    const prev = this.position(fill.instrumentId, product);
    const next = applyFill(prev, fill);
    this.realized += next.realizedPnl - prev.realizedPnl;
    this.charges += fill.charges;
    this.positions.set(key(fill.instrumentId, product), { product, position: next });
  }

  /** Units of an order that add to the position (the rest closes part of it and needs no margin). */
  openingUnits(id: InstrumentId, product: Product, side: OrderSide, quantity: number): number {
    const net = this.position(id, product).netQuantity;
    const closes = (side === 'BUY' && net < 0) || (side === 'SELL' && net > 0);
    return closes ? Math.max(0, quantity - Math.abs(net)) : quantity;
  }

  marginFor(instrument: Tradable, side: OrderSide, units: number, price: number): number {
    if (units <= 0) return 0;
    if (instrument.kind === 'option') return side === 'BUY' ? units * price : units * instrument.strike * this.config.shortOptionMarginRate;
    return units * price * this.config.futuresMarginRate;
  }

  /** Cash left for new positions: starting cash, plus realised P&L, less charges and margin in use. */
  available(instrumentOf: (id: InstrumentId) => Tradable | undefined, blockedByOrders: number): number {
    let used = 0;
    for (const { position } of this.positions.values()) {
      const q = position.netQuantity;
      const instrument = instrumentOf(position.instrumentId);
      if (q !== 0 && instrument) used += this.marginFor(instrument, q > 0 ? 'BUY' : 'SELL', Math.abs(q), position.avgPrice);
    }
    return this.config.cash + this.realized - this.charges - used - blockedByOrders;
  }
}
