/** Linear scales and round tick values for the payoff chart: pure, so they are tested apart from the canvas. */
export interface PayoffPointLike {
  readonly spot: number;
  readonly atExpiry: number;
  readonly now: number;
}

export interface PayoffScales {
  x(spot: number): number;
  y(pnl: number): number;
  readonly spotTicks: readonly number[];
  readonly pnlTicks: readonly number[];
  readonly pnlMin: number;
  readonly pnlMax: number;
}

/** About `count` round values (1, 2, 2.5, 5 × 10ⁿ) covering [lo, hi]. */
export function niceTicks(lo: number, hi: number, count: number): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / Math.max(1, count);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(Math.abs(v) < step * 1e-9 ? 0 : v);
  return out;
}

export function payoffScales(points: readonly PayoffPointLike[], box: { left: number; top: number; width: number; height: number }): PayoffScales {
  const s0 = points[0]?.spot ?? 0;
  const s1 = points.at(-1)?.spot ?? 1;
  let lo = 0;
  let hi = 0;
  for (const p of points) {
    lo = Math.min(lo, p.atExpiry, p.now);
    hi = Math.max(hi, p.atExpiry, p.now);
  }
  const pad = (hi - lo) * 0.08 || 1;
  lo -= pad;
  hi += pad;
  const x = (s: number) => box.left + ((s - s0) / (s1 - s0 || 1)) * box.width;
  const y = (v: number) => box.top + ((hi - v) / (hi - lo)) * box.height;
  return { x, y, spotTicks: niceTicks(s0, s1, 6), pnlTicks: niceTicks(lo, hi, 5), pnlMin: lo, pnlMax: hi };
}
