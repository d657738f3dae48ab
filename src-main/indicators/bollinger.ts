import { checkFinite, checkPeriod, type Indicator } from './indicator.ts';
import { StdDev } from './std-dev.ts';

/**
 * Bollinger Bands, TA-Lib `BBANDS(N, k, k, SMA)`: SMA(N) ± k·σ with the population σ (÷N; all four
 * reference libraries agree). Also bandwidth = (upper − lower)/middle (Bollinger's definition, a
 * fraction) and %B = (x − lower)/(upper − lower). With σ = 0 (a flat window) %B is undefined; we report
 * 0.5, the midpoint.
 */
export class Bollinger implements Indicator<number> {
  readonly warmUp: number;
  readonly outputs = ['middle', 'upper', 'lower', 'bandwidth', 'percentB'] as const;
  value = NaN;
  upper = NaN;
  lower = NaN;
  bandwidth = NaN;
  percentB = NaN;
  private readonly k: number;
  private readonly sd: StdDev;

  constructor(period = 20, k = 2) {
    checkPeriod(period, 'period');
    checkFinite(k, 'k');
    this.k = k;
    this.sd = new StdDev(period);
    this.warmUp = period;
  }

  get isReady(): boolean {
    return this.sd.isReady;
  }

  output(index: number): number {
    switch (index) {
      case 0:
        return this.value;
      case 1:
        return this.upper;
      case 2:
        return this.lower;
      case 3:
        return this.bandwidth;
      case 4:
        return this.percentB;
      default:
        return NaN;
    }
  }

  update(x: number): number {
    return this.compute(x, this.sd.update(x));
  }

  replace(x: number): number {
    return this.compute(x, this.sd.replace(x));
  }

  reset(): void {
    this.sd.reset();
    this.value = this.upper = this.lower = this.bandwidth = this.percentB = NaN;
  }

  /**
   * `update` over `xs` into the five outputs: the batch form. σ is folded by `StdDev.fold` (into `upper`
   * as scratch), then the bands are formed per bar with the same arithmetic as `update`.
   */
  fold(xs: ArrayLike<number>, s: BollingerSeries): void {
    const { middle, upper, lower, bandwidth, percentB } = s;
    this.sd.fold(xs, upper, middle);
    const k = this.k;
    for (let i = 0; i < xs.length; i++) {
      const sigma = upper[i] as number;
      if (Number.isNaN(sigma)) {
        lower[i] = bandwidth[i] = percentB[i] = NaN;
        continue;
      }
      const m = middle[i] as number;
      const dev = k * sigma;
      const u = m + dev;
      const l = m - dev;
      const width = u - l;
      upper[i] = u;
      lower[i] = l;
      bandwidth[i] = m !== 0 ? width / m : 0;
      percentB[i] = width !== 0 ? ((xs[i] as number) - l) / width : 0.5;
    }
    const last = xs.length - 1;
    if (last >= 0 && !Number.isNaN(upper[last] as number)) {
      this.value = middle[last] as number;
      this.upper = upper[last] as number;
      this.lower = lower[last] as number;
      this.bandwidth = bandwidth[last] as number;
      this.percentB = percentB[last] as number;
    }
  }

  private compute(x: number, sigma: number): number {
    if (Number.isNaN(sigma)) return (this.value = NaN);
    const middle = this.sd.mean;
    const dev = this.k * sigma;
    const upper = middle + dev;
    const lower = middle - dev;
    const width = upper - lower;
    this.upper = upper;
    this.lower = lower;
    this.bandwidth = middle !== 0 ? width / middle : 0;
    this.percentB = width !== 0 ? (x - lower) / width : 0.5;
    return (this.value = middle);
  }
}

export interface BollingerSeries {
  readonly middle: Float64Array;
  readonly upper: Float64Array;
  readonly lower: Float64Array;
  readonly bandwidth: Float64Array;
  readonly percentB: Float64Array;
}

export function bollingerBatch(xs: ArrayLike<number>, period = 20, k = 2): BollingerSeries {
  const n = xs.length;
  const s = {
    middle: new Float64Array(n),
    upper: new Float64Array(n),
    lower: new Float64Array(n),
    bandwidth: new Float64Array(n),
    percentB: new Float64Array(n),
  };
  new Bollinger(period, k).fold(xs, s);
  return s;
}
