import { checkFinite, checkPeriod } from './indicator.ts';
import { SeriesIndicator } from './forming.ts';
import { StdDev } from './std-dev.ts';

function checkPrice(x: number): void {
  checkFinite(x, 'input');
  if (!(x > 0)) throw new RangeError(`historical volatility needs positive prices, got ${x}`);
}

export interface HistoricalVolatilityOptions {
  /** Bars per year for annualising: 252 for daily bars, 252·375 for NSE 1-minute bars. */
  readonly periodsPerYear?: number;
  /** `log` (default) uses ln(xₜ/xₜ₋₁); `simple` uses xₜ/xₜ₋₁ − 1 (Tulip's `volatility`). */
  readonly returns?: 'log' | 'simple';
  /** `sample` (default, ÷(N−1)) or `population` (÷N, Tulip's `volatility`). */
  readonly deviation?: 'sample' | 'population';
}

/**
 * Close-to-close historical volatility: the standard deviation of the last N returns, annualised by
 * √periodsPerYear, as a fraction (0.16 = 16 %), comparable with an option's implied volatility.
 * Defaults: log returns, sample σ, 252. First value at input N (N returns need N + 1 prices).
 */
export class HistoricalVolatility extends SeriesIndicator {
  readonly outputs = ['hv'] as const;
  private readonly sd: StdDev;
  private readonly scale: number;
  private readonly log: boolean;
  private x = 0;
  private prev = 0;

  constructor(period = 20, options: HistoricalVolatilityOptions = {}) {
    checkPeriod(period, 'period', 2);
    super(period + 1);
    const perYear = options.periodsPerYear ?? 252;
    checkFinite(perYear, 'periodsPerYear');
    const sample = (options.deviation ?? 'sample') === 'sample';
    this.scale = Math.sqrt(perYear * (sample ? period / (period - 1) : 1));
    this.log = (options.returns ?? 'log') === 'log';
    this.sd = new StdDev(period);
  }

  override update(x: number): number {
    checkPrice(x);
    return super.update(x);
  }

  override replace(x: number): number {
    if (this.pending) checkPrice(x);
    return super.replace(x);
  }

  protected commit(): void {
    this.prev = this.x;
  }

  protected clear(): void {
    this.sd.reset();
  }

  protected compute(x: number, revise: boolean): number {
    this.x = x;
    if (this.n === 0) return (this.value = NaN);
    const r = this.log ? Math.log(x / this.prev) : x / this.prev - 1;
    const sigma = revise ? this.sd.replace(r) : this.sd.update(r);
    return (this.value = sigma * this.scale);
  }
}

export function historicalVolatilityBatch(xs: ArrayLike<number>, period = 20, options: HistoricalVolatilityOptions = {}): Float64Array {
  const ind = new HistoricalVolatility(period, options);
  const out = new Float64Array(xs.length);
  for (let i = 0; i < xs.length; i++) out[i] = ind.update(xs[i] as number);
  return out;
}
