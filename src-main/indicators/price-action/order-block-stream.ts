import type { LiveSeries } from './types.ts';
import type { OrderBlockEvent } from './events.ts';
import type { SwingPoint } from './structure-rule.ts';
import { OrderBlockTracker, type OrderBlock, type OrderBlockChange } from './order-block-tracker.ts';

const KIND = { formed: 'order-block', mitigated: 'order-block-mitigated', invalidated: 'breaker-invalidated' } as const;

/**
 * Causal order blocks: the batch rules run bar by bar against the swings known at that bar. A block is
 * known at its trigger bar, its mitigation (breaker) at the bar that trades through it (bar t on both
 * sides, where smc writes t-1 for bullish blocks), its invalidation at the bar that clears the breaker.
 */
export class OrderBlockStream {
  private readonly tracker = new OrderBlockTracker();

  onBar(series: LiveSeries, t: number, lastHigh: SwingPoint | null, lastLow: SwingPoint | null): OrderBlockEvent[] {
    return this.tracker.onBar(series, t, lastHigh, lastLow).map((c) => this.toEvent(series, c, t));
  }

  /** Blocks that are neither mitigated nor invalidated. */
  fresh(): OrderBlock[] {
    return this.tracker.blocks.filter((b) => b.mitigatedAt === null && b.invalidatedAt === null);
  }

  /** Mitigated blocks still standing as breakers (support flipped to resistance and back). */
  breakers(): OrderBlock[] {
    return this.tracker.blocks.filter((b) => b.mitigatedAt !== null && b.invalidatedAt === null);
  }

  private toEvent(series: LiveSeries, c: OrderBlockChange, t: number): OrderBlockEvent {
    const b = c.block;
    return {
      ...series.stamp(b.index, t),
      kind: KIND[c.kind],
      side: b.side,
      top: b.top,
      bottom: b.bottom,
      triggerIndex: b.triggerIndex,
      swingIndex: b.swingIndex,
    };
  }
}
