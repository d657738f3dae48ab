import type { OptionRight } from '#model/instrument';
import { err, ok, type Result } from '#core/result';
import { impliedVolBlack76 } from './implied-vol.ts';

/**
 * An implied-volatility smile solved from one session's closing prices of an expiry's options (an NSE F&O
 * bhavcopy), kept in standardised moneyness z = ln(K/F) / (σ_atm·√T) as the ratio σ(z)/σ_atm, so it can
 * price the chain at a later instant: sticky moneyness, its level scaled by India VIX since that close.
 *
 * Which closes count (the rule the README states):
 * - a contract that did not trade that session (volume 0) is dropped, and so is a close under ₹0.50
 *   (ten ticks: below that a tick moves the implied vol by more than a tenth);
 * - the forward is put-call parity, F = K + e^{rT}(C − P), at the strike whose call and put both traded
 *   and whose |C − P| is least; without such a strike, the close of the same expiry's future when it traded;
 * - each strike's vol is solved (Black-76) from its out-of-the-money side (call at or above F, put below),
 *   or from the other side when that one is dropped; a close the solver refuses (below intrinsic, above the
 *   maximum, no time value) or a vol outside 1 %–300 % is dropped;
 * - the smile needs three strikes, with at least one at or below F and one at or above it.
 */
export interface ContractClose {
  readonly strike: number;
  readonly right: OptionRight;
  readonly close: number;
  readonly volume: number;
}

export interface SmileInput {
  readonly options: readonly ContractClose[];
  /** Close of the same expiry's future, if it traded that session. */
  readonly futureClose?: number;
  /** Calendar years from the session's close to expiry. */
  readonly T: number;
  readonly r: number;
}

export interface SmilePoint {
  readonly strike: number;
  readonly z: number;
  readonly vol: number;
}

export interface ImportedSmile {
  readonly forward: number;
  readonly forwardFrom: 'parity' | 'future';
  readonly T: number;
  /** ATM vol at the close: linear in ln(K/F) between the strikes either side of F. */
  readonly atmVol: number;
  /** Strikes kept, by z ascending. */
  readonly points: readonly SmilePoint[];
}

export type SmileFailure = { readonly kind: 'no-forward' | 'too-few-strikes' | 'invalid-input'; readonly message: string };

export const MIN_CLOSE = 0.5;
export const MIN_VOL = 0.01;
export const MAX_VOL = 3;
const MIN_POINTS = 3;

const traded = (c: ContractClose): boolean => c.volume > 0;

/** A forward and the vol of each strike whose close one solves, by strike ascending. */
export interface SolvedStrikes {
  readonly forward: number;
  readonly forwardFrom: 'parity' | 'future';
  readonly points: readonly { readonly strike: number; readonly vol: number }[];
}

/**
 * The forward and each strike's vol from closes taken at one instant, by the rules above except the
 * volume rule (the caller decides what counts as traded): closes under ₹0.50 are dropped, the forward is
 * parity at the least |C − P| strike (else `futureClose`), each strike's vol is solved from its
 * out-of-the-money close, else the other side's. Fails only when there is no forward.
 */
export function solveStrikes(options: readonly Omit<ContractClose, 'volume'>[], futureClose: number | undefined, T: number, r: number): Result<SolvedStrikes, SmileFailure> {
  if (!(T > 0) || !Number.isFinite(r)) return err({ kind: 'invalid-input', message: `need T > 0 and a finite rate (T=${T}, r=${r})` });
  const byStrike = new Map<number, { CE?: Omit<ContractClose, 'volume'>; PE?: Omit<ContractClose, 'volume'> }>();
  for (const c of options) {
    if (!(c.close >= MIN_CLOSE) || !Number.isFinite(c.close) || !(c.strike > 0)) continue;
    const s = byStrike.get(c.strike) ?? {};
    s[c.right] = c;
    byStrike.set(c.strike, s);
  }
  let forward: number | undefined;
  let forwardFrom: SolvedStrikes['forwardFrom'] = 'parity';
  let least = Number.POSITIVE_INFINITY;
  const strikes = [...byStrike.keys()].sort((a, b) => a - b);
  for (const K of strikes) {
    const s = byStrike.get(K)!;
    if (!s.CE || !s.PE) continue;
    const gap = Math.abs(s.CE.close - s.PE.close);
    // Ties go to the lower strike: strikes are walked in order.
    if (gap < least) {
      least = gap;
      forward = K + Math.exp(r * T) * (s.CE.close - s.PE.close);
    }
  }
  if (forward === undefined && futureClose !== undefined && futureClose > 0) {
    forward = futureClose;
    forwardFrom = 'future';
  }
  if (forward === undefined || !(forward > 0)) return err({ kind: 'no-forward', message: 'no strike with both a call and a put traded, and no traded future of this expiry' });
  const F = forward;
  const points: { strike: number; vol: number }[] = [];
  for (const K of strikes) {
    const s = byStrike.get(K)!;
    const order: OptionRight[] = K >= F ? ['CE', 'PE'] : ['PE', 'CE'];
    for (const right of order) {
      const c = s[right];
      if (!c) continue;
      const iv = impliedVolBlack76(right, c.close, F, K, T, r);
      if (iv.ok && iv.value.vol >= MIN_VOL && iv.value.vol <= MAX_VOL) {
        points.push({ strike: K, vol: iv.value.vol });
        break;
      }
    }
  }
  return ok({ forward: F, forwardFrom, points });
}

export function buildSmile(input: SmileInput): Result<ImportedSmile, SmileFailure> {
  const { T } = input;
  const solved = solveStrikes(input.options.filter(traded), input.futureClose, T, input.r);
  if (!solved.ok) return solved;
  const { forward: F, forwardFrom } = solved.value;
  const points = solved.value.points;
  const below = points.filter((p) => p.strike <= F);
  const above = points.filter((p) => p.strike >= F);
  if (points.length < MIN_POINTS || below.length === 0 || above.length === 0) {
    return err({ kind: 'too-few-strikes', message: `${points.length} strike(s) with a usable close (${below.length} at or below the forward ${F.toFixed(2)}, ${above.length} at or above): need ${MIN_POINTS}, on both sides` });
  }
  const lo = below.at(-1)!;
  const hi = above[0]!;
  const kLo = Math.log(lo.strike / F);
  const kHi = Math.log(hi.strike / F);
  const atmVol = kHi === kLo ? lo.vol : lo.vol + ((0 - kLo) / (kHi - kLo)) * (hi.vol - lo.vol);
  const sd = atmVol * Math.sqrt(T);
  return ok({ forward: F, forwardFrom, T, atmVol, points: points.map((p) => ({ strike: p.strike, z: Math.log(p.strike / F) / sd, vol: p.vol })) });
}

/** σ/σ_atm at standardised moneyness z: linear between the smile's strikes, flat beyond its ends. */
export function smileRatio(smile: ImportedSmile, z: number): number {
  const p = smile.points;
  if (z <= p[0]!.z) return p[0]!.vol / smile.atmVol;
  if (z >= p.at(-1)!.z) return p.at(-1)!.vol / smile.atmVol;
  let i = 1;
  while (p[i]!.z < z) i++;
  const a = p[i - 1]!;
  const b = p[i]!;
  const vol = a.vol + ((z - a.z) / (b.z - a.z)) * (b.vol - a.vol);
  return vol / smile.atmVol;
}

/**
 * Vols of one chain at an instant: what a simulated chain prices with in place of the model surface.
 * Undefined (the ATM level, or a strike's vol): the surface's, for that strike alone.
 */
export interface ChainVols {
  readonly atm: number | undefined;
  vol(strike: number): number | undefined;
  /**
   * The market's forward ÷ the index, measured from closes of one instant (parity, and the index's close
   * then): the chain is priced on the index now × this, the carry the market trades at. Undefined: the
   * index × e^{rT}.
   */
  readonly basis?: number;
}

/**
 * The smile moved to an instant with forward F and T years left: ATM level σ_atm·(VIX now ÷ VIX at the
 * smile's close), each strike at its standardised moneyness under that level (sticky moneyness).
 */
export function smileVols(smile: ImportedSmile, F: number, T: number, vixRatio: number): ChainVols {
  const atm = smile.atmVol * vixRatio;
  const sd = atm * Math.sqrt(Math.max(T, 1 / 525_600));
  return { atm, vol: (K) => atm * smileRatio(smile, Math.log(K / F) / sd) };
}
