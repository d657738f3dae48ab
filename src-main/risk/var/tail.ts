/**
 * Value at risk and expected shortfall of a sample of scenario P&Ls. With the N losses sorted from
 * smallest to largest, VaR at confidence c is the k-th, k = ⌈c·N⌉ (the smallest loss that at most
 * (1 − c)·N scenarios exceed), and ES is the mean of the k-th to the N-th. Both are rupees, a loss
 * positive. The interval is the 95 % distribution-free interval of that quantile from the order
 * statistics (binomial ranks k ± 1.96·√(N·c·(1 − c))): a Monte Carlo VaR is an estimate, not a figure.
 */
export interface TailFigure {
  readonly confidence: number;
  readonly var: number;
  readonly es: number;
  readonly varLow: number;
  readonly varHigh: number;
}

export function tailOf(pnls: ArrayLike<number>, confidence: number): TailFigure {
  const n = pnls.length;
  if (n === 0) throw new RangeError('tailOf needs at least one scenario');
  const losses = Float64Array.from(pnls, (p) => -p).sort();
  const k = Math.min(n, Math.max(1, Math.ceil(confidence * n - 1e-9)));
  let sum = 0;
  for (let i = k - 1; i < n; i++) sum += losses[i]!;
  const half = 1.96 * Math.sqrt(n * confidence * (1 - confidence));
  const lo = Math.max(1, Math.floor(k - half));
  const hi = Math.min(n, Math.ceil(k + half));
  return { confidence, var: losses[k - 1]!, es: sum / (n - k + 1), varLow: losses[lo - 1]!, varHigh: losses[hi - 1]! };
}
