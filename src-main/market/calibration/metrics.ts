import { autocorrelation, correlation, excessKurtosis, mean, median, std } from './stats.ts';

/** One session of an index: the inputs of the daily metrics. */
export interface DailyRow {
  readonly dateKey: string;
  readonly open: number;
  readonly close: number;
}

/** One start-stamped 1-minute bar; `minute` counts from the 09:15 open (0 … 374). */
export interface MinuteRow {
  readonly dateKey: string;
  readonly minute: number;
  readonly open: number;
  readonly close: number;
}

export interface DailyMetrics {
  readonly annualVol: number;
  readonly excessKurtosis: number;
  readonly overnightShare: number;
  /** Share of overnight gaps (open over the previous close) beyond ±2 %: the gaps' tail, which the variance share alone does not pin. */
  readonly bigGapShare: number;
  /** Lag-1 autocorrelation of |daily return|: volatility clustering. */
  readonly absReturnAutocorr: number;
}

export interface VixMetrics {
  readonly mean: number;
  /** Correlation of VIX with the index's trailing 21-session realised volatility. */
  readonly corrWithRealised: number;
  /** Median of VIX over trailing realised volatility: the variance risk premium. */
  readonly premium: number;
  readonly dailyLogChangeStd: number;
  /** Correlation of daily VIX log changes with the index's daily returns (negative: fear on falls). */
  readonly corrWithReturns: number;
}

export interface IntradayMetrics {
  /** Standard deviation of 1-minute log returns, in basis points. */
  readonly minuteStdBps: number;
  /**
   * 1-minute std over the same period's daily close-to-close std: how a day's variance splits into
   * minutes, independent of how volatile the period was.
   */
  readonly minuteToDaily: number;
  readonly minuteExcessKurtosis: number;
  /** Volatility of the first 15 minutes, the last 15 minutes and the first minute, over midday (11:45–13:45). */
  readonly openToMidday: number;
  readonly closeToMidday: number;
  readonly firstMinuteToMidday: number;
  /** Standard deviation (bps) of 1-minute returns in each 15-minute slot of the session. */
  readonly profile: readonly number[];
}

const ANNUAL = Math.sqrt(250);
const BIG_GAP = Math.log(1.02);

export function dailyMetrics(rows: readonly DailyRow[]): DailyMetrics {
  const cc: number[] = [];
  const gaps: number[] = [];
  for (let i = 1; i < rows.length; i++) {
    cc.push(Math.log(rows[i]!.close / rows[i - 1]!.close));
    gaps.push(Math.log(rows[i]!.open / rows[i - 1]!.close));
  }
  const s = std(cc);
  const bigGaps = gaps.filter((g) => Math.abs(g) > BIG_GAP).length;
  return {
    annualVol: s * ANNUAL,
    excessKurtosis: excessKurtosis(cc),
    overnightShare: std(gaps) ** 2 / s ** 2,
    bigGapShare: gaps.length === 0 ? 0 : bigGaps / gaps.length,
    absReturnAutocorr: autocorrelation(cc.map(Math.abs)),
  };
}

/** VIX against an index, joined on date. */
export function vixMetrics(index: readonly DailyRow[], vix: readonly DailyRow[]): VixMetrics {
  const vixByDate = new Map(vix.map((r) => [r.dateKey, r.close]));
  const returns: number[] = [];
  const levels: number[] = [];
  const realised: number[] = [];
  const vixChange: number[] = [];
  const sameDayReturn: number[] = [];
  const window: number[] = [];
  for (let i = 1; i < index.length; i++) {
    const r = Math.log(index[i]!.close / index[i - 1]!.close);
    returns.push(r);
    window.push(r);
    if (window.length > 21) window.shift();
    const v = vixByDate.get(index[i]!.dateKey);
    const vPrev = vixByDate.get(index[i - 1]!.dateKey);
    if (v === undefined || !(v > 0)) continue;
    if (vPrev !== undefined && vPrev > 0) {
      vixChange.push(Math.log(v / vPrev));
      sameDayReturn.push(r);
    }
    if (window.length === 21) {
      levels.push(v);
      realised.push(std(window) * ANNUAL * 100);
    }
  }
  return {
    mean: mean(levels),
    corrWithRealised: correlation(levels, realised),
    premium: median(levels.map((v, i) => v / realised[i]!)),
    dailyLogChangeStd: std(vixChange),
    corrWithReturns: correlation(vixChange, sameDayReturn),
  };
}

export function intradayMetrics(rows: readonly MinuteRow[]): IntradayMetrics {
  const all: number[] = [];
  const bySlot: number[][] = Array.from({ length: 25 }, () => []);
  const byMinute: number[][] = Array.from({ length: 375 }, () => []);
  let prev: MinuteRow | undefined;
  for (const row of rows) {
    if (row.minute < 0 || row.minute > 374) continue;
    // The first minute is measured open → close; later ones close → close within the same session.
    const base = prev && prev.dateKey === row.dateKey && prev.minute === row.minute - 1 ? prev.close : row.minute === 0 ? row.open : undefined;
    prev = row;
    if (base === undefined) continue;
    const r = Math.log(row.close / base) * 1e4;
    all.push(r);
    bySlot[Math.floor(row.minute / 15)]!.push(r);
    byMinute[row.minute]!.push(r);
  }
  const lastClose = new Map<string, number>();
  for (const row of rows) lastClose.set(row.dateKey, row.close);
  const closes = [...lastClose.values()];
  const daily = closes.slice(1).map((c, i) => Math.log(c / closes[i]!) * 1e4);
  const midday = Array.from({ length: 120 }, (_, k) => byMinute[150 + k]!).flat();
  const mid = std(midday);
  return {
    minuteStdBps: std(all),
    minuteToDaily: std(all) / std(daily),
    minuteExcessKurtosis: excessKurtosis(all),
    openToMidday: std(bySlot[0]!) / mid,
    closeToMidday: std(bySlot[24]!) / mid,
    firstMinuteToMidday: std(byMinute[0]!) / mid,
    profile: bySlot.map((s) => std(s)),
  };
}
