import { err, ok, type Result } from '#core/result';
import type { BotId, StructureId } from '#model/ids';
import type { OptionRight, Tradable } from '#model/instrument';
import { black76, black76Price } from '#options/black';
import { yearsToExpiry } from '#options/expiry';
import { impliedVolBlack76 } from '#options/implied-vol';
import type { MarketView } from './ports.ts';

/**
 * Every leg of the book valued with Black-76 (options module), on F = S·e^{rT} from the underlying's
 * spot, with the leg's IV (the engine's, or solved from its mark). Scenarios revalue the full formula;
 * nothing here is a delta approximation.
 *
 * Units of the risk Greeks (per leg, signed by position):
 * - `deltaLots`: futures-equivalent lots, ∂value/∂spot ÷ lot size. +1 is one lot long the underlying.
 * - `gammaLots`: change of `deltaLots` for a +1 % move of spot.
 * - `vega`: rupees per IV point (σ + 0.01).
 * - `theta`: rupees per calendar day at constant spot (Black-76 theta at constant F, less r·F·Δ_F for
 *   the forward's drift towards spot; equal to Black–Scholes theta), ÷ 365.
 * Futures and equity count as delta one on their own price (a future's carry is ignored).
 */
export interface BookLeg {
  readonly instrument: Tradable;
  readonly botId?: BotId;
  readonly structureId?: StructureId;
  /** Signed units. */
  readonly quantity: number;
  /** The price the leg is marked at now. */
  readonly mark: number;
}

interface OptionInputs {
  readonly right: OptionRight;
  readonly strike: number;
  /** Years to expiry, 0 once expired (valued at intrinsic). */
  readonly T: number;
  readonly forward: number;
  readonly iv: number;
}

export interface ValuedLeg extends BookLeg {
  readonly underlying: string;
  readonly spot: number;
  readonly option?: OptionInputs;
  readonly r: number;
}

export interface RiskGreeks {
  readonly deltaLots: number;
  readonly gammaLots: number;
  readonly vega: number;
  readonly theta: number;
}

export interface ValuationError {
  readonly instrumentId: string;
  readonly message: string;
}

/** The floor for σ: an option whose price carries no volatility (deep ITM, ticks from expiry) is worth its intrinsic value. */
const MIN_IV = 1e-4;

export function underlyingOf(instrument: Tradable): string {
  return instrument.kind === 'equity' ? instrument.symbol : instrument.underlying;
}

function solveIv(leg: BookLeg, right: OptionRight, F: number, K: number, T: number, r: number, market: MarketView): Result<number, string> {
  const given = market.impliedVol?.(leg.instrument.id);
  if (given !== undefined && given > 0 && Number.isFinite(given)) return ok(given);
  const solved = impliedVolBlack76(right, leg.mark, F, K, T, r);
  if (solved.ok) return ok(solved.value.vol);
  if (solved.error.kind === 'below-intrinsic' || solved.error.kind === 'indeterminate') return ok(MIN_IV);
  return err(solved.error.message);
}

export function valueLeg(leg: BookLeg, market: MarketView, r: number, ts: number): Result<ValuedLeg, ValuationError> {
  const inst = leg.instrument;
  const underlying = underlyingOf(inst);
  if (!(leg.mark > 0) || !Number.isFinite(leg.mark)) return err({ instrumentId: inst.id, message: `no usable price for ${inst.symbol}` });
  if (inst.kind !== 'option') return ok({ ...leg, underlying, spot: market.spot(underlying) ?? leg.mark, r });
  const spot = market.spot(underlying);
  if (spot === undefined || !(spot > 0)) return err({ instrumentId: inst.id, message: `no spot price for ${underlying}` });
  const T = ts >= inst.expiry ? 0 : yearsToExpiry(ts, inst.expiry, 'calendar');
  const forward = spot * Math.exp(r * T);
  let sigma = MIN_IV;
  if (T > 0) {
    const iv = solveIv(leg, inst.right, forward, inst.strike, T, r, market);
    if (!iv.ok) return err({ instrumentId: inst.id, message: `cannot value ${inst.symbol}: ${iv.error}` });
    sigma = iv.value;
  }
  return ok({ ...leg, underlying, spot, r, option: { right: inst.right, strike: inst.strike, T, forward, iv: sigma } });
}

export function valueLegs(legs: readonly BookLeg[], market: MarketView, r: number, ts: number): Result<ValuedLeg[], ValuationError> {
  const out: ValuedLeg[] = [];
  for (const leg of legs) {
    const v = valueLeg(leg, market, r, ts);
    if (!v.ok) return v;
    out.push(v.value);
  }
  return ok(out);
}

/** The leg's value (signed, rupees) with spot moved by `spotPct` % and IV by `ivPoints` points. */
export function legValue(leg: ValuedLeg, spotPct = 0, ivPoints = 0): number {
  const move = 1 + spotPct / 100;
  const o = leg.option;
  if (!o) return leg.quantity * leg.mark * move;
  const sigma = Math.max(o.iv + ivPoints / 100, MIN_IV);
  return leg.quantity * black76Price(o.right, o.forward * move, o.strike, o.T, leg.r, sigma);
}

export function legGreeks(leg: ValuedLeg): RiskGreeks {
  const lots = leg.quantity / leg.instrument.lotSize;
  const o = leg.option;
  if (!o) return { deltaLots: lots, gammaLots: 0, vega: 0, theta: 0 };
  const g = black76(o.right, o.forward, o.strike, o.T, leg.r, Math.max(o.iv, MIN_IV));
  const dFdS = o.forward / leg.spot;
  return {
    deltaLots: lots * g.delta * dFdS,
    gammaLots: lots * g.gamma * dFdS * dFdS * leg.spot * 0.01,
    vega: leg.quantity * g.vega * 0.01,
    theta: (leg.quantity * (g.theta - leg.r * o.forward * g.delta)) / 365,
  };
}

export const ZERO_GREEKS: RiskGreeks = { deltaLots: 0, gammaLots: 0, vega: 0, theta: 0 };

export function addGreeks(a: RiskGreeks, b: RiskGreeks): RiskGreeks {
  return { deltaLots: a.deltaLots + b.deltaLots, gammaLots: a.gammaLots + b.gammaLots, vega: a.vega + b.vega, theta: a.theta + b.theta };
}
