import { addGreeks, legGreeks, ZERO_GREEKS, type RiskGreeks, type ValuedLeg } from './valuation.ts';

/** Risk Greeks (units in valuation.ts) in total, per underlying, and per bot and underlying. */
export interface BookGreeks {
  readonly total: RiskGreeks;
  readonly byUnderlying: ReadonlyMap<string, RiskGreeks>;
  /** Key: bot id, or '' for the trader's own legs. */
  readonly byBot: ReadonlyMap<string, ReadonlyMap<string, RiskGreeks>>;
}

export function bookGreeks(legs: readonly ValuedLeg[]): BookGreeks {
  let total = ZERO_GREEKS;
  const byUnderlying = new Map<string, RiskGreeks>();
  const byBot = new Map<string, Map<string, RiskGreeks>>();
  for (const leg of legs) {
    const g = legGreeks(leg);
    total = addGreeks(total, g);
    byUnderlying.set(leg.underlying, addGreeks(byUnderlying.get(leg.underlying) ?? ZERO_GREEKS, g));
    const bot = leg.botId ?? '';
    let m = byBot.get(bot);
    if (!m) byBot.set(bot, (m = new Map()));
    m.set(leg.underlying, addGreeks(m.get(leg.underlying) ?? ZERO_GREEKS, g));
  }
  return { total, byUnderlying, byBot };
}

export type StackMeasure = 'deltaLots' | 'vega';

/** Same-direction exposure of two or more bots on one underlying: the sum of their magnitudes (0 with one bot). */
export function stacked(g: BookGreeks, underlying: string, measure: StackMeasure, sign: number): { total: number; bots: string[] } {
  let total = 0;
  const bots: string[] = [];
  for (const [bot, byU] of g.byBot) {
    if (bot === '') continue;
    const x = byU.get(underlying)?.[measure] ?? 0;
    if (Math.sign(x) !== sign || Math.abs(x) < 1e-9) continue;
    total += Math.abs(x);
    bots.push(bot);
  }
  return bots.length >= 2 ? { total, bots } : { total: 0, bots };
}
