/**
 * Python's `float()`, `int()` and `datetime.strptime(v, "%Y-%m-%d")` as marshmallow applies them to
 * JSON values: `" 7 "` and `"1_000"` are numbers, `True` is not, `int(1.5)` truncates to 1.
 */

/** Python strips Unicode whitespace, which includes the separators U+001C..U+001F and U+0085. */
const PY_SPACE = new Set(['\u001c', '\u001d', '\u001e', '\u001f', '\u0085']);
const isPySpace = (c: string): boolean => /\s/.test(c) || PY_SPACE.has(c);
function pyStrip(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && isPySpace(s[a]!)) a++;
  while (b > a && isPySpace(s[b - 1]!)) b--;
  return s.slice(a, b);
}
const DIGITS = '\\d(?:_?\\d)*';
const PY_FLOAT = new RegExp(`^[+-]?(?:(?:${DIGITS})?\\.${DIGITS}|${DIGITS}\\.?)(?:[eE][+-]?${DIGITS})?$`);
const PY_INT = new RegExp(`^[+-]?${DIGITS}$`);
const PY_SPECIAL = /^[+-]?(inf|infinity|nan)$/i;

export type PyNumber = { ok: true; value: number } | { ok: false };

/** `float(value)` for a JSON value; booleans are rejected as marshmallow does before calling it. */
export function pyFloat(value: unknown): PyNumber {
  if (typeof value === 'number') return { ok: true, value };
  if (typeof value !== 'string') return { ok: false };
  const s = pyStrip(value);
  if (PY_SPECIAL.test(s)) return { ok: true, value: /nan/i.test(s) ? Number.NaN : s.startsWith('-') ? -Infinity : Infinity };
  if (!PY_FLOAT.test(s)) return { ok: false };
  return { ok: true, value: Number(s.replaceAll('_', '')) };
}

/** `int(value)`: numbers truncate toward zero, strings must be plain integers. */
export function pyInt(value: unknown): PyNumber {
  if (typeof value === 'number') return Number.isFinite(value) ? { ok: true, value: Math.trunc(value) } : { ok: false };
  if (typeof value !== 'string') return { ok: false };
  const s = pyStrip(value);
  if (!PY_INT.test(s)) return { ok: false };
  return { ok: true, value: Number(s.replaceAll('_', '')) };
}

/**
 * `strptime(value, "%Y-%m-%d")`: four-digit year, month and day with or without a leading zero (a day
 * may also be a space and a digit), and a real calendar date. Returns `YYYY-MM-DD` or undefined.
 */
export function pyStrptimeYmd(value: string): string | undefined {
  const m = /^(\d{4})-(1[0-2]|0[1-9]|[1-9])-(3[01]|[12]\d|0[1-9]|[1-9]| [1-9])$/.exec(value);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3]!.trim())];
  if (y < 1) return undefined;
  const days = new Date(Date.UTC(2000, mo, 0)).getUTCDate();
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  if (d > (mo === 2 ? (leap ? 29 : 28) : days)) return undefined;
  return `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
