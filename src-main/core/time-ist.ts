/**
 * India Standard Time has no daylight saving: it is UTC+05:30 all year. Arithmetic on that fixed offset
 * is exact and far cheaper than Intl on the tick path.
 */
export const IST_OFFSET_MS = 330 * 60_000;
const DAY_MS = 86_400_000;

export interface IstParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
  /** Minutes since IST midnight. */
  minuteOfDay: number;
}

export function istParts(epochMs: number): IstParts {
  const d = new Date(epochMs + IST_OFFSET_MS);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    weekday: d.getUTCDay(),
    minuteOfDay: d.getUTCHours() * 60 + d.getUTCMinutes(),
  };
}

/** Epoch ms of an IST wall time. */
export function istToEpoch(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  return Date.UTC(year, month - 1, day, hour, minute, second) - IST_OFFSET_MS;
}

/** Epoch ms of IST midnight of the day containing `epochMs`. */
export function istMidnight(epochMs: number): number {
  return Math.floor((epochMs + IST_OFFSET_MS) / DAY_MS) * DAY_MS - IST_OFFSET_MS;
}

/**
 * The last day `istDateKey` formatted, and the days it formatted before: the engine asks about the same
 * few days (today, the expiries it quotes) many times a second, often in turn.
 */
let keyedDay = Number.NaN;
let keyedText = '';
const keyedDays = new Map<number, string>();
const KEYED_DAYS_MAX = 512;

/** `YYYY-MM-DD` of the IST calendar day containing `epochMs`. */
export function istDateKey(epochMs: number): string {
  const day = istMidnight(epochMs);
  if (day !== keyedDay) {
    let text = keyedDays.get(day);
    if (text === undefined) {
      if (keyedDays.size >= KEYED_DAYS_MAX) keyedDays.clear();
      text = new Date(day + IST_OFFSET_MS).toISOString().slice(0, 10);
      keyedDays.set(day, text);
    }
    keyedText = text;
    keyedDay = day;
  }
  return keyedText;
}

/** Parses `YYYY-MM-DD` as IST midnight. */
export function istDateFromKey(key: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(key);
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: "${key}"`);
  return istToEpoch(Number(m[1]), Number(m[2]), Number(m[3]));
}

export function formatIstTime(epochMs: number): string {
  return new Date(epochMs + IST_OFFSET_MS).toISOString().slice(11, 19);
}
