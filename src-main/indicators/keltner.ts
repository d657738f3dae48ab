import { BarCursor, checkBar, checkFinite, checkPeriod, type BarInput, type Indicator, type OhlcvColumns } from './indicator.ts';
import { Atr } from './atr.ts';
import { Ema } from './ema.ts';

/**
 * Keltner Channels as TA-Lib's `TA_KC` (2026 main branch; defaults 20, 10, 2): middle = SMA-seeded
 * EMA(N) of the typical price (H+L+C)/3, bands = middle ± k·ATR(M) with TA-Lib's Wilder ATR.
 * (Tulip's beta `kc` and the JS libraries use EMA of the close; trading-signals seeds differently.)
 */
export class Keltner implements Indicator<BarInput> {
  readonly warmUp: number;
  readonly outputs = ['middle', 'upper', 'lower'] as const;
  value = NaN;
  upper = NaN;
  lower = NaN;
  private readonly k: number;
  private readonly ema: Ema;
  private readonly atr: Atr;

  constructor(period = 20, atrPeriod = 10, k = 2) {
    checkPeriod(period, 'period');
    checkPeriod(atrPeriod, 'atrPeriod');
    checkFinite(k, 'k');
    this.k = k;
    this.ema = new Ema(period);
    this.atr = new Atr(atrPeriod);
    this.warmUp = Math.max(period, atrPeriod + 1);
  }

  get isReady(): boolean {
    return this.ema.isReady && this.atr.isReady;
  }

  output(index: number): number {
    return index === 0 ? this.value : index === 1 ? this.upper : index === 2 ? this.lower : NaN;
  }

  update(bar: BarInput): number {
    checkBar(bar);
    return this.compute(this.ema.update((bar.high + bar.low + bar.close) / 3), this.atr.update(bar));
  }

  replace(bar: BarInput): number {
    checkBar(bar);
    return this.compute(this.ema.replace((bar.high + bar.low + bar.close) / 3), this.atr.replace(bar));
  }

  reset(): void {
    this.ema.reset();
    this.atr.reset();
    this.value = this.upper = this.lower = NaN;
  }

  private compute(middle: number, atr: number): number {
    if (Number.isNaN(middle) || Number.isNaN(atr)) {
      this.upper = this.lower = NaN;
      return (this.value = NaN);
    }
    const band = this.k * atr;
    this.upper = middle + band;
    this.lower = middle - band;
    return (this.value = middle);
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
  const { high, low, close } = cols;
  const n = close.length;
  const s = { middle: new Float64Array(n), upper: new Float64Array(n), lower: new Float64Array(n) };
  for (let i = 0; i < n; i++) {
    bar.high = high[i] as number;
    bar.low = low[i] as number;
    bar.close = close[i] as number;
    s.middle[i] = ind.update(bar);
    s.upper[i] = ind.upper;
    s.lower[i] = ind.lower;
  }
  return s;
}
