import { normCdf } from '#options/normal';
import { normInv } from './stats.ts';

/** Euler–Mascheroni constant γ. */
const EULER_GAMMA = 0.5772156649015329;

export interface DeflatedSharpeInput {
  /** Per-period (not annualised) Sharpe ratio of the selected trial. */
  readonly sharpe: number;
  /** Number of independent trials the selection was made from. */
  readonly trials: number;
  /** Variance across trials of their per-period Sharpe ratios. */
  readonly sharpeVariance: number;
  /** Number of returns behind `sharpe`. */
  readonly observations: number;
  /** Skewness γ₃ of the selected trial's returns. */
  readonly skew: number;
  /** Kurtosis γ₄ (not excess) of the selected trial's returns. */
  readonly kurtosis: number;
}

export interface DeflatedSharpe {
  /** SR₀: the Sharpe ratio the best of `trials` skill-less trials is expected to show (per period). */
  readonly expectedMaxSharpe: number;
  /** The z statistic whose normal probability is the DSR. */
  readonly z: number;
  /** Probability that the true Sharpe ratio exceeds SR₀: above 0.95 the selection survives the trial count. */
  readonly dsr: number;
}

/**
 * E[max SR] of N trials with true Sharpe 0 and Sharpe variance V (Bailey & López de Prado 2014, eq. 2,
 * from the False Strategy Theorem): √V·((1−γ)Φ⁻¹(1−1/N) + γΦ⁻¹(1−1/(Ne))). One trial expects 0.
 */
export function expectedMaxSharpe(trials: number, sharpeVariance: number): number {
  if (!Number.isInteger(trials) || trials < 1) throw new RangeError(`trials must be a whole number ≥ 1, got ${trials}`);
  if (trials === 1 || sharpeVariance <= 0) return 0;
  return Math.sqrt(sharpeVariance) * ((1 - EULER_GAMMA) * normInv(1 - 1 / trials) + EULER_GAMMA * normInv(1 - 1 / (trials * Math.E)));
}

/**
 * The deflated Sharpe ratio (Bailey & López de Prado, "The Deflated Sharpe Ratio", J. Portfolio Management
 * 2014, eq. 9): the probabilistic Sharpe ratio of the selected trial against SR₀ instead of 0, which corrects
 * for selection among many trials, a short track record and non-normal returns.
 */
export function deflatedSharpe(input: DeflatedSharpeInput): DeflatedSharpe {
  const { sharpe, observations: t, skew, kurtosis } = input;
  if (t < 2) throw new RangeError(`the deflated Sharpe ratio needs at least two observations, got ${t}`);
  const sr0 = expectedMaxSharpe(input.trials, input.sharpeVariance);
  const spread = 1 - skew * sharpe + ((kurtosis - 1) / 4) * sharpe * sharpe;
  // A very skewed series with a large Sharpe can make the estimator's variance non-positive: it says nothing then.
  if (!(spread > 0)) return { expectedMaxSharpe: sr0, z: Number.NaN, dsr: Number.NaN };
  const z = ((sharpe - sr0) * Math.sqrt(t - 1)) / Math.sqrt(spread);
  return { expectedMaxSharpe: sr0, z, dsr: normCdf(z) };
}
