import { BarCursor, checkPeriod, type BarInput, type OhlcvColumns } from './indicator.ts';
import { BarIndicator } from './forming.ts';
import { Sma } from './sma.ts';

/** Simple moving average of bar volume (TA-Lib `SMA` over the volume column). */
export class VolumeMa extends BarIndicator {
  readonly outputs = ['volumeMa'] as const;
  private readonly period: number;
  private readonly sma: Sma;

  constructor(period = 20) {
    checkPeriod(period, 'period');
    super(period, 'cv');
    this.period = period;
    this.sma = new Sma(period);
  }

  protected compute(bar: BarInput, revise: boolean): number {
    return (this.value = revise ? this.sma.replace(bar.volume) : this.sma.update(bar.volume));
  }

  protected commit(): void {}

  protected clear(): void {
    this.sma.reset();
  }

  /** `update` for each bar of `cols` into `out`: the batch form, leaving the indicator where the updates would. */
  fold(cols: OhlcvColumns, out: Float64Array): void {
    const bar = new BarCursor();
    const volume = cols.volume ?? new Float64Array(cols.close.length);
    this.drive(cols.close.length, this.period, (i) => (out[i] = this.update(bar.load(cols, i))), (from, to) => this.run(cols, volume, out, from, to));
  }

  /** The SMA of the volume column over [from, to), the close and volume of each bar checked as `update` does. */
  private run(cols: OhlcvColumns, volume: ArrayLike<number>, out: Float64Array, from: number, to: number): number {
    const { close } = cols;
    const p = this.period;
    let { base, cur } = this.sma.sums;
    let i = from;
    for (; i < to; i++) {
      const c = close[i] as number;
      const v = volume[i] as number;
      if (c - c + (v - v) !== 0) break;
      base = cur - (volume[i - p] as number);
      cur = base + v;
      out[i] = cur / p;
    }
    if (i === from) return i;
    this.n += i - from;
    this.sma.resume(volume, i, i - from, base, cur);
    this.value = this.sma.value;
    return i;
  }
}

export function volumeMaBatch(cols: OhlcvColumns, period = 20): Float64Array {
  const out = new Float64Array(cols.close.length);
  new VolumeMa(period).fold(cols, out);
  return out;
}
