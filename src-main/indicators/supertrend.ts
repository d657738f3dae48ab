import { BarCursor, checkBar, checkFinite, checkPeriod, type BarInput, type Indicator, type OhlcvColumns } from './indicator.ts';
import { Atr } from './atr.ts';

/**
 * Supertrend with TradingView's `ta.supertrend(factor, atrPeriod)` band rules on hl2 = (H+L)/2:
 * the lower band only rises and the upper band only falls while price stays on their side; the trend
 * flips when the close crosses the active band. `direction` is +1 (up, line = lower band) or −1 (down,
 * line = upper band); the first bar starts down, as Pine does. The ATR is TA-Lib's (first value at bar
 * N from TR[1..N]); Pine's `ta.atr` seeds with TR[0] = H − L, so the first values differ until the seed
 * decays. Defaults 10, 3.
 */
export class Supertrend implements Indicator<BarInput> {
  readonly warmUp: number;
  readonly outputs = ['supertrend', 'direction', 'upper', 'lower'] as const;
  value = NaN;
  direction = NaN;
  upper = NaN;
  lower = NaN;
  private readonly factor: number;
  private readonly atr: Atr;
  private n = 0;
  private pending = false;
  private close = 0;
  private prevClose = 0;
  private prevUpper = NaN;
  private prevLower = NaN;
  private prevDirection = NaN;

  constructor(atrPeriod = 10, factor = 3) {
    checkPeriod(atrPeriod, 'atrPeriod');
    checkFinite(factor, 'factor');
    this.factor = factor;
    this.atr = new Atr(atrPeriod);
    this.warmUp = this.atr.warmUp;
  }

  get isReady(): boolean {
    return this.atr.isReady;
  }

  output(index: number): number {
    switch (index) {
      case 0:
        return this.value;
      case 1:
        return this.direction;
      case 2:
        return this.upper;
      case 3:
        return this.lower;
      default:
        return NaN;
    }
  }

  update(bar: BarInput): number {
    checkBar(bar);
    if (this.pending) {
      this.prevClose = this.close;
      this.prevUpper = this.upper;
      this.prevLower = this.lower;
      this.prevDirection = this.direction;
      this.n++;
    }
    this.pending = true;
    return this.compute(bar, this.atr.update(bar));
  }

  replace(bar: BarInput): number {
    if (!this.pending) return this.update(bar);
    checkBar(bar);
    return this.compute(bar, this.atr.replace(bar));
  }

  reset(): void {
    this.atr.reset();
    this.n = 0;
    this.pending = false;
    this.prevUpper = this.prevLower = this.prevDirection = NaN;
    this.value = this.direction = this.upper = this.lower = NaN;
  }

  private compute(bar: BarInput, atr: number): number {
    this.close = bar.close;
    if (Number.isNaN(atr)) {
      this.direction = this.upper = this.lower = NaN;
      return (this.value = NaN);
    }
    const hl2 = (bar.high + bar.low) / 2;
    let upper = hl2 + this.factor * atr;
    let lower = hl2 - this.factor * atr;
    const pu = this.prevUpper;
    const pl = this.prevLower;
    if (Number.isNaN(this.prevDirection)) {
      this.direction = -1;
    } else {
      if (!(lower > pl || this.prevClose < pl)) lower = pl;
      if (!(upper < pu || this.prevClose > pu)) upper = pu;
      this.direction = this.prevDirection === -1 ? (bar.close > upper ? 1 : -1) : bar.close < lower ? -1 : 1;
    }
    this.upper = upper;
    this.lower = lower;
    return (this.value = this.direction === 1 ? lower : upper);
  }
}

export interface SupertrendSeries {
  readonly supertrend: Float64Array;
  readonly direction: Float64Array;
  readonly upper: Float64Array;
  readonly lower: Float64Array;
}

export function supertrendBatch(cols: OhlcvColumns, atrPeriod = 10, factor = 3): SupertrendSeries {
  const ind = new Supertrend(atrPeriod, factor);
  const bar = new BarCursor();
  const { high, low, close } = cols;
  const n = close.length;
  const s = { supertrend: new Float64Array(n), direction: new Float64Array(n), upper: new Float64Array(n), lower: new Float64Array(n) };
  for (let i = 0; i < n; i++) {
    bar.high = high[i] as number;
    bar.low = low[i] as number;
    bar.close = close[i] as number;
    s.supertrend[i] = ind.update(bar);
    s.direction[i] = ind.direction;
    s.upper[i] = ind.upper;
    s.lower[i] = ind.lower;
  }
  return s;
}
