import type { Ohlc } from './types.ts';
import type { SwingPoint } from './structure-rule.ts';

export interface OrderBlock {
  readonly side: 1 | -1;
  /** The OB candle. */
  readonly index: number;
  /** The bar whose close broke the swing and created the block. */
  readonly triggerIndex: number;
  readonly swingIndex: number;
  readonly top: number;
  readonly bottom: number;
  readonly volume: number;
  readonly percentage: number;
  /** The bar that traded through the far side (the block turned breaker), or null. */
  mitigatedAt: number | null;
  /** The bar that invalidated the breaker (traded through the other side), or null. */
  invalidatedAt: number | null;
}

export type OrderBlockChange =
  | { readonly kind: 'formed'; readonly block: OrderBlock }
  | { readonly kind: 'mitigated'; readonly block: OrderBlock }
  | { readonly kind: 'invalidated'; readonly block: OrderBlock };

/**
 * smc's order-block rules, bar by bar (close_mitigation=False). Bullish: the first close above the last
 * swing high (each swing triggers once) makes the lowest-low candle strictly between swing and trigger
 * bar the block (the later one on ties). A low below its bottom turns it into a breaker; a breaker
 * whose top is later exceeded is invalidated. Bearish mirrors it. The caller supplies the last swing of
 * each side known at bar i with index < i: final swings in the batch port, causal ones in the stream.
 */
export class OrderBlockTracker {
  readonly blocks: OrderBlock[] = [];
  private readonly active: { 1: OrderBlock[]; [-1]: OrderBlock[] } = { 1: [], [-1]: [] };
  private readonly crossed = new Set<string>();

  onBar(o: Ohlc, i: number, lastHigh: SwingPoint | null, lastLow: SwingPoint | null): OrderBlockChange[] {
    const changes: OrderBlockChange[] = [];
    for (const side of [1, -1] as const) {
      this.update(o, i, side, changes);
      const swing = side === 1 ? lastHigh : lastLow;
      if (swing !== null && swing.index < i) this.detect(o, i, side, swing, changes);
    }
    return changes;
  }

  private update(o: Ohlc, i: number, side: 1 | -1, changes: OrderBlockChange[]): void {
    const high = o.high[i] as number;
    const low = o.low[i] as number;
    const list = this.active[side];
    for (let k = list.length - 1; k >= 0; k--) {
      const b = list[k] as OrderBlock;
      if (b.mitigatedAt !== null) {
        if (side === 1 ? high > b.top : low < b.bottom) {
          b.invalidatedAt = i;
          list.splice(k, 1);
          changes.push({ kind: 'invalidated', block: b });
        }
      } else if (side === 1 ? low < b.bottom : high > b.top) {
        b.mitigatedAt = i;
        changes.push({ kind: 'mitigated', block: b });
      }
    }
  }

  private detect(o: Ohlc, i: number, side: 1 | -1, swing: SwingPoint, changes: OrderBlockChange[]): void {
    const key = `${side}:${swing.index}`;
    const close = o.close[i] as number;
    if (this.crossed.has(key) || !(side === 1 ? close > swing.level : close < swing.level)) return;
    this.crossed.add(key);
    // smc's default when no candle lies between swing and trigger: bar i-1 with top and bottom swapped
    // on the bullish side (a smc quirk, reachable only from the forced swing at bar 0).
    let index = i - 1;
    let top = side === 1 ? (o.low[i - 1] as number) : (o.high[i - 1] as number);
    let bottom = side === 1 ? (o.high[i - 1] as number) : (o.low[i - 1] as number);
    for (let j = swing.index + 1; j < i; j++) {
      const h = o.high[j] as number;
      const l = o.low[j] as number;
      if (side === 1 ? l <= bottom : h >= top) {
        index = j;
        top = h;
        bottom = l;
      }
    }
    const v = (k: number): number => (o.volume[(k + o.length) % o.length] as number) || 0;
    const recent = v(i) + v(i - 1);
    const older = v(i - 2);
    const hi = Math.max(recent, older);
    const block: OrderBlock = {
      side,
      index,
      triggerIndex: i,
      swingIndex: swing.index,
      top,
      bottom,
      volume: recent + older,
      percentage: hi === 0 ? 100 : (Math.min(recent, older) / hi) * 100,
      mitigatedAt: null,
      invalidatedAt: null,
    };
    this.blocks.push(block);
    this.active[side].push(block);
    changes.push({ kind: 'formed', block });
  }
}
