import type { LiquidityZone, OpenGap, OrderBlock, PriceActionState, SwingPoint } from '#indicators/price-action/index';
import { cloneData } from './clone-data.ts';
import { deepFreeze } from './deep-freeze.ts';

/**
 * Frozen copies of the parts of the streams' state that a snapshot lists, made when a part changes rather
 * than on every read: the swings, zones and gaps since a stream began are listed in every snapshot, and
 * copying them all on each read made a long backtest's cost per bar grow with its length.
 * A fresh order block has nothing that changes while it is fresh (its two dates are null), and only fresh
 * ones are listed; an open gap never changes; a zone changes only by taking another level or being swept.
 */
const blockCopies = new WeakMap<OrderBlock, OrderBlock>();
const gapCopies = new WeakMap<OpenGap, OpenGap>();
const zoneCopies = new WeakMap<LiquidityZone, { readonly levels: number; readonly end: number; readonly swept: number | null; readonly copy: LiquidityZone }>();

function blockCopy(b: OrderBlock): OrderBlock {
  let c = blockCopies.get(b);
  if (!c) blockCopies.set(b, (c = Object.freeze({ ...b })));
  return c;
}

function gapCopy(g: OpenGap): OpenGap {
  let c = gapCopies.get(g);
  if (!c) gapCopies.set(g, (c = Object.freeze({ ...g })));
  return c;
}

function zoneCopy(z: LiquidityZone): LiquidityZone {
  const known = zoneCopies.get(z);
  if (known?.levels === z.levels.length && known.end === z.end && known.swept === z.sweptIndex) return known.copy;
  const copy = Object.freeze({ ...z, levels: Object.freeze([...z.levels]) as number[] });
  zoneCopies.set(z, { levels: z.levels.length, end: z.end, swept: z.sweptIndex, copy });
  return copy;
}

/** One price-action stream's snapshots as bots read them: deep-frozen copies, the same data `cloneData` would copy. */
export class PriceActionCopies {
  /** The swings' copy, as of the stream's count and last point (a stream only appends or replaces its last). */
  private swings: { readonly length: number; readonly last: SwingPoint | undefined; readonly copy: readonly SwingPoint[] } | undefined;

  copy(s: PriceActionState): PriceActionState {
    return deepFreeze({
      t: s.t,
      price: s.price,
      structure: cloneData(s.structure),
      freshBlocks: s.freshBlocks.map(blockCopy),
      openGaps: s.openGaps.map(gapCopy),
      liquidity: s.liquidity.map(zoneCopy),
      patterns: cloneData(s.patterns),
      swings: this.swingsOf(s.swings),
    });
  }

  /** Swing points are frozen where the stream makes them, so the copy is of the list only. */
  private swingsOf(swings: readonly SwingPoint[]): readonly SwingPoint[] {
    const last = swings.at(-1);
    if (this.swings?.length !== swings.length || this.swings.last !== last) this.swings = { length: swings.length, last, copy: Object.freeze(swings.slice()) };
    return this.swings.copy;
  }
}
