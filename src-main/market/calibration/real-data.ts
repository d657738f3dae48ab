import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { DailyRow, MinuteRow } from './metrics.ts';

/**
 * Readers for the research files the calibration is checked against (NSE Indices daily exports and
 * start-stamped 1-minute index bars). They are read from a folder named on the command line at check
 * time and never copied into the project: the data has no licence.
 */
export interface RealData {
  readonly niftyDaily: readonly DailyRow[];
  readonly bankDaily: readonly DailyRow[];
  readonly vixDaily: readonly DailyRow[];
  readonly niftyMinute: readonly MinuteRow[];
  readonly bankMinute: readonly MinuteRow[];
}

/** The window where NIFTY, NIFTY BANK and INDIA VIX all have daily OHLC. */
export const DAILY_WINDOW = { from: '2010-07-19', to: '2022-08-26' } as const;

export function readRealData(dir: string): RealData {
  return {
    niftyDaily: readDaily(path.join(dir, 'nifty50-daily.csv')),
    bankDaily: readDaily(path.join(dir, 'niftybank-daily.csv')),
    vixDaily: readDaily(path.join(dir, 'indiavix-daily.csv'), true),
    niftyMinute: readMinute(path.join(dir, 'nifty50-1minute-2024.csv')),
    bankMinute: readMinute(path.join(dir, 'niftybank-1minute-2024.csv')),
  };
}

function lines(file: string): string[][] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .slice(1)
    .filter((l) => l.trim() !== '')
    .map((l) => l.split(','));
}

const isWeekday = (dateKey: string): boolean => {
  const d = new Date(`${dateKey}T12:00:00Z`).getUTCDay();
  return d !== 0 && d !== 6;
};

/** Weekday sessions inside DAILY_WINDOW with a usable open and close (VIX: close only, open unused). */
function readDaily(file: string, closeOnly = false): DailyRow[] {
  const out: DailyRow[] = [];
  for (const [date, open, , , close] of lines(file)) {
    if (!date || date < DAILY_WINDOW.from || date > DAILY_WINDOW.to || !isWeekday(date)) continue;
    const o = Number(open);
    const c = Number(close);
    if (!(c > 0) || (!closeOnly && !(o > 0))) continue;
    out.push({ dateKey: date, open: closeOnly ? c : o, close: c });
  }
  return out;
}

/** Weekday bars 09:15–15:29 (special Saturday sessions and the junk after 15:30 are dropped). */
function readMinute(file: string): MinuteRow[] {
  const out: MinuteRow[] = [];
  for (const [, date, time, open, , , close] of lines(file)) {
    if (!date || !time) continue;
    const dateKey = `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}`;
    if (!isWeekday(dateKey)) continue;
    const minute = Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5)) - (9 * 60 + 15);
    if (minute < 0 || minute > 374) continue;
    out.push({ dateKey, minute, open: Number(open), close: Number(close) });
  }
  return out;
}

