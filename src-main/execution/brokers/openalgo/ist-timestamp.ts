import { IST_OFFSET_MS, istParts } from '#core/time-ist';

const MONTHS: Readonly<Record<string, number>> = { JAN: 1, FEB: 2, MAR: 3, APR: 4, MAY: 5, JUN: 6, JUL: 7, AUG: 8, SEP: 9, OCT: 10, NOV: 11, DEC: 12 };
const DAY_MS = 86_400_000;
/** A time-only stamp later than now by more than this belongs to the previous IST day. */
const FUTURE_SLACK_MS = 60_000;

const TIME = String.raw`(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?`;
/** `08-Apr-2025 13:58:03`: live order book rows (broker mappers; fixture F2, orderstatus). */
const DAY_MON_YEAR = new RegExp(String.raw`^(\d{1,2})-([A-Za-z]{3})-(\d{4})[ T]${TIME}$`);
/** `2025-04-08 13:58:03`: the sandbox, and brokers passing a Python datetime through; an ISO offset wins over IST. */
const YEAR_MONTH_DAY = new RegExp(String.raw`^(\d{4})-(\d{2})-(\d{2})[ T]${TIME}(Z|[+-]\d{2}:?\d{2})?$`);
/** `08-04-2025 13:58:03`. */
const DAY_MONTH_YEAR = new RegExp(String.raw`^(\d{1,2})[-/](\d{1,2})[-/](\d{4})[ T]${TIME}$`);
/** `13:58:03 08-04-2025`: Shoonya-style stamps, time first. */
const TIME_FIRST = new RegExp(String.raw`^${TIME} (\d{1,2})[-/](\d{1,2})[-/](\d{4})$`);
/** `13:58:03`: trade book rows of some brokers (and OpenAlgo's docs sample): today's session. */
const TIME_ONLY = new RegExp(String.raw`^${TIME}$`);

interface Wall {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

/** Epoch ms of a wall time at `offsetMs` from UTC, or undefined if any field is out of range. */
function epochOf(w: Wall, offsetMs: number): number | undefined {
  if (w.month < 1 || w.month > 12 || w.day < 1 || w.hour > 23 || w.minute > 59 || w.second > 59) return undefined;
  const utc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  // Date.UTC rolls 31 Feb over into March: a date that does not round-trip is not a date.
  if (new Date(utc).getUTCDate() !== w.day) return undefined;
  return utc - offsetMs;
}

function offsetOf(zone: string | undefined): number {
  if (zone === undefined) return IST_OFFSET_MS;
  if (zone === 'Z') return 0;
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(zone)!;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) * 60_000;
}

const n = (s: string | undefined): number => (s === undefined ? 0 : Number(s));

/**
 * Epoch ms of an OpenAlgo order or trade timestamp. OpenAlgo passes each broker's own stamp through
 * (openalgo.md §3.2: the format is broker-specific); all of them are IST wall times unless they carry an
 * offset. Undefined when the text is in none of the known forms: a caller must then treat the time as
 * unknown, never as now.
 */
export function parseOpenAlgoTime(text: string | undefined, nowMs: number): number | undefined {
  const s = text?.trim();
  if (!s) return undefined;
  let m = DAY_MON_YEAR.exec(s);
  if (m) {
    const month = MONTHS[m[2]!.toUpperCase()];
    if (month === undefined) return undefined;
    return epochOf({ year: n(m[3]), month, day: n(m[1]), hour: n(m[4]), minute: n(m[5]), second: n(m[6]) }, IST_OFFSET_MS);
  }
  m = YEAR_MONTH_DAY.exec(s);
  if (m) return epochOf({ year: n(m[1]), month: n(m[2]), day: n(m[3]), hour: n(m[4]), minute: n(m[5]), second: n(m[6]) }, offsetOf(m[7]));
  m = DAY_MONTH_YEAR.exec(s);
  if (m) return epochOf({ year: n(m[3]), month: n(m[2]), day: n(m[1]), hour: n(m[4]), minute: n(m[5]), second: n(m[6]) }, IST_OFFSET_MS);
  m = TIME_FIRST.exec(s);
  if (m) return epochOf({ year: n(m[6]), month: n(m[5]), day: n(m[4]), hour: n(m[1]), minute: n(m[2]), second: n(m[3]) }, IST_OFFSET_MS);
  m = TIME_ONLY.exec(s);
  if (m) {
    // OpenAlgo's books hold only the current session (it starts at 03:00 IST), so the day is today's in IST,
    // or yesterday's for a stamp that would lie in the future (an MCX fill before midnight read after it).
    const today = istParts(nowMs);
    const at = epochOf({ year: today.year, month: today.month, day: today.day, hour: n(m[1]), minute: n(m[2]), second: n(m[3]) }, IST_OFFSET_MS);
    if (at === undefined) return undefined;
    return at > nowMs + FUTURE_SLACK_MS ? at - DAY_MS : at;
  }
  return undefined;
}
