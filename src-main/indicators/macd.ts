import { checkPeriod } from './indicator.ts';
import { SeriesIndicator } from './forming.ts';
import { Ema } from './ema.ts';
import { Sma } from './sma.ts';

/**
 * MACD with TA-Lib's alignment: both EMAs are SMA-seeded and start together at input slow−1 (the fast
 * one is seeded with the SMA of the `fast` inputs ending there); the signal is an SMA-seeded EMA of the
 * MACD line. All three outputs start at input slow + signal − 2 (33 for 12/26/9), as TA-Lib's do.
 */
export class Macd extends SeriesIndicator {
  readonly outputs = ['macd', 'signal', 'histogram'] as const;
  signal = NaN;
  histogram = NaN;
  private readonly slow: number;
  private readonly k: number;
  private readonly fastSeed: Sma;
  private readonly slowEma: Ema;
  private readonly signalEma: Ema;
  private fast = 0;
  private curFast = 0;

  constructor(fast = 12, slow = 26, signal = 9) {
    checkPeriod(fast, 'fast');
    checkPeriod(slow, 'slow');
    checkPeriod(signal, 'signal');
    if (fast >= slow) throw new RangeError(`fast period (${fast}) must be shorter than slow (${slow})`);
    super(slow + signal - 1);
    this.slow = slow;
    this.k = 2 / (fast + 1);
    this.fastSeed = new Sma(fast);
    this.slowEma = new Ema(slow);
    this.signalEma = new Ema(signal);
  }

  override output(index: number): number {
    return index === 0 ? this.value : index === 1 ? this.signal : index === 2 ? this.histogram : NaN;
  }

  protected commit(): void {
    this.fast = this.curFast;
  }

  protected clear(): void {
    this.fastSeed.reset();
    this.slowEma.reset();
    this.signalEma.reset();
    this.fast = this.curFast = 0;
    this.signal = this.histogram = NaN;
  }

  /** `update` over `xs` into the three outputs, the steady state on local variables: the batch form (see `Ema.fold`). */
  fold(xs: ArrayLike<number>, macdOut: Float64Array, signalOut: Float64Array, histOut: Float64Array): void {
    const step = (i: number): void => {
      macdOut[i] = this.update(xs[i] as number);
      signalOut[i] = this.signal;
      histOut[i] = this.histogram;
    };
    this.drive(xs.length, 0, step, (from, to) => this.run(xs, macdOut, signalOut, histOut, from, to));
  }

  /** The steady-state loop over inputs [from, to); stops at a non-finite input and returns where it stopped. */
  private run(xs: ArrayLike<number>, macdOut: Float64Array, signalOut: Float64Array, histOut: Float64Array, from: number, to: number): number {
    let i = from;
    const kF = this.k;
    const kS = this.slowEma.k;
    const kG = this.signalEma.k;
    let fast = this.fast;
    let curFast = this.curFast;
    let slowBase = this.slowEma.previous;
    let slow = this.slowEma.value;
    let sigBase = this.signalEma.previous;
    let sig = this.signalEma.value;
    let line = this.value;
    let done = 0;
    for (; i < to; i++) {
      const x = xs[i] as number;
      if (x - x !== 0) break;
      slowBase = slow;
      slow = (x - slowBase) * kS + slowBase;
      fast = curFast;
      curFast = (x - fast) * kF + fast;
      line = curFast - slow;
      sigBase = sig;
      sig = (line - sigBase) * kG + sigBase;
      macdOut[i] = line;
      signalOut[i] = sig;
      histOut[i] = line - sig;
      done++;
    }
    this.slowEma.resume(done, slowBase, slow);
    this.signalEma.resume(done, sigBase, sig);
    this.n += done;
    this.fast = fast;
    this.curFast = curFast;
    this.value = line;
    this.signal = sig;
    this.histogram = line - sig;
    return i;
  }

  protected compute(x: number, revise: boolean): number {
    const t = this.n;
    const slowValue = revise ? this.slowEma.replace(x) : this.slowEma.update(x);
    if (t < this.slow) {
      const seed = revise ? this.fastSeed.replace(x) : this.fastSeed.update(x);
      if (t < this.slow - 1) return (this.value = NaN);
      this.curFast = seed;
    } else {
      this.curFast = (x - this.fast) * this.k + this.fast;
    }
    const line = this.curFast - slowValue;
    const sig = revise ? this.signalEma.replace(line) : this.signalEma.update(line);
    if (Number.isNaN(sig)) return (this.value = NaN);
    this.signal = sig;
    this.histogram = line - sig;
    return (this.value = line);
  }
}

export interface MacdSeries {
  readonly macd: Float64Array;
  readonly signal: Float64Array;
  readonly histogram: Float64Array;
}

export function macdBatch(xs: ArrayLike<number>, fast = 12, slow = 26, signal = 9): MacdSeries {
  const n = xs.length;
  const macd = new Float64Array(n);
  const sig = new Float64Array(n);
  const histogram = new Float64Array(n);
  new Macd(fast, slow, signal).fold(xs, macd, sig, histogram);
  return { macd, signal: sig, histogram };
}
