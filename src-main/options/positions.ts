import type { OptionRight } from '#model/instrument';
import { bsm, DAYS_PER_YEAR, type DayBasis } from './black.ts';
import { yearsToExpiry } from './expiry.ts';

/**
 * A structure's legs valued off spot with BSM (F = S·e^{(r−q)T}), so legs of different expiries share
 * one underlying move. Greeks are position Greeks: per-unit display Greeks × signed quantity.
 *
 * Time basis (`MarketState.basis`, default calendar): T is measured in that basis, the legs' IVs are
 * quoted in it, and theta is per day of it. Calendar: T = minutes to expiry ÷ 525,600, theta per calendar
 * day = Θ/365. Trading (Sensibull): T = trading days left ÷ 252, theta per trading day = Θ/252. Dividing
 * a calendar-time Θ by 252 would be neither: the decay of 1/252 of a calendar year (≈ 1.45 days).
 */
export interface Leg {
  readonly id: string;
  readonly strategy?: string;
  readonly kind: 'option' | 'future';
  readonly right?: OptionRight;
  readonly strike?: number;
  /** Expiry instant, epoch ms. */
  readonly expiry: number;
  /** Signed units (lots × lot size): positive long, negative short. */
  readonly quantity: number;
  readonly entryPrice: number;
  /** Decimal IV used to value the leg before its expiry. */
  readonly iv: number;
}

/** The rates and time basis a valuation uses. */
export interface Valuation {
  readonly r: number;
  readonly q: number;
  /** How T is measured and IV quoted; theta is per day of this basis. Default calendar. */
  readonly basis?: DayBasis;
}

export interface MarketState extends Valuation {
  readonly spot: number;
  readonly now: number;
}

export interface PositionGreeks {
  readonly value: number;
  readonly pnl: number;
  readonly delta: number;
  readonly gamma: number;
  /** Rupees per vol point. */
  readonly vega: number;
  /** Rupees per day of the valuation's basis (calendar or trading day). */
  readonly theta: number;
  readonly rho: number;
}

function legUnit(leg: Leg, spot: number, at: number, v: Valuation, ivShift = 0) {
  const { r, q } = v;
  const T = at >= leg.expiry ? 0 : yearsToExpiry(at, leg.expiry, v.basis ?? 'calendar');
  if (leg.kind === 'future') {
    const growth = Math.exp((r - q) * T);
    return { price: spot * growth, delta: growth, gamma: 0, vega: 0, theta: -(r - q) * spot * growth, rho: T * spot * growth };
  }
  if (leg.right === undefined || leg.strike === undefined) throw new Error(`option leg ${leg.id} needs right and strike`);
  return bsm(leg.right, spot, leg.strike, T, r, q, Math.max(leg.iv + ivShift, 1e-4));
}

export function legGreeks(leg: Leg, m: MarketState): PositionGreeks {
  const g = legUnit(leg, m.spot, m.now, m);
  const n = leg.quantity;
  return {
    value: g.price * n,
    pnl: (g.price - leg.entryPrice) * n,
    delta: g.delta * n,
    gamma: g.gamma * n,
    vega: g.vega * 0.01 * n,
    theta: (g.theta / DAYS_PER_YEAR[m.basis ?? 'calendar']) * n,
    rho: g.rho * 0.01 * n,
  };
}

const ZERO: PositionGreeks = { value: 0, pnl: 0, delta: 0, gamma: 0, vega: 0, theta: 0, rho: 0 };
function add(a: PositionGreeks, b: PositionGreeks): PositionGreeks {
  return { value: a.value + b.value, pnl: a.pnl + b.pnl, delta: a.delta + b.delta, gamma: a.gamma + b.gamma, vega: a.vega + b.vega, theta: a.theta + b.theta, rho: a.rho + b.rho };
}

export interface PortfolioGreeks {
  readonly perLeg: ReadonlyMap<string, PositionGreeks>;
  readonly perStrategy: ReadonlyMap<string, PositionGreeks>;
  readonly total: PositionGreeks;
}

export function portfolioGreeks(legs: readonly Leg[], m: MarketState): PortfolioGreeks {
  const perLeg = new Map<string, PositionGreeks>();
  const perStrategy = new Map<string, PositionGreeks>();
  let total = ZERO;
  for (const leg of legs) {
    const g = legGreeks(leg, m);
    perLeg.set(leg.id, g);
    const key = leg.strategy ?? '';
    perStrategy.set(key, add(perStrategy.get(key) ?? ZERO, g));
    total = add(total, g);
  }
  return { perLeg, perStrategy, total };
}

/** P&L against entry of the whole structure at spot S and instant `at` (legs past expiry at intrinsic). */
export function structurePnl(legs: readonly Leg[], S: number, at: number, v: Valuation, ivShift = 0): number {
  let pnl = 0;
  for (const leg of legs) pnl += (legUnit(leg, S, at, v, ivShift).price - leg.entryPrice) * leg.quantity;
  return pnl;
}

/** The first expiry among the legs: "at expiry" means there (later legs keep their time value). */
export function horizon(legs: readonly Leg[]): number {
  return Math.min(...legs.map((l) => l.expiry));
}

export interface PayoffPoint {
  readonly spot: number;
  readonly pnl: number;
}

export function payoffCurve(legs: readonly Leg[], m: MarketState, from: number, to: number, points: number, when: 'expiry' | 't0'): PayoffPoint[] {
  const at = when === 'expiry' ? horizon(legs) : m.now;
  const out: PayoffPoint[] = [];
  for (let i = 0; i < points; i++) {
    const spot = from + ((to - from) * i) / Math.max(points - 1, 1);
    out.push({ spot, pnl: structurePnl(legs, spot, at, m) });
  }
  return out;
}

/** Spots in [from, to] where the at-expiry P&L crosses zero, refined by bisection. */
export function breakevens(legs: readonly Leg[], m: MarketState, from: number, to: number): number[] {
  const at = horizon(legs);
  const f = (s: number): number => structurePnl(legs, s, at, m);
  const grid = payoffCurve(legs, m, from, to, 2001, 'expiry');
  const out: number[] = [];
  for (let i = 1; i < grid.length; i++) {
    const a = grid[i - 1]!;
    const b = grid[i]!;
    if (a.pnl === 0) out.push(a.spot);
    if (a.pnl * b.pnl >= 0) continue;
    let lo = a.spot;
    let hi = b.spot;
    for (let k = 0; k < 100 && hi - lo > 1e-9 * hi; k++) {
      const mid = (lo + hi) / 2;
      if (Math.sign(f(mid)) === Math.sign(a.pnl)) lo = mid;
      else hi = mid;
    }
    out.push((lo + hi) / 2);
  }
  return out;
}

export interface Extremes {
  /** Infinity when unbounded. */
  readonly maxProfit: number;
  /** Negative number, −Infinity when unbounded. */
  readonly maxLoss: number;
}

/** At-expiry extremes: P&L is piecewise linear between strikes, so kinks, 0 and the slope above the last strike decide. */
export function maxProfitLoss(legs: readonly Leg[], m: MarketState): Extremes {
  const at = horizon(legs);
  const strikes = legs.flatMap((l) => (l.strike !== undefined ? [l.strike] : []));
  const top = Math.max(m.spot, ...strikes) * 4;
  const f = (s: number): number => structurePnl(legs, s, at, m);
  const values = [0, ...strikes, top].map(f);
  const slope = (f(top * 2) - f(top)) / top;
  const tol = 1e-9 * Math.max(1, ...values.map(Math.abs));
  return {
    maxProfit: slope > tol ? Infinity : Math.max(...values),
    maxLoss: slope < -tol ? -Infinity : Math.min(...values),
  };
}

export interface ShockTable {
  /** Percent moves of spot, e.g. −3 … +3. */
  readonly spotShocks: readonly number[];
  /** IV shifts in vol points, e.g. −5 … +5. */
  readonly ivShocks: readonly number[];
  /** pnl[i][j]: change in structure value for spotShocks[i] and ivShocks[j], now. */
  readonly pnl: readonly (readonly number[])[];
}

export const DEFAULT_SPOT_SHOCKS = [-3, -2, -1, 0, 1, 2, 3] as const;
export const DEFAULT_IV_SHOCKS = [-5, -2, 0, 2, 5] as const;

export function shockTable(legs: readonly Leg[], m: MarketState, spotShocks: readonly number[] = DEFAULT_SPOT_SHOCKS, ivShocks: readonly number[] = DEFAULT_IV_SHOCKS): ShockTable {
  const base = structurePnl(legs, m.spot, m.now, m);
  const pnl = spotShocks.map((ds) => ivShocks.map((dv) => structurePnl(legs, m.spot * (1 + ds / 100), m.now, m, dv / 100) - base));
  return { spotShocks, ivShocks, pnl };
}
