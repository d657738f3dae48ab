import type { Bar } from '#model/bar';
import { LiveSeries } from './types.ts';
import type { PriceActionEvent, SwingFinalEvent } from './events.ts';
import { SwingStream } from './swing-stream.ts';
import { StructureStream } from './structure-stream.ts';
import { FvgStream } from './fvg-stream.ts';
import { OrderBlockStream } from './order-block-stream.ts';
import { LiquidityStream, type LiquidityOptions } from './liquidity-stream.ts';

export interface PriceActionStreamOptions {
  /** Pivot half-width L: a swing needs L bars after it (default 5, as the smc tests). */
  readonly swingLength: number;
  readonly liquidity: LiquidityOptions;
  /** Reproduce smc's float32 break levels (only to compare with the reference outputs). */
  readonly float32Levels?: boolean;
}

export const DEFAULT_PRICE_ACTION_OPTIONS: PriceActionStreamOptions = {
  swingLength: 5,
  liquidity: { rangePercent: 0.01, window: 500 },
};

/**
 * The live face of the price-action rules: feed closed bars in order, get the events that became
 * knowable at each bar. Forming bars (`closed: false`) are rejected, since every rule here is defined
 * on closed bars and a revised bar would make earlier events depend on a later tick.
 */
export class PriceActionStream {
  readonly series = new LiveSeries();
  readonly swings: SwingStream;
  readonly structure: StructureStream;
  readonly fvg = new FvgStream();
  readonly orderBlocks = new OrderBlockStream();
  readonly liquidity: LiquidityStream;
  readonly events: PriceActionEvent[] = [];

  constructor(opts: PriceActionStreamOptions = DEFAULT_PRICE_ACTION_OPTIONS) {
    this.swings = new SwingStream(opts.swingLength);
    this.structure = new StructureStream({ float32Levels: opts.float32Levels ?? false });
    this.liquidity = new LiquidityStream(opts.liquidity);
  }

  push(bar: Bar): PriceActionEvent[] {
    if (!bar.closed) throw new RangeError('PriceActionStream takes closed bars only');
    const last = this.series.tsStart.at(-1);
    if (last !== undefined && bar.tsStart <= last) throw new RangeError(`bars must be in time order: ${bar.tsStart} after ${last}`);
    const t = this.series.push(bar);
    const swingEvents = this.swings.onBar(this.series, t);
    const finals = swingEvents.filter((e): e is SwingFinalEvent => e.kind === 'swing-final');
    const out: PriceActionEvent[] = [
      ...swingEvents,
      ...this.structure.onBar(this.series, t, this.swings.sequence),
      ...this.orderBlocks.onBar(this.series, t, this.swings.last(1), this.swings.last(-1)),
      ...this.fvg.onBar(this.series, t),
      ...this.liquidity.onBar(this.series, t, finals),
    ];
    this.events.push(...out);
    return out;
  }
}
