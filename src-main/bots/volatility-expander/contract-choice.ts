import type { OptionRight } from '#model/instrument';
import type { SignalDirection } from '#model/signal';
import { nearestStrike, type OptionChain, type OptionQuote } from '#options/chain';
import type { Underlying } from '#options/contract-specs';
import { daysToExpiry, nextExpiry, type Expiry } from '#options/expiry';
import type { BotCalendar } from '../contract/context.ts';
import { quoteAt } from '../common/chain-legs.ts';
import type { ExpanderParams } from './params.ts';

/** Expiries looked at past the nearest: weeklies of about six months, or six monthlies. */
const MAX_EXPIRIES = 26;

/** The nearest expiry between `min` and `max` days away (fractional days, to 15:30 on expiry day). */
export function expiryInWindow(calendar: BotCalendar, now: number, underlying: Underlying, min: number, max: number): { expiry: Expiry; days: number } | undefined {
  let e = calendar.nextExpiry(underlying);
  for (let i = 0; i < MAX_EXPIRIES; i++) {
    const days = daysToExpiry(now, e.instant);
    if (days > max) return undefined;
    if (days >= min) return { expiry: e, days };
    e = nextExpiry(underlying, e.instant, undefined, calendar.nse);
  }
  return undefined;
}

export interface LegChoice {
  readonly strike: number;
  readonly right: OptionRight;
  readonly quote: OptionQuote | undefined;
}

export interface StrikeChoice {
  readonly legs: readonly LegChoice[];
  /** `atm` or `otm1`: which candidate was taken. */
  readonly moneyness: 'atm' | 'otm1';
  readonly aimsMet: boolean;
  /** Per leg, what the vega and theta aims saw. */
  readonly aims: string;
}

function aimsOf(legs: readonly LegChoice[], p: Pick<ExpanderParams, 'minVega' | 'minTheta'>): { met: boolean; text: string } {
  let met = true;
  const parts = legs.map((l) => {
    const v = l.quote?.vega;
    const t = l.quote?.theta;
    if (v === undefined || t === undefined) {
      met = false;
      return `${l.strike} ${l.right} has no Greeks`;
    }
    const ok = v > p.minVega && t > p.minTheta;
    met &&= ok;
    return `${l.strike} ${l.right} vega ${v.toFixed(2)} ${v > p.minVega ? '>' : '≤'} ${p.minVega}, theta ${t.toFixed(2)} ${t > p.minTheta ? '>' : '≤'} ${p.minTheta}`;
  });
  return { met, text: parts.join('; ') };
}

/**
 * Calls for long, puts for short: ATM or one strike out of the money, the preferred one first, the first
 * that meets the vega and theta aims taken (the preferred one when neither does). Neutral: the ATM
 * straddle. ATM is the strike nearest spot.
 */
export function chooseStrikes(chain: OptionChain, direction: SignalDirection, p: Pick<ExpanderParams, 'minVega' | 'minTheta' | 'strikePreference'>): StrikeChoice | undefined {
  const atm = nearestStrike(chain.rows, chain.spot);
  const i = chain.rows.findIndex((r) => r.strike === atm);
  if (i < 0) return undefined;
  const leg = (strike: number, right: OptionRight): LegChoice => ({ strike, right, quote: quoteAt(chain, strike, right) });
  if (direction === 'neutral') {
    const legs = [leg(atm, 'CE'), leg(atm, 'PE')];
    const a = aimsOf(legs, p);
    return { legs, moneyness: 'atm', aimsMet: a.met, aims: a.text };
  }
  const right: OptionRight = direction === 'long' ? 'CE' : 'PE';
  const otmRow = chain.rows[direction === 'long' ? i + 1 : i - 1];
  const candidates: { moneyness: 'atm' | 'otm1'; legs: LegChoice[] }[] = [{ moneyness: 'atm', legs: [leg(atm, right)] }];
  if (otmRow) candidates.push({ moneyness: 'otm1', legs: [leg(otmRow.strike, right)] });
  if (p.strikePreference === 'otm1') candidates.reverse();
  const rated = candidates.map((c) => ({ ...c, a: aimsOf(c.legs, p) }));
  const pick = rated.find((c) => c.a.met) ?? rated[0]!;
  return { legs: pick.legs, moneyness: pick.moneyness, aimsMet: pick.a.met, aims: pick.a.text };
}
