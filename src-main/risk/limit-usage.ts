import type { BotId } from '#model/ids';
import { botLimitsOf } from './bot-limits.ts';
import { bookLegsOf, bookPnl } from './check-context.ts';
import type { RiskLedger } from './ledger.ts';
import { estimateMargin, longPremium } from './margin-estimate.ts';
import type { OrderRateWindow } from './order-rate-window.ts';
import { grossLots, positionKeys } from './owners.ts';
import { bookGreeks, stacked } from './portfolio-greeks.ts';
import type { MarketView, RiskPortfolio } from './ports.ts';
import type { RiskCheckName } from './pre-trade.ts';
import { worstShock } from './shock.ts';
import type { StateValue } from './trading-state.ts';
import { valueLegs } from './valuation.ts';

export type UsageUnit = 'rupees' | 'lots' | 'positions' | 'orders-per-second' | 'rupees-per-iv-point' | 'rupees-per-day' | 'lots-per-1pct';

/** One limit and how much of it is used. `used` keeps its sign (a short delta is negative); `pct` is |used| ÷ limit × 100. */
export interface LimitUsage {
  readonly check: RiskCheckName;
  /** 'portfolio', 'bot:<id>', 'trader' or 'underlying:<name>'. */
  readonly scope: string;
  readonly label: string;
  readonly unit: UsageUnit;
  readonly used: number;
  readonly limit: number;
  readonly pct: number;
}

export interface RiskSnapshot {
  readonly ts: number;
  readonly state: StateValue;
  readonly dayKey: string;
  /** Book P&L (realised − charges + marked-to-market), rupees. */
  readonly pnl: number;
  readonly dayPnl: number;
  readonly dayPeakPnl: number;
  readonly overallPeakPnl: number;
  readonly limits: readonly LimitUsage[];
  /** Why the Greeks, margin and shock rows are missing, when a leg could not be valued. */
  readonly unvalued?: string;
}

export interface UsageDeps {
  readonly ledger: RiskLedger;
  readonly portfolio: RiskPortfolio;
  readonly market: MarketView;
  readonly rate: OrderRateWindow;
}

const usage = (check: RiskCheckName, scope: string, label: string, unit: UsageUnit, used: number, limit: number): LimitUsage => ({
  check,
  scope,
  label,
  unit,
  used,
  limit,
  pct: limit > 0 ? (Math.abs(used) / limit) * 100 : used === 0 ? 0 : Number.POSITIVE_INFINITY,
});

/** Every limit with its use now, for the UI's risk panel (the bridge maps it to its DTO). */
export function riskSnapshot(deps: UsageDeps, ts: number): RiskSnapshot {
  const limits = deps.ledger.limits();
  const book = deps.portfolio.book();
  const pnl = bookPnl(book, deps.market);
  const f = deps.ledger.figures(pnl, ts);
  const rows: LimitUsage[] = [
    usage('daily-loss', 'portfolio', "Day's loss", 'rupees', Math.max(0, -f.dayPnl), limits.dailyLoss.limit),
    usage('drawdown', 'portfolio', "Drawdown from the day's peak", 'rupees', f.dayDrawdown, limits.dayDrawdown.limit),
    usage('drawdown', 'portfolio', 'Overall drawdown', 'rupees', f.overallDrawdown, limits.overallDrawdown.limit),
    usage('order-rate', 'portfolio', 'Orders in the last second', 'orders-per-second', deps.rate.countAt(ts), limits.orderRate.maxPerSecond),
  ];
  const legs = bookLegsOf(book, deps.market);
  const owners = new Set<BotId | undefined>([...legs.map((l) => l.botId), ...(Object.keys(limits.bots) as BotId[])]);
  for (const owner of owners) {
    const scope = owner === undefined ? 'trader' : `bot:${owner}`;
    const bl = botLimitsOf(limits, owner);
    rows.push(usage('position-limit', scope, 'Open positions', 'positions', positionKeys(legs, owner).size, bl.maxPositions));
    rows.push(usage('lot-limit', scope, 'Open lots', 'lots', grossLots(legs, owner), bl.maxLots));
  }
  const valued = valueLegs(legs, deps.market, limits.rate, ts);
  const base = { ts, state: deps.ledger.state(), dayKey: f.dayKey, pnl, dayPnl: f.dayPnl, dayPeakPnl: f.dayPeakPnl, overallPeakPnl: f.overallPeakPnl };
  if (!valued.ok) return { ...base, limits: rows, unvalued: valued.error.message };
  const v = valued.value;
  for (const owner of owners) {
    const own = v.filter((l) => l.botId === owner);
    const used = estimateMargin(own, limits.margin, ts).total + longPremium(own);
    rows.push(usage('bot-capital', owner === undefined ? 'trader' : `bot:${owner}`, 'Capital in use (estimate)', 'rupees', used, botLimitsOf(limits, owner).capital));
  }
  rows.push(usage('margin', 'portfolio', 'Capital in use (estimate)', 'rupees', estimateMargin(v, limits.margin, ts).total + longPremium(v), limits.capital));
  const g = bookGreeks(v);
  for (const [u, ug] of g.byUnderlying) {
    rows.push(usage('greeks', `underlying:${u}`, 'Net delta', 'lots', ug.deltaLots, limits.greeks.maxDeltaLots));
    rows.push(usage('greeks', `underlying:${u}`, 'Net gamma', 'lots-per-1pct', ug.gammaLots, limits.greeks.maxGammaLots));
    for (const sign of [1, -1]) {
      const d = stacked(g, u, 'deltaLots', sign);
      if (d.total > 0) rows.push(usage('stacking', `underlying:${u}`, `Stacked ${sign > 0 ? 'long' : 'short'} delta (${d.bots.join(', ')})`, 'lots', d.total, limits.stacking.maxDeltaLots));
      const ve = stacked(g, u, 'vega', sign);
      if (ve.total > 0) rows.push(usage('stacking', `underlying:${u}`, `Stacked ${sign > 0 ? 'long' : 'short'} vega (${ve.bots.join(', ')})`, 'rupees-per-iv-point', ve.total, limits.stacking.maxVega));
    }
  }
  rows.push(usage('greeks', 'portfolio', 'Net vega', 'rupees-per-iv-point', g.total.vega, limits.greeks.maxVega));
  rows.push(usage('greeks', 'portfolio', 'Net theta', 'rupees-per-day', g.total.theta, limits.greeks.maxTheta));
  rows.push(usage('shock', 'portfolio', `Worst loss at ±${limits.shock.spotPct} % spot, ±${limits.shock.ivPoints} IV points`, 'rupees', worstShock(v, limits.shock).worstLoss, limits.shock.maxLoss));
  return { ...base, limits: rows };
}
