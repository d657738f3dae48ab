/** Sample statistics used by the calibration check. Plain loops over number arrays: no dependencies. */

export function mean(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return xs.length > 0 ? s / xs.length : Number.NaN;
}

export function std(xs: readonly number[]): number {
  const m = mean(xs);
  let s = 0;
  for (const x of xs) s += (x - m) ** 2;
  return Math.sqrt(s / (xs.length - 1));
}

/** Excess kurtosis (0 for a normal distribution), population moments. */
export function excessKurtosis(xs: readonly number[]): number {
  const m = mean(xs);
  let m2 = 0;
  let m4 = 0;
  for (const x of xs) {
    const d = (x - m) ** 2;
    m2 += d;
    m4 += d * d;
  }
  m2 /= xs.length;
  m4 /= xs.length;
  return m4 / (m2 * m2) - 3;
}

export function skewness(xs: readonly number[]): number {
  const m = mean(xs);
  let m2 = 0;
  let m3 = 0;
  for (const x of xs) {
    m2 += (x - m) ** 2;
    m3 += (x - m) ** 3;
  }
  m2 /= xs.length;
  m3 /= xs.length;
  return m3 / m2 ** 1.5;
}

export function correlation(xs: readonly number[], ys: readonly number[]): number {
  const n = Math.min(xs.length, ys.length);
  const mx = mean(xs.slice(0, n));
  const my = mean(ys.slice(0, n));
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = xs[i]! - mx;
    const dy = ys[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxy / Math.sqrt(sxx * syy);
}

/** Lag-`lag` autocorrelation. */
export function autocorrelation(xs: readonly number[], lag = 1): number {
  return correlation(xs.slice(0, xs.length - lag), xs.slice(lag));
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Standard deviation of the `window` values ending at each index (NaN until the window is full). */
export function rollingStd(xs: readonly number[], window: number): number[] {
  return xs.map((_, i) => (i + 1 < window ? Number.NaN : std(xs.slice(i + 1 - window, i + 1))));
}
