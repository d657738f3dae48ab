import { err, ok, type Result } from '#core/result';
import type { Underlying } from '#options/contract-specs';
import { lotSizeOn } from '#options/lot-size';
import { kellyEstimate } from './kelly.ts';
import type { ConfidenceMultipliers, SizingPolicy } from './policy.ts';

/** What a policy may read about the signal, the contract and the bot. Rupees, per unit unless named. */
export interface SizingInputs {
  /** The bot's capital allocation. */
  readonly capital: number;
  /** The bot's lot limit (risk.bots.<id>.maxLots): no policy sizes above it. */
  readonly maxLots: number;
  /** An index derivative's lot is the one in force for that contract on the trade date; otherwise given. */
  readonly contract: { readonly underlying: Underlying; readonly expiry: string; readonly tradeDate: string } | { readonly lotSize: number };
  /** Buying (an option buyer, a long future) or selling. */
  readonly side: 'buy' | 'sell';
  /** Premium per unit (a structure's net premium per unit), or a future's price. */
  readonly premium: number;
  readonly spot?: number;
  /** Implied volatility, decimal. */
  readonly iv?: number;
  /** The underlying's ATR, index points. */
  readonly atr?: number;
  /** |Δ| of one unit of the position (1 for a future). */
  readonly delta?: number;
  /** Margin one lot blocks (broker's figure or risk's estimate). */
  readonly marginPerLot?: number;
  /** The bot's closed trades, rupees net of charges, for Kelly. */
  readonly tradePnls?: readonly number[];
  /** The signal's strength, 0..1. */
  readonly strength?: number;
  /** The ML view of the trade: agreeing with this confidence, or pointing the other way. */
  readonly ml?: { readonly agrees: boolean; readonly confidence: number };
}

export type SizingFigures = Readonly<Record<string, number | string>>;

export interface SizingDecision {
  readonly policy: SizingPolicy['policy'];
  readonly lots: number;
  readonly lotSize: number;
  /** lots × lotSize. */
  readonly units: number;
  /** What the policy read and computed, for the signal's explanation. */
  readonly inputs: SizingFigures;
  /** One sentence: how the lots came about. */
  readonly explanation: string;
}

export interface SizingRefusal {
  readonly policy: SizingPolicy['policy'];
  readonly reason: string;
  readonly inputs: SizingFigures;
}

const rupees = (x: number): string => `₹${Math.round(x).toLocaleString('en-IN')}`;

function lotOf(c: SizingInputs['contract']): { lotSize: number; source: string } {
  if ('lotSize' in c) return { lotSize: c.lotSize, source: 'given' };
  const lot = lotSizeOn(c.underlying, c.expiry, c.tradeDate);
  return { lotSize: lot.lotSize, source: `${c.underlying} ${c.expiry} contract on ${c.tradeDate}` };
}

/** The product of the confidence multipliers that apply, and each as words. */
export function confidenceMultiplier(c: ConfidenceMultipliers | null, i: Pick<SizingInputs, 'strength' | 'ml'>): { value: number; factors: string[] } {
  if (!c) return { value: 1, factors: [] };
  let value = 1;
  const factors: string[] = [];
  const apply = (x: number, why: string): void => {
    value *= x;
    factors.push(`× ${x} (${why})`);
  };
  const s = i.strength;
  if (s !== undefined && s >= c.strongStrength) apply(c.strongMultiplier, `strength ${s.toFixed(2)} ≥ ${c.strongStrength}`);
  else if (s !== undefined && s >= c.mediumStrength) apply(c.mediumMultiplier, `strength ${s.toFixed(2)} ≥ ${c.mediumStrength}`);
  if (i.ml?.agrees && i.ml.confidence > c.mlHighConfidence) apply(c.mlAgreeMultiplier, `ML agrees at ${i.ml.confidence.toFixed(2)}`);
  if (i.ml && !i.ml.agrees) apply(c.mlConflictMultiplier, 'ML points the other way');
  return { value, factors };
}

interface Basis {
  /** Lots before rounding (fractional). */
  readonly raw: number;
  readonly words: string;
  readonly figures: Record<string, number | string>;
}

function basisOf(p: SizingPolicy, i: SizingInputs, lotSize: number, mult: number): Result<Basis, string> {
  const perLotPremium = i.premium * lotSize;
  switch (p.policy) {
    case 'fixed-lots':
      return ok({ raw: p.lots * mult, words: `${p.lots} lot(s) fixed`, figures: { fixedLots: p.lots } });
    case 'fixed-fractional': {
      const risk = (i.capital * p.riskPct * mult) / 100;
      const perLot = (perLotPremium * p.stopPct) / 100;
      if (!(perLot > 0)) return err('no premium to measure the stop against');
      return ok({ raw: risk / perLot, words: `risk ${p.riskPct} % of ${rupees(i.capital)} = ${rupees(risk)} over ${rupees(perLot)} a lot to the ${p.stopPct} % stop`, figures: { riskRupees: risk, riskPerLot: perLot } });
    }
    case 'volatility-scaled': {
      const delta = Math.abs(i.delta ?? Number.NaN);
      if (!(delta > 0)) return err('the position has no delta to scale by');
      let move: number;
      if (p.measure === 'atr') {
        if (!(i.atr !== undefined && i.atr > 0)) return err("the underlying's ATR is not known");
        move = i.atr * p.multiple;
      } else {
        if (!(i.iv !== undefined && i.iv > 0 && i.spot !== undefined && i.spot > 0)) return err('no IV and spot to measure the one-day move');
        move = i.spot * i.iv * Math.sqrt(1 / 365) * p.multiple;
      }
      const risk = (i.capital * p.riskPct * mult) / 100;
      const perLot = delta * move * lotSize;
      return ok({ raw: risk / perLot, words: `risk ${p.riskPct} % of ${rupees(i.capital)} = ${rupees(risk)} over a ${move.toFixed(1)}-point move (${p.multiple} × ${p.measure === 'atr' ? 'ATR' : 'IV one-day move'}) × Δ ${delta.toFixed(2)} = ${rupees(perLot)} a lot`, figures: { riskRupees: risk, movePoints: move, delta, riskPerLot: perLot } });
    }
    case 'premium': {
      if (i.side !== 'buy') return err('the premium policy sizes option buyers; this signal sells');
      const budget = (i.capital * p.premiumPct * mult) / 100;
      if (!(perLotPremium > 0)) return err('no premium to pay');
      return ok({ raw: budget / perLotPremium, words: `${p.premiumPct} % of ${rupees(i.capital)} = ${rupees(budget)} of premium at ${rupees(perLotPremium)} a lot`, figures: { budgetRupees: budget, premiumPerLot: perLotPremium } });
    }
    case 'margin': {
      if (i.side !== 'sell') return err('the margin policy sizes option sellers; this signal buys');
      if (!(i.marginPerLot !== undefined && i.marginPerLot > 0)) return err('no margin figure for one lot');
      const budget = (i.capital * p.marginPct * mult) / 100;
      return ok({ raw: budget / i.marginPerLot, words: `${p.marginPct} % of ${rupees(i.capital)} = ${rupees(budget)} of margin at ${rupees(i.marginPerLot)} a lot`, figures: { budgetRupees: budget, marginPerLot: i.marginPerLot } });
    }
    case 'kelly': {
      const k = kellyEstimate(i.tradePnls ?? [], p.minTrades);
      if (!k.ok && p.lotsUntilMinTrades > 0) {
        return ok({ raw: p.lotsUntilMinTrades * mult, words: `${k.error}: ${p.lotsUntilMinTrades} lot(s) fixed until then`, figures: { trades: (i.tradePnls ?? []).length, fixedLots: p.lotsUntilMinTrades } });
      }
      if (!k.ok) return err(k.error);
      const figures = { trades: k.value.trades, winRate: k.value.winRate, payoff: Number.isFinite(k.value.payoff) ? k.value.payoff : 'no losing trade', fullKelly: k.value.full };
      if (!(k.value.full > 0)) return err(`no edge in the bot's ${k.value.trades} trades (win rate ${(k.value.winRate * 100).toFixed(0)} %, full Kelly ${k.value.full.toFixed(3)})`);
      const share = Math.min(k.value.full * p.fraction, p.maxRiskPct / 100);
      const capped = share < k.value.full * p.fraction;
      const risk = i.capital * share * mult;
      const perLot = (perLotPremium * p.stopPct) / 100;
      if (!(perLot > 0)) return err('no premium to measure the stop against');
      return ok({
        raw: risk / perLot,
        words: `Kelly ${k.value.full.toFixed(3)} from ${k.value.trades} trades × ${p.fraction}${capped ? `, capped at ${p.maxRiskPct} %` : ''} = ${(share * 100).toFixed(2)} % of ${rupees(i.capital)} = ${rupees(risk)} over ${rupees(perLot)} a lot to the ${p.stopPct} % stop`,
        figures: { ...figures, riskShare: share, riskRupees: risk, riskPerLot: perLot },
      });
    }
  }
}

/**
 * Lots for an opening signal under the bot's policy: the policy's amount, times the confidence
 * multipliers, rounded down to whole lots of the contract on the trade date, capped at the bot's lot
 * limit. Fewer than one lot is a refusal with its reason, never a silent minimum of one.
 */
export function sizePosition(p: SizingPolicy, i: SizingInputs): Result<SizingDecision, SizingRefusal> {
  const { lotSize, source } = lotOf(i.contract);
  const conf = confidenceMultiplier(p.confidence, i);
  const inputs: Record<string, number | string> = { policy: p.policy, capital: i.capital, lotSize, lotSource: source, premium: i.premium, multiplier: conf.value };
  const basis = basisOf(p, i, lotSize, conf.value);
  if (!basis.ok) return err({ policy: p.policy, reason: basis.error, inputs });
  Object.assign(inputs, basis.value.figures);
  const byPolicy = Math.floor(basis.value.raw + 1e-9);
  const lots = Math.min(byPolicy, i.maxLots);
  const cut = lots < byPolicy ? `, cut from ${byPolicy} to the bot's maximum of ${i.maxLots}` : '';
  const words = `${basis.value.words}${conf.factors.length ? ` ${conf.factors.join(' ')}` : ''}${cut}; lot ${lotSize}`;
  inputs.lots = lots;
  if (lots < 1) return err({ policy: p.policy, reason: `no whole lot: ${words}`, inputs });
  return ok({ policy: p.policy, lots, lotSize, units: lots * lotSize, inputs, explanation: `${p.policy}: ${lots} lot(s): ${words}` });
}
