import type { RiskConfig } from '#config/risk-schema';
import type { LimitName } from './trading-state.ts';

/**
 * The day's P&L and the two drawdowns, from the book P&L now and the marks the risk state keeps.
 * `dayStart` etc. are what the state says; if the risk day changed since it was written, the new day
 * starts from the last P&L observed (the previous session's closing mark).
 */
export interface PnlMarks {
  readonly dayKey: string;
  readonly dayStartPnl: number;
  readonly dayPeakPnl: number;
  readonly overallPeakPnl: number;
  readonly lastPnl: number;
}

export interface LossFigures {
  readonly dayKey: string;
  /** Book P&L now (realised − charges + marked-to-market), rupees. */
  readonly pnl: number;
  readonly dayStartPnl: number;
  /** P&L of the risk day: negative is a loss. */
  readonly dayPnl: number;
  readonly dayPeakPnl: number;
  /** Fall from the day's best, ≥ 0. */
  readonly dayDrawdown: number;
  readonly overallPeakPnl: number;
  /** Fall from the best ever, ≥ 0. */
  readonly overallDrawdown: number;
}

export function lossFigures(marks: PnlMarks | undefined, pnl: number, dayKey: string): LossFigures {
  if (!marks) return { dayKey, pnl, dayStartPnl: pnl, dayPnl: 0, dayPeakPnl: pnl, dayDrawdown: 0, overallPeakPnl: pnl, overallDrawdown: 0 };
  const newDay = marks.dayKey !== dayKey;
  const dayStartPnl = newDay ? marks.lastPnl : marks.dayStartPnl;
  const dayPeakPnl = Math.max(newDay ? dayStartPnl : marks.dayPeakPnl, pnl);
  const overallPeakPnl = Math.max(marks.overallPeakPnl, dayStartPnl, pnl);
  return {
    dayKey,
    pnl,
    dayStartPnl,
    dayPnl: pnl - dayStartPnl,
    dayPeakPnl,
    dayDrawdown: dayPeakPnl - pnl,
    overallPeakPnl,
    overallDrawdown: overallPeakPnl - pnl,
  };
}

export interface Breach {
  readonly limit: LimitName;
  /** The loss or drawdown, rupees, positive. */
  readonly value: number;
  readonly threshold: number;
  readonly action: 'reducing' | 'halted';
  readonly flatten: boolean;
}

/** The loss limits breached by these figures (a value equal to the limit is a breach). */
export function breachesOf(f: LossFigures, limits: RiskConfig): Breach[] {
  const out: Breach[] = [];
  const add = (limit: LimitName, value: number, cfg: RiskConfig['dailyLoss']): void => {
    if (value >= cfg.limit) out.push({ limit, value, threshold: cfg.limit, action: cfg.action, flatten: cfg.flatten });
  };
  add('daily-loss', -f.dayPnl, limits.dailyLoss);
  add('day-drawdown', f.dayDrawdown, limits.dayDrawdown);
  add('overall-drawdown', f.overallDrawdown, limits.overallDrawdown);
  return out;
}
