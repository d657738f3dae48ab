import { black76Price } from '#options/black';
import type { ValuedLeg } from '../valuation.ts';

/**
 * One move of the market applied to the book: a simple return of each underlying's spot and a shift of
 * every option's implied volatility by India VIX's change in points. The IV shift is parallel (every
 * strike and expiry by the same points): skew and term-structure moves are not modelled.
 */
export interface MarketScenario {
  /** What the move is: a history date, a draw number, a named stress. */
  readonly label: string;
  /** Simple return of the spot of each named underlying (−0.05 is a 5 % fall). */
  readonly returns: Readonly<Record<string, number>>;
  /** The return of any underlying not named in `returns` (a stress that moves the whole market). */
  readonly all?: number;
  /** Volatility points added to every option's IV (India VIX's change). */
  readonly ivPoints: number;
}

/** σ never goes below this: an option with no volatility left is worth its intrinsic value. */
const MIN_IV = 1e-4;

export function returnOf(s: MarketScenario, underlying: string): number | undefined {
  return s.returns[underlying] ?? s.all;
}

/**
 * The leg's value (signed, rupees) after the move and `dtYears` of calendar time: every option is
 * repriced in full with Black-76 on the moved forward, the shifted IV and the shortened time to expiry
 * (an option that expires within the horizon is worth its intrinsic value). Futures and equity move
 * one for one with their underlying.
 */
export function legValueAfter(leg: ValuedLeg, ret: number, ivPoints: number, dtYears: number): number {
  const o = leg.option;
  if (!o) return leg.quantity * leg.mark * (1 + ret);
  const T = Math.max(0, o.T - dtYears);
  const spot = leg.spot * (1 + ret);
  const forward = spot * Math.exp(leg.r * T);
  const sigma = Math.max(o.iv + ivPoints / 100, MIN_IV);
  return leg.quantity * black76Price(o.right, forward, o.strike, T, leg.r, sigma);
}

/** The leg's value now by the same model, so a scenario's P&L carries no model-versus-mark difference. */
export function legValueNow(leg: ValuedLeg): number {
  const o = leg.option;
  if (!o) return leg.quantity * leg.mark;
  return leg.quantity * black76Price(o.right, o.forward, o.strike, o.T, leg.r, Math.max(o.iv, MIN_IV));
}

export interface ScenarioPnl {
  /** Rupees; negative is a loss. */
  readonly total: number;
  /** By bot id; the trader's own legs under `manual`. */
  readonly byBot: Readonly<Record<string, number>>;
}

export const MANUAL = 'manual';

/**
 * P&L of the book under one scenario. `base` is `legValueNow` of each leg, computed once per book.
 * Returns undefined when an underlying of the book has no move in the scenario.
 */
export function scenarioPnl(legs: readonly ValuedLeg[], base: readonly number[], s: MarketScenario, dtYears: number): ScenarioPnl | undefined {
  let total = 0;
  const byBot: Record<string, number> = {};
  for (let i = 0; i < legs.length; i++) {
    const leg = legs[i]!;
    const ret = returnOf(s, leg.underlying);
    if (ret === undefined) return undefined;
    const pnl = legValueAfter(leg, ret, s.ivPoints, dtYears) - base[i]!;
    total += pnl;
    const owner = leg.botId ?? MANUAL;
    byBot[owner] = (byBot[owner] ?? 0) + pnl;
  }
  return { total, byBot };
}

/** Just the total, without allocating: the VaR loop runs this thousands of times. */
export function scenarioTotal(legs: readonly ValuedLeg[], base: readonly number[], s: MarketScenario, dtYears: number): number {
  let total = 0;
  for (let i = 0; i < legs.length; i++) {
    const leg = legs[i]!;
    const ret = returnOf(s, leg.underlying) ?? Number.NaN;
    total += legValueAfter(leg, ret, s.ivPoints, dtYears) - base[i]!;
  }
  return total;
}
