/** Cell readers shared by the CSV formats: timestamps as exports spell them, and plain numbers. */
const MONTHS: Record<string, number> = { JAN: 1, FEB: 2, MAR: 3, APR: 4, MAY: 5, JUN: 6, JUL: 7, AUG: 8, SEP: 9, OCT: 10, NOV: 11, DEC: 12 };

export interface WallTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  /** True when the text carried no time of day. */
  readonly dateOnly: boolean;
}

/**
 * Parses the timestamp spellings seen in broker and exchange exports. Returns an epoch when the text
 * pins one (epoch numbers, ISO with Z or an offset), a wall time when it is naive, undefined if neither.
 */
export function parseTimestamp(text: string): { epochMs: number } | { wall: WallTime } | undefined {
  const t = text.trim();
  if (/^\d{9,13}$/.test(t)) {
    const n = Number(t);
    return { epochMs: n < 1e11 ? n * 1000 : n };
  }
  if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(t)) {
    const ms = Date.parse(t.replace(' ', 'T').replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
    return Number.isFinite(ms) ? { epochMs: ms } : undefined;
  }
  let m = /^(\d{4})-?(\d{2})-?(\d{2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(t);
  if (m) return wall(+m[1]!, +m[2]!, +m[3]!, m[4], m[5], m[6]);
  m = /^(\d{1,2})[-/ ]([A-Za-z]{3})[-/ ](\d{4})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(t);
  if (m && MONTHS[m[2]!.toUpperCase()]) return wall(+m[3]!, MONTHS[m[2]!.toUpperCase()]!, +m[1]!, m[4], m[5], m[6]);
  m = /^(\d{1,2})[-/](\d{1,2})[-/](\d{4})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(t);
  if (m) return wall(+m[3]!, +m[2]!, +m[1]!, m[4], m[5], m[6]);
  return undefined;
}

function wall(year: number, month: number, day: number, h?: string, mi?: string, s?: string): { wall: WallTime } | undefined {
  const w: WallTime = { year, month, day, hour: h ? +h : 0, minute: mi ? +mi : 0, second: s ? +s : 0, dateOnly: h === undefined };
  const d = new Date(Date.UTC(year, month - 1, day, w.hour, w.minute, w.second));
  if (d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day || w.hour > 23 || w.minute > 59 || w.second > 59) return undefined;
  return { wall: w };
}

/** A finite number, or undefined (empty cells, "-", text). Thousands separators are not accepted. */
export function parseNumber(text: string | undefined): number | undefined {
  if (text === undefined || text.trim() === '' || !/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(text.trim())) return undefined;
  return Number(text);
}

export { MONTHS };
