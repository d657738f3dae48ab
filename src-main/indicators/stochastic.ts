import { BarCursor, checkPeriod, firstBadBar, type BarInput, type OhlcvColumns } from './indicator.ts';
import { BarIndicator } from './forming.ts';
import { EXTREMES_CHUNK, ExtremesScratch, RollingMax, windowLevels } from './rolling-max.ts';
import { Sma } from './sma.ts';

/** Raw %K as TA-Lib computes it, `(C − LL) / ((HH − LL)/100)`; 50, the midpoint, when HH = LL. */
export function rawK(hh: number, ll: number, close: number): number {
  const diff = (hh - ll) / 100;
  return diff !== 0 ? (close - ll) / diff : 50;
}

/**
 * Raw %K of the last `period` bars (current included). When HH = LL it is undefined; we report 50, the
 * midpoint (TA-Lib, Tulip and the JS libraries report 0; market.md §1.4). The rolling high and low shared
 * by the slow and fast stochastic and Williams %R: their streaming state here; their batch loops scan the
 * columns (`windowLevels`) and hand the window back with `fill`.
 */
export class RawK {
  readonly period: number;
  private readonly highs: RollingMax;
  private readonly negLows: RollingMax;
  /** The window's high and low with the forming bar. */
  hh = NaN;
  ll = NaN;
  private h = 0;
  private l = 0;

  constructor(period: number) {
    this.period = period;
    this.highs = new RollingMax(period - 1);
    this.negLows = new RollingMax(period - 1);
  }

  /** %K with the forming bar (`high`, `low`, `close`) on top of the committed ones. */
  compute(high: number, low: number, close: number): number {
    this.h = high;
    this.l = low;
    this.hh = Math.max(this.highs.max, high);
    this.ll = -Math.max(this.negLows.max, -low);
    return rawK(this.hh, this.ll, close);
  }

  commit(): void {
    this.highs.push(this.h);
    this.negLows.push(-this.l);
  }

  clear(): void {
    this.highs.clear();
    this.negLows.clear();
  }

  /** The state after bars up to `end` of the columns, the last one forming. */
  fill(high: ArrayLike<number>, low: ArrayLike<number>, end: number): void {
    this.highs.fill(high, end - this.period, end - 1, 1);
    this.negLows.fill(low, end - this.period, end - 1, -1);
    this.h = high[end - 1] as number;
    this.l = low[end - 1] as number;
  }
}

/**
 * Slow stochastic, TA-Lib `STOCH(fastK, slowK SMA, slowD SMA)` (defaults 5, 3, 3 as TA-Lib's C API; Tulip
 * and trading-signals agree): %K = SMA(slowK) of raw %K, %D = SMA(slowD) of %K. Both start together at
 * bar fastK + slowK + slowD − 3. With slowK 1 %K is raw %K itself: the fast stochastic (`StochasticFast`).
 */
export class Stochastic extends BarIndicator {
  readonly outputs = ['k', 'd'] as const;
  d = NaN;
  private readonly raw: RawK;
  /** Absent when slowK is 1: an SMA of one value would only add its rounding. */
  private readonly smoothK: Sma | undefined;
  private readonly smoothD: Sma;
  private readonly slowK: number;
  private readonly slowD: number;

  constructor(fastK = 5, slowK = 3, slowD = 3) {
    checkPeriod(fastK, 'fastK');
    checkPeriod(slowK, 'slowK');
    checkPeriod(slowD, 'slowD');
    super(fastK + slowK + slowD - 2, 'hlc');
    this.raw = new RawK(fastK);
    this.smoothK = slowK === 1 ? undefined : new Sma(slowK);
    this.smoothD = new Sma(slowD);
    this.slowK = slowK;
    this.slowD = slowD;
  }

  override output(index: number): number {
    return index === 0 ? this.value : index === 1 ? this.d : NaN;
  }

  protected compute(bar: BarInput, revise: boolean): number {
    const raw = this.raw.compute(bar.high, bar.low, bar.close);
    if (this.n < this.raw.period - 1) return (this.value = NaN);
    const smoothK = this.smoothK;
    const k = smoothK === undefined ? raw : revise ? smoothK.replace(raw) : smoothK.update(raw);
    if (Number.isNaN(k)) return (this.value = NaN);
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
    this.smoothK?.reset();
    this.smoothD.reset();
    this.d = NaN;
  }

  /** `update` for each bar of `cols` into %K and %D: the batch form, leaving the indicator where the updates would. */
  fold(cols: OhlcvColumns, kOut: Float64Array, dOut: Float64Array): void {
    const bar = new BarCursor();
    // The %K average reads back `back` raw values before a chunk: the chunk recomputes them from the columns.
    const back = this.smoothK === undefined ? 0 : this.slowK;
    const ext = new ExtremesScratch(EXTREMES_CHUNK + back, this.raw.period);
    const raw = new Float64Array(EXTREMES_CHUNK + back);
    const step = (i: number): void => {
      kOut[i] = this.update(bar.load(cols, i));
      dOut[i] = this.d;
    };
    // %D reads back slowD outputs of %K, which are NaN until %D is defined (warmUp − 1).
    const start = this.warmUp - 1 + this.slowD;
    this.drive(cols.close.length, start, step, (from, to) => this.run(cols, ext, raw, kOut, dOut, from, to), EXTREMES_CHUNK);
  }

  /** Raw %K, then each average, as a loop of its own over the chunk. */
  private run(cols: OhlcvColumns, ext: ExtremesScratch, raw: Float64Array, kOut: Float64Array, dOut: Float64Array, from: number, to: number): number {
    const { high, low, close } = cols;
    const smoothK = this.smoothK;
    const back = smoothK === undefined ? 0 : this.slowK;
    const span = this.raw.period;
    // raw[q] is bar from − back + q; without a %K average, raw %K goes straight to kOut. A non-finite high,
    // low or close leaves a sum of them non-finite; only then are the bars searched for it. The values
    // before it stand: their windows end before it.
    const inputs =
      windowLevels(high, low, span, from - back, to, ext) +
      (smoothK === undefined ? rawKs(ext, span, close, from, to, kOut, 0) : rawKs(ext, span, close, from - back, to, raw, back - from));
    const end = inputs - inputs !== 0 ? firstBadBar(cols, 'hlc', from, to) : to;
    if (end === from) return end;
    smoothK?.steady(raw, back, back + end - from, kOut, from - back);
    this.smoothD.steady(kOut, from, end, dOut, 0);
    this.n += end - from;
    this.raw.fill(high, low, end);
    this.value = kOut[end - 1] as number;
    this.d = dOut[end - 1] as number;
    return end;
  }
}

/**
 * Raw %K of bars [from, to) into `out[i + shift]`, from their windows' last levels (`windowLevels` from
 * `from`); returns the sum of their closes.
 */
function rawKs(ext: ExtremesScratch, span: number, close: ArrayLike<number>, from: number, to: number, out: Float64Array, shift: number): number {
  const { highs, lows, gap } = ext;
  let sum = 0;
  for (let i = from, j = span - 1; i < to; i++, j++) {
    const c = close[i] as number;
    sum += c;
    const hh = highs[j - gap * +((highs[j - gap] as number) > (highs[j] as number))] as number;
    const ll = lows[j - gap * +((lows[j - gap] as number) < (lows[j] as number))] as number;
    out[i + shift] = rawK(hh, ll, c);
  }
  return sum;
}

export interface StochasticSeries {
  readonly k: Float64Array;
  readonly d: Float64Array;
}

export function stochasticBatch(cols: OhlcvColumns, fastK = 5, slowK = 3, slowD = 3): StochasticSeries {
  const n = cols.close.length;
  const s = { k: new Float64Array(n), d: new Float64Array(n) };
  new Stochastic(fastK, slowK, slowD).fold(cols, s.k, s.d);
  return s;
}
