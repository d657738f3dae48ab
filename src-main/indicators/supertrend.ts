import { BarCursor, checkFinite, checkPeriod, type BarInput, type OhlcvColumns } from './indicator.ts';
import { BarIndicator } from './forming.ts';
import { Atr } from './atr.ts';

/**
 * Supertrend with TradingView's `ta.supertrend(factor, atrPeriod)` band rules on hl2 = (H+L)/2:
 * the lower band only rises and the upper band only falls while price stays on their side; the trend
 * flips when the close crosses the active band. `direction` is +1 (up, line = lower band) or −1 (down,
 * line = upper band); the first bar starts down, as Pine does. The ATR is TA-Lib's (first value at bar
 * N from TR[1..N]); Pine's `ta.atr` seeds with TR[0] = H − L, so the first values differ until the seed
 * decays. Defaults 10, 3.
 */
export class Supertrend extends BarIndicator {
  readonly outputs = ['supertrend', 'direction', 'upper', 'lower'] as const;
  direction = NaN;
  upper = NaN;
  lower = NaN;
  private readonly factor: number;
  private readonly atr: Atr;
  private close = 0;
  private prevClose = 0;
  private prevUpper = NaN;
  private prevLower = NaN;
  private prevDirection = NaN;

  constructor(atrPeriod = 10, factor = 3) {
    checkPeriod(atrPeriod, 'atrPeriod');
    checkFinite(factor, 'factor');
    const atr = new Atr(atrPeriod);
    super(atr.warmUp);
    this.factor = factor;
    this.atr = atr;
  }

  override output(index: number): number {
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

  protected commit(): void {
    this.prevClose = this.close;
    this.prevUpper = this.upper;
    this.prevLower = this.lower;
    this.prevDirection = this.direction;
  }

  protected clear(): void {
    this.atr.reset();
    this.prevUpper = this.prevLower = this.prevDirection = NaN;
    this.direction = this.upper = this.lower = NaN;
  }

  protected compute(bar: BarInput, revise: boolean): number {
    const atr = revise ? this.atr.replace(bar) : this.atr.update(bar);
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
  const n = cols.close.length;
  const s = { supertrend: new Float64Array(n), direction: new Float64Array(n), upper: new Float64Array(n), lower: new Float64Array(n) };
  for (let i = 0; i < n; i++) {
    s.supertrend[i] = ind.update(bar.load(cols, i));
    s.direction[i] = ind.direction;
    s.upper[i] = ind.upper;
    s.lower[i] = ind.lower;
  }
  return s;
}
