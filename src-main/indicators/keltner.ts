import { BarCursor, checkFinite, checkPeriod, type BarInput, type OhlcvColumns } from './indicator.ts';
import { BarIndicator } from './forming.ts';
import { Atr } from './atr.ts';
import { Ema } from './ema.ts';

/**
 * Keltner Channels exactly as TA-Lib's `TA_KC` (2026 main branch, issue #273; defaults 20, 10, 2):
 * middle = EMA(N) of the typical price (H+L+C)/3, bands = middle ± k·ATR(M) with TA-Lib's Wilder ATR.
 * TA_KC's first value is at bar max(N−1, M), where BOTH legs start as TA_EMA and TA_ATR would if called
 * from that bar: the EMA is seeded with the SMA of the N typical prices ending there and the ATR with the
 * mean of the M true ranges ending there (test_kc.c checks the middle against TA_EMA(begIdx, …) and the
 * bands against TA_ATR(begIdx, …) bit for bit). So with the defaults the ATR is not the one a standalone
 * ATR(10) would have at bar 19; the two converge as the seed decays. (Tulip's beta `kc` and the JS
 * libraries use an EMA of the close; trading-signals seeds differently.)
 */
export class Keltner extends BarIndicator {
  readonly outputs = ['middle', 'upper', 'lower'] as const;
  upper = NaN;
  lower = NaN;
  private readonly k: number;
  private readonly ema: Ema;
  private readonly atr: Atr;
  /** The bars (counted from the first) at which the EMA and the ATR legs start. */
  private readonly emaFrom: number;
  private readonly atrFrom: number;

  constructor(period = 20, atrPeriod = 10, k = 2) {
    checkPeriod(period, 'period');
    checkPeriod(atrPeriod, 'atrPeriod');
    checkFinite(k, 'k');
    const lookback = Math.max(period - 1, atrPeriod);
    super(lookback + 1);
    this.k = k;
    this.ema = new Ema(period);
    this.atr = new Atr(atrPeriod);
    this.emaFrom = lookback - (period - 1);
    this.atrFrom = lookback - atrPeriod;
  }

  override output(index: number): number {
    return index === 0 ? this.value : index === 1 ? this.upper : index === 2 ? this.lower : NaN;
  }

  protected compute(bar: BarInput, revise: boolean): number {
    const t = this.n;
    const tp = (bar.high + bar.low + bar.close) / 3;
    const middle = t < this.emaFrom ? NaN : revise ? this.ema.replace(tp) : this.ema.update(tp);
    const atr = t < this.atrFrom ? NaN : revise ? this.atr.replace(bar) : this.atr.update(bar);
    if (Number.isNaN(middle) || Number.isNaN(atr)) {
      this.upper = this.lower = NaN;
      return (this.value = NaN);
    }
    const band = this.k * atr;
    this.upper = middle + band;
    this.lower = middle - band;
    return (this.value = middle);
  }

  protected commit(): void {}

  protected clear(): void {
    this.ema.reset();
    this.atr.reset();
    this.upper = this.lower = NaN;
  }
}

export interface KeltnerSeries {
  readonly middle: Float64Array;
  readonly upper: Float64Array;
  readonly lower: Float64Array;
}

export function keltnerBatch(cols: OhlcvColumns, period = 20, atrPeriod = 10, k = 2): KeltnerSeries {
  const ind = new Keltner(period, atrPeriod, k);
  const bar = new BarCursor();
  const n = cols.close.length;
  const s = { middle: new Float64Array(n), upper: new Float64Array(n), lower: new Float64Array(n) };
  for (let i = 0; i < n; i++) {
    s.middle[i] = ind.update(bar.load(cols, i));
    s.upper[i] = ind.upper;
    s.lower[i] = ind.lower;
  }
  return s;
}
