import { BarCursor, checkPeriod, finite4, FOLD_CHUNK, type BarInput, type OhlcvColumns } from './indicator.ts';
import { BarIndicator } from './forming.ts';
import { ExtremesScratch, windowExtremes } from './rolling-max.ts';
import { Sma } from './sma.ts';
import { RawK, rawK, type StochasticSeries } from './stochastic.ts';

/**
 * Fast stochastic, TA-Lib `STOCHF(fastK, fastD SMA)` (defaults 5, 3): %K is the raw %K, %D its SMA.
 * Both start together at bar fastK + fastD − 2, as TA-Lib's do. (technicalindicators' `Stochastic` is
 * this one: its `k` is raw %K.)
 */
export class StochasticFast extends BarIndicator {
  readonly outputs = ['k', 'd'] as const;
  d = NaN;
  private readonly raw: RawK;
  private readonly smoothD: Sma;

  constructor(fastK = 5, fastD = 3) {
    checkPeriod(fastK, 'fastK');
    checkPeriod(fastD, 'fastD');
    super(fastK + fastD - 1);
    this.raw = new RawK(fastK);
    this.smoothD = new Sma(fastD);
  }

  override output(index: number): number {
    return index === 0 ? this.value : index === 1 ? this.d : NaN;
  }

  protected compute(bar: BarInput, revise: boolean): number {
    const k = this.raw.compute(bar.high, bar.low, bar.close);
    if (this.n < this.raw.period - 1) return (this.value = NaN);
    const d = revise ? this.smoothD.replace(k) : this.smoothD.update(k);
    if (Number.isNaN(d)) return (this.value = NaN);
    this.d = d;
    return (this.value = k);
  }

  protected commit(): void {
    this.raw.commit();
  }

  protected clear(): void {
    this.raw.clear();
    this.smoothD.reset();
    this.d = NaN;
  }

  /** `update` for each bar of `cols` into %K and %D: the batch form, leaving the indicator where the updates would. */
  fold(cols: OhlcvColumns, kOut: Float64Array, dOut: Float64Array): void {
    const bar = new BarCursor();
    const ext = new ExtremesScratch(FOLD_CHUNK, this.raw.period);
    const step = (i: number): void => {
      kOut[i] = this.update(bar.load(cols, i));
      dOut[i] = this.d;
    };
    this.drive(cols.close.length, this.raw.period, step, (from, to) => this.run(cols, ext, kOut, dOut, from, to));
  }

  private run(cols: OhlcvColumns, ext: ExtremesScratch, kOut: Float64Array, dOut: Float64Array, from: number, to: number): number {
    const { high, low, close } = cols;
    const volume = cols.volume ?? close;
    const smoothD = this.smoothD;
    windowExtremes(high, low, this.raw.period, from, to, ext);
    const { hh, ll } = ext;
    let i = from;
    for (; i < to; i++) {
      const c = close[i] as number;
      if (!finite4(high[i] as number, low[i] as number, c, volume[i] as number)) break;
      const k = rawK(hh[i - from] as number, ll[i - from] as number, c);
      kOut[i] = k;
      dOut[i] = smoothD.next(k);
    }
    if (i === from) return i;
    this.n += i - from;
    this.raw.fill(high, low, i);
    this.value = kOut[i - 1] as number;
    this.d = dOut[i - 1] as number;
    return i;
  }
}

export function stochasticFastBatch(cols: OhlcvColumns, fastK = 5, fastD = 3): StochasticSeries {
  const n = cols.close.length;
  const s = { k: new Float64Array(n), d: new Float64Array(n) };
  new StochasticFast(fastK, fastD).fold(cols, s.k, s.d);
  return s;
}
