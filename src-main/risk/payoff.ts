import { err, ok, type Result } from '#core/result';
import { black76Price } from '#options/black';
import { legValue, type ValuedLeg } from './valuation.ts';

/** A held leg valued now, with the average price it was bought or sold at. */
export interface PayoffLeg {
  readonly leg: ValuedLeg;
  readonly avgPrice: number;
}

export interface PayoffPoint {
  /** The underlying's spot. */
  readonly spot: number;
  /** P&L at the nearest leg's expiry, rupees: expiring legs at intrinsic value, later ones by Black-76 on their remaining time. */
  readonly atExpiry: number;
  /** P&L now (T+0) at that spot, every option leg by Black-76 at its current IV. */
  readonly now: number;
}

export interface Payoff {
  readonly underlying: string;
  readonly spot: number;
  readonly points: readonly PayoffPoint[];
  /** Spots where the at-expiry P&L crosses zero, interpolated between grid points. */
  readonly breakevens: readonly number[];
}

export interface PayoffOptions {
  /** Grid points across the range (≥ 3). */
  readonly steps?: number;
  /** Smallest half-width of the range as a fraction of spot. */
  readonly minWidth?: number;
}

const SIGMAS = 3;
const MAX_WIDTH = 0.3;

/** Half-width of the spot range: three one-sigma moves to the latest expiry, at least `minWidth`, and every strike inside with room. */
function halfWidth(legs: readonly PayoffLeg[], spot: number, minWidth: number): number {
  let w = minWidth;
  for (const { leg } of legs) {
    const o = leg.option;
    if (!o) continue;
    w = Math.max(w, SIGMAS * o.iv * Math.sqrt(o.T), Math.abs(o.strike / spot - 1) * 1.25);
  }
  return Math.min(w, MAX_WIDTH);
}

/**
 * The payoff of one structure (legs on one underlying) across a range of spot, at its nearest expiry and
 * now. The T+0 curve revalues every leg with the same Black-76 valuation the risk limits use (IV solved
 * from the leg's mark), so at today's spot it equals the marked-to-market P&L.
 */
export function payoff(legs: readonly PayoffLeg[], options: PayoffOptions = {}): Result<Payoff, string> {
  if (legs.length === 0) return err('no legs are held');
  const underlyings = new Set(legs.map((l) => l.leg.underlying));
  if (underlyings.size > 1) return err(`the legs are on ${[...underlyings].join(' and ')}: a payoff is drawn for one underlying`);
  const spot = legs[0]!.leg.spot;
  const steps = Math.max(3, Math.round(options.steps ?? 121));
  const w = halfWidth(legs, spot, options.minWidth ?? 0.03);
  const firstExpiryT = Math.min(...legs.map((l) => l.leg.option?.T ?? Number.POSITIVE_INFINITY));
  const cost = legs.reduce((s, l) => s + l.leg.quantity * l.avgPrice, 0);
  const points: PayoffPoint[] = [];
  for (let i = 0; i < steps; i++) {
    const s = spot * (1 - w + (2 * w * i) / (steps - 1));
    const pct = (s / spot - 1) * 100;
    let now = 0;
    let atExpiry = 0;
    for (const { leg } of legs) {
      now += legValue(leg, pct);
      atExpiry += valueAtFirstExpiry(leg, s, firstExpiryT);
    }
    points.push({ spot: s, atExpiry: atExpiry - cost, now: now - cost });
  }
  return ok({ underlying: legs[0]!.leg.underlying, spot, points, breakevens: crossings(points) });
}

function valueAtFirstExpiry(leg: ValuedLeg, s: number, firstT: number): number {
  const o = leg.option;
  if (!o) return leg.quantity * leg.mark * (s / leg.spot);
  const left = o.T - (Number.isFinite(firstT) ? firstT : o.T);
  if (left <= 0) return leg.quantity * Math.max(0, o.right === 'CE' ? s - o.strike : o.strike - s);
  return leg.quantity * black76Price(o.right, s * Math.exp(leg.r * left), o.strike, left, leg.r, o.iv);
}

function crossings(points: readonly PayoffPoint[]): number[] {
  const out: number[] = [];
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    if (a.atExpiry === 0 && (i === 1 || points[i - 2]!.atExpiry !== 0)) out.push(a.spot);
    else if (a.atExpiry * b.atExpiry < 0) out.push(a.spot + ((b.spot - a.spot) * -a.atExpiry) / (b.atExpiry - a.atExpiry));
  }
  return out;
}
