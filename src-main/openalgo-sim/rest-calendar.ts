import { muhuratSessionOn, nseCalendar, sessionOn } from '#calendar/nse-calendar';
import { istDateFromKey, istDateKey, istParts } from '#core/time-ist';
import { pyStrptimeYmd } from './marshmallow/py-parse.ts';
import type { DataContext } from './rest-account.ts';
import type { Reply } from './rest-orders.ts';

/**
 * `/market/holidays` and `/market/timings` (`market_calendar_service`, `database/market_calendar_db.py`)
 * answered from the project's NSE calendar. OpenAlgo checks no API key on these two. The simulator
 * models the NSE/BSE segments only: a holiday closes NSE, BSE, NFO, BFO, CDS and BCD, and MCX's evening
 * session on such days (which OpenAlgo's seed data lists) is not claimed.
 */
type Body = Record<string, unknown>;

const NSE_FAMILY = ['NSE', 'BSE', 'NFO', 'BFO', 'CDS', 'BCD'] as const;
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

/** OpenAlgo's `DEFAULT_MARKET_TIMINGS` for the segments the project's calendar does not cover, IST. */
const OTHER_HOURS: Readonly<Record<string, readonly [number, number]>> = {
  CDS: [9 * HOUR_MS, 17 * HOUR_MS],
  BCD: [9 * HOUR_MS, 17 * HOUR_MS],
  MCX: [9 * HOUR_MS, 23 * HOUR_MS + 55 * MINUTE_MS],
  NCO: [9 * HOUR_MS, 23 * HOUR_MS + 55 * MINUTE_MS],
  CRYPTO: [0, DAY_MS - 1000],
};
const SUPPORTED = ['NSE', 'BSE', 'NFO', 'BFO', 'MCX', 'BCD', 'CDS', 'NCO', 'CRYPTO'] as const;

interface Window {
  exchange: string;
  start_time: number;
  end_time: number;
}

/** A special or Muhurat session on `dateKey`: the same window on every NSE/BSE segment. */
function specialWindows(dateKey: string): Window[] | undefined {
  const muhurat = muhuratSessionOn(dateKey);
  const s = sessionOn(dateKey);
  const special = muhurat ?? (s?.kind === 'special' ? s : undefined);
  if (!special) return undefined;
  return NSE_FAMILY.map((exchange) => ({ exchange, start_time: special.open, end_time: special.close }));
}

function holidays(ctx: DataContext, b: Body): Reply {
  const year = (b.year as number | undefined) ?? istParts(ctx.clock.now()).year;
  const entries: { date: string; description: string; holiday_type: string; closed_exchanges: string[]; open_exchanges: Window[] }[] = [];
  const listed = new Map(nseCalendar().holidaysIn(year).map((h) => [h.date, h.name]));
  for (let t = istDateFromKey(`${year}-01-01`); istParts(t).year === year; t += DAY_MS) {
    const key = istDateKey(t);
    const open = specialWindows(key);
    if (open) entries.push({ date: key, description: listed.get(key) ?? (muhuratSessionOn(key) ? 'Muhurat trading' : 'Special trading session'), holiday_type: 'SPECIAL_SESSION', closed_exchanges: [], open_exchanges: open });
    else if (listed.has(key)) entries.push({ date: key, description: listed.get(key)!, holiday_type: 'TRADING_HOLIDAY', closed_exchanges: [...NSE_FAMILY], open_exchanges: [] });
  }
  return [200, { status: 'success', year, timezone: 'Asia/Kolkata', data: entries }];
}

function timings(_ctx: DataContext, b: Body): Reply {
  const key = pyStrptimeYmd(b.date as string);
  if (!key) return [400, { status: 'error', message: 'Invalid date format. Use YYYY-MM-DD' }];
  if (key < '2020-01-01' || key > '2050-12-31') return [400, { status: 'error', message: 'Date must be between 2020-01-01 and 2050-12-31' }];
  const midnight = istDateFromKey(key);
  const special = specialWindows(key);
  if (special) return [200, { status: 'success', data: special }];
  if (nseCalendar().holidayName(key)) return [200, { status: 'success', data: [] }];
  const weekday = istParts(midnight).weekday;
  if (weekday === 0 || weekday === 6) return [200, { status: 'success', data: [{ exchange: 'CRYPTO', start_time: midnight, end_time: midnight + OTHER_HOURS.CRYPTO![1] }] }];
  const equity = sessionOn(key, 'equity')!;
  const fno = sessionOn(key, 'fno')!;
  const data = SUPPORTED.map((exchange) => {
    if (exchange === 'NSE' || exchange === 'BSE') return { exchange, start_time: equity.open, end_time: equity.close };
    if (exchange === 'NFO' || exchange === 'BFO') return { exchange, start_time: fno.open, end_time: fno.close };
    const [from, to] = OTHER_HOURS[exchange]!;
    return { exchange, start_time: midnight + from, end_time: midnight + to };
  });
  return [200, { status: 'success', data }];
}

export const calendarHandlers: Record<string, (ctx: DataContext, b: Body) => Reply> = {
  'market/holidays': holidays,
  'market/timings': timings,
};
