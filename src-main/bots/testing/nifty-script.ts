import { nseCalendar } from '#calendar/nse-calendar';
import { roundToTick } from '#model/instrument';
import type { Underlying } from '#options/contract-specs';
import { dailyCycle, quiet } from './paths.ts';
import type { ChainScript, ScriptedMarketSpec } from './scripted-market.ts';

/**
 * The scripted week the seller tests share: NIFTY near 25,000 on Tuesday 2026-08-18 (an expiry day) as
 * history, the test's path on Wednesday 2026-08-19 (nearest weekly 2026-08-25, six days out), 30 quiet
 * daily closes and 60 days of India VIX cycling 11–16 before them.
 */
export const TEST_DAY = '2026-08-19';
export const WEEKLY = '2026-08-25';

export interface DayScript {
  readonly spot: readonly number[];
  readonly vix?: number | readonly number[];
  readonly chain?: ChainScript;
  readonly date?: string;
  readonly previous?: readonly number[];
  readonly vixHistory?: readonly number[];
  readonly indexHistory?: readonly number[];
  readonly underlying?: Underlying;
  /** Trading days after `date`, in order (each on the next NSE trading day). */
  readonly following?: readonly { readonly spot: readonly number[]; readonly vix?: number }[];
}

export function script(d: DayScript): ScriptedMarketSpec {
  const date = d.date ?? TEST_DAY;
  const level = d.spot[0]!;
  return {
    underlying: d.underlying ?? 'NIFTY',
    days: [
      { date: nseCalendar().previousTradingDay(date), spot: d.previous ?? quiet(level), vix: 17 },
      { date, spot: d.spot, vix: d.vix ?? 17 },
      ...followingDays(date, d.following ?? []),
    ],
    dailyHistory: { index: d.indexHistory ?? dailyCycle(30, level - 110, level + 90), vix: d.vixHistory ?? dailyCycle(60, 11, 16), rangePct: 0.6 },
    ...(d.chain ? { chain: d.chain } : {}),
  };
}

function followingDays(date: string, days: NonNullable<DayScript['following']>): { date: string; spot: readonly number[]; vix: number }[] {
  let d = date;
  return days.map((x) => ({ date: (d = nseCalendar().nextTradingDay(d)), spot: x.spot, vix: x.vix ?? 17 }));
}

/** A steady climb of `perMinute` points with a ±`amplitude` swing every `period` minutes: higher highs and lows. */
export function climbing(start: number, perMinute: number, amplitude = 40, period = 90, minutes = 375): number[] {
  return Array.from({ length: minutes }, (_, i) => roundToTick(start + perMinute * i + amplitude * Math.sin((2 * Math.PI * i) / period), 0.05));
}
