import type { Random } from '#core/random';
import { SESSION_MINUTES, VOLATILITY_PROFILE, VOLUME_PROFILE } from './intraday-profile.ts';
import type { UnderlyingSpec } from './instruments.ts';

/**
 * Parameters of the simulated market. Time is counted in trading sessions ("days"); volatilities are
 * annualised over 250 sessions. Defaults are fitted to NIFTY 50 / NIFTY BANK / INDIA VIX history by
 * `npm run market:check` (see calibration/), which also states the tolerance bands.
 */
export interface ModelParams {
  /** Long-run annualised volatility of the market factor (NIFTY). */
  readonly longRunVol: number;
  /**
   * Log-volatility is the sum of a slow factor (regimes lasting months: what India VIX mostly tracks)
   * and a fast one (bursts of a few sessions: fat daily tails without a jumpy VIX). Mean reversion is per
   * session (half-life = ln 2 / it); volatility of volatility per √session.
   */
  readonly slowMeanReversion: number;
  readonly slowVolOfVol: number;
  readonly fastMeanReversion: number;
  readonly fastVolOfVol: number;
  /** Correlation of volatility shocks with market returns (negative: falls raise volatility). */
  readonly leverage: number;
  /** Share of a day's return variance that arrives overnight, as the opening gap. */
  readonly overnightVarianceShare: number;
  /** Degrees of freedom of the Student-t opening gap (fat tails); an integer above 2. */
  readonly gapDegreesOfFreedom: number;
  /** Intraday jumps of the market factor: expected count per session, mean and spread of the log jump. */
  readonly jumpsPerSession: number;
  readonly jumpMean: number;
  readonly jumpStd: number;
  /** India VIX over the model's expected 30-day volatility: the variance risk premium. */
  readonly vixPremium: number;
  /** Relative noise of VIX around its model value, and its half-life in minutes. */
  readonly vixNoise: number;
  readonly vixNoiseHalfLifeMin: number;
  /** VIX level the simulation starts at (sets the initial volatility state). */
  readonly initialVix: number;
  /** Relative spread of the futures basis around fair carry, and its half-life in minutes. */
  readonly basisNoise: number;
  readonly basisHalfLifeMin: number;
}

export const DEFAULT_MODEL_PARAMS: ModelParams = {
  longRunVol: 0.165,
  slowMeanReversion: 0.008,
  slowVolOfVol: 0.05,
  fastMeanReversion: 0.3,
  fastVolOfVol: 0.12,
  leverage: -0.7,
  overnightVarianceShare: 0.32,
  gapDegreesOfFreedom: 3,
  jumpsPerSession: 0.008,
  jumpMean: -0.004,
  jumpStd: 0.03,
  vixPremium: 1.2,
  vixNoise: 0.01,
  vixNoiseHalfLifeMin: 375,
  initialVix: 13,
  basisNoise: 0.00015,
  basisHalfLifeMin: 8,
};

const SESSION_SECONDS = SESSION_MINUTES * 60;
const YEAR_MS = 365 * 86_400_000;
const VIX_HORIZON_SESSIONS = 21;

/** Average over the VIX horizon of e^(−κt): how much of today's deviation the horizon still expects. */
function horizonWeight(kappa: number): number {
  return (1 - Math.exp(-kappa * VIX_HORIZON_SESSIONS)) / (kappa * VIX_HORIZON_SESSIONS);
}

/** Values of one instant, raw (not rounded to ticks). Arrays are indexed like the underlyings. */
export interface MarketState {
  readonly spot: Float64Array;
  readonly future: Float64Array;
  readonly cumVolume: Float64Array;
  readonly openInterest: Float64Array;
  vix: number;
  /** Annualised volatility of the market factor right now. */
  marketVol: number;
}

/**
 * A two-factor (market, financials) log-price model with a shared log-OU stochastic volatility,
 * leverage, Poisson jumps, Student-t opening gaps and a U-shaped intraday variance profile. Futures are
 * spot carried to expiry plus a mean-reverting basis; futures volume follows a U-shaped profile and
 * rises with volatility and with the size of the move. Every draw comes from the injected Random in a
 * fixed order, so the same seed and the same step sequence give the same market.
 */
export class MarketModel {
  readonly state: MarketState;
  private readonly params: ModelParams;
  private readonly specs: readonly UnderlyingSpec[];
  private readonly rng: Random;
  private readonly slowVar: number;
  private readonly fastVar: number;
  /** Weights of the slow and fast factors in the expected average variance over the VIX horizon. */
  private readonly slowWeight: number;
  private readonly fastWeight: number;
  /** Log-volatility deviations from the long-run level. */
  private xSlow: number;
  private xFast = 0;
  private vixNoise = 0;
  private readonly basis: Float64Array;

  constructor(specs: readonly UnderlyingSpec[], params: ModelParams, rng: Random) {
    this.specs = specs;
    this.params = params;
    this.rng = rng;
    this.slowVar = params.slowVolOfVol ** 2 / (2 * params.slowMeanReversion);
    this.fastVar = params.fastVolOfVol ** 2 / (2 * params.fastMeanReversion);
    this.slowWeight = horizonWeight(params.slowMeanReversion);
    this.fastWeight = horizonWeight(params.fastMeanReversion);
    const n = specs.length;
    this.state = {
      spot: Float64Array.from(specs, (s) => s.level),
      future: new Float64Array(n),
      cumVolume: new Float64Array(n),
      openInterest: Float64Array.from(specs, (s) => s.futuresOpenInterest),
      vix: params.initialVix,
      marketVol: 0,
    };
    this.basis = new Float64Array(n);
    this.xSlow = this.slowForVix(params.initialVix);
    this.refresh(new Float64Array(n).fill(Number.POSITIVE_INFINITY), 0);
  }

  /** Overnight: the opening gap, the volatility drift while closed, and a fresh day's volume. */
  openSession(calendarDaysClosed: number, nowMs: number, expiryMs: Float64Array): void {
    const p = this.params;
    const vol = this.annualVol();
    // Weekends and holidays carry a little more news than a single night, far less than their length.
    const nightVar = ((p.overnightVarianceShare * vol * vol) / 250) * (1 + 0.15 * Math.max(0, calendarDaysClosed - 1));
    const m = this.studentT(p.gapDegreesOfFreedom);
    const f = this.rng.normal();
    this.evolveVol(p.overnightVarianceShare, m);
    for (let i = 0; i < this.specs.length; i++) {
      const s = this.specs[i]!;
      const z = this.idiosyncratic(s) * this.rng.normal();
      const shock = s.marketLoading * m + s.financialsLoading * f + z;
      const v = nightVar * s.volMultiplier * s.volMultiplier;
      this.state.spot[i]! *= Math.exp(Math.sqrt(v) * shock - 0.5 * v);
      this.state.cumVolume[i] = 0;
    }
    this.refresh(expiryMs, nowMs);
  }

  /** Advances `dtSec` seconds of trading at `minuteOfSession`; `expiryMs` per underlying for the carry. */
  step(dtSec: number, minuteOfSession: number, nowMs: number, expiryMs: Float64Array): void {
    const p = this.params;
    const minute = Math.min(SESSION_MINUTES - 1, Math.max(0, Math.floor(minuteOfSession)));
    const dtDay = dtSec / SESSION_SECONDS;
    const stepShare = (VOLATILITY_PROFILE[minute]! * dtSec) / 60;
    const vol = this.annualVol();
    const stepVar = ((1 - p.overnightVarianceShare) * vol * vol * stepShare) / 250;
    const m = this.rng.normal();
    const f = this.rng.normal();
    let jump = 0;
    if (this.rng.next() < p.jumpsPerSession * dtDay) jump = (p.jumpMean + p.jumpStd * this.rng.normal()) * (vol / p.longRunVol);
    this.evolveVol(dtDay, m);
    const activity = (VOLUME_PROFILE[minute]! * dtSec) / 60;
    for (let i = 0; i < this.specs.length; i++) {
      const s = this.specs[i]!;
      const z = this.idiosyncratic(s) * this.rng.normal();
      const v = stepVar * s.volMultiplier * s.volMultiplier;
      const r = Math.sqrt(v) * (s.marketLoading * m + s.financialsLoading * f + z) + s.volMultiplier * s.marketLoading * jump;
      this.state.spot[i]! *= Math.exp(r - 0.5 * v);
      const expectedLots = ((s.dailyFuturesVolume / s.lotSize) * activity * (vol / p.longRunVol) * (0.6 + 0.5 * Math.abs(m) + (jump !== 0 ? 20 : 0)));
      this.state.cumVolume[i]! += this.lots(expectedLots) * s.lotSize;
      this.state.openInterest[i] = Math.max(s.lotSize, this.state.openInterest[i]! + s.lotSize * Math.round(this.rng.normal() * Math.sqrt(expectedLots)));
    }
    this.refresh(expiryMs, nowMs, dtSec / 60);
  }

  /** Annualised volatility of the market factor in the current state. */
  annualVol(): number {
    return this.params.longRunVol * Math.exp(this.xSlow + this.xFast - this.slowVar - this.fastVar);
  }

  private refresh(expiryMs: Float64Array, nowMs: number, dtMin = 0): void {
    const p = this.params;
    const basisDecay = Math.exp(-(Math.LN2 * dtMin) / p.basisHalfLifeMin);
    const basisShock = p.basisNoise * Math.sqrt(1 - basisDecay * basisDecay);
    for (let i = 0; i < this.specs.length; i++) {
      this.basis[i] = this.basis[i]! * basisDecay + basisShock * (dtMin > 0 ? this.rng.normal() : 0);
      const years = Math.max(0, (expiryMs[i]! - nowMs) / YEAR_MS);
      const t = Number.isFinite(years) ? years : 0;
      this.state.future[i] = this.state.spot[i]! * Math.exp(this.specs[i]!.carry * t + this.basis[i]!);
    }
    const vixDecay = Math.exp(-(Math.LN2 * dtMin) / p.vixNoiseHalfLifeMin);
    this.vixNoise = this.vixNoise * vixDecay + p.vixNoise * Math.sqrt(1 - vixDecay * vixDecay) * (dtMin > 0 ? this.rng.normal() : 0);
    this.state.vix = 100 * p.vixPremium * this.expectedVol() * Math.exp(this.vixNoise);
    this.state.marketVol = this.annualVol();
  }

  /** Root of the expected average variance over the VIX horizon (30 calendar days ≈ 21 sessions). */
  private expectedVol(): number {
    const a = this.slowWeight;
    const b = this.fastWeight;
    return this.params.longRunVol * Math.exp(a * this.xSlow + b * this.xFast - a * a * this.slowVar - b * b * this.fastVar);
  }

  private slowForVix(vix: number): number {
    const a = this.slowWeight;
    return (Math.log(vix / (100 * this.params.vixPremium * this.params.longRunVol)) + a * a * this.slowVar + this.fastWeight ** 2 * this.fastVar) / a;
  }

  private evolveVol(dtDay: number, marketShock: number): void {
    const p = this.params;
    const rho = p.leverage;
    const side = Math.sqrt(1 - rho * rho);
    const ws = rho * marketShock + side * this.rng.normal();
    const wf = rho * marketShock + side * this.rng.normal();
    const sq = Math.sqrt(dtDay);
    this.xSlow += -p.slowMeanReversion * this.xSlow * dtDay + p.slowVolOfVol * sq * ws;
    this.xFast += -p.fastMeanReversion * this.xFast * dtDay + p.fastVolOfVol * sq * wf;
  }

  private idiosyncratic(s: UnderlyingSpec): number {
    return Math.sqrt(Math.max(0, 1 - s.marketLoading * s.marketLoading - s.financialsLoading * s.financialsLoading));
  }

  /** Student-t scaled to unit variance. */
  private studentT(df: number): number {
    const z = this.rng.normal();
    let chi = 0;
    for (let i = 0; i < df; i++) chi += this.rng.normal() ** 2;
    return z / Math.sqrt(chi / df) / Math.sqrt(df / (df - 2));
  }

  private lots(expected: number): number {
    if (expected <= 0) return 0;
    if (expected > 30) return Math.max(0, Math.round(expected + Math.sqrt(expected) * this.rng.normal()));
    // Knuth's Poisson sampler: exact for the small per-tick counts of the thinner contracts.
    const limit = Math.exp(-expected);
    let k = 0;
    let prod = this.rng.next();
    while (prod > limit) {
      k++;
      prod *= this.rng.next();
    }
    return k;
  }
}
