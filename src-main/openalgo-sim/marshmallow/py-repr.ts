/**
 * Python's `repr` for the values OpenAlgo puts in error text. OpenAlgo answers a schema error with
 * `str(err.messages)`, the repr of marshmallow's error dict, so the simulator has to print dicts, lists,
 * strings and floats exactly as CPython does.
 */

/** marshmallow's error tree: field name (or list index) → messages or a nested tree. */
export type ErrorTree = Map<string | number, ErrorNode>;
export type ErrorNode = string[] | ErrorTree;

/** `repr(str)`: single quotes unless the text has a single quote and no double quote. */
export function pyStrRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === quote) out += `\\${quote}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || (code >= 0x7f && code <= 0xa0)) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return out + quote;
}

/**
 * `repr(float)`: the shortest round-trip digits, like JavaScript, but Python switches to exponent form
 * below 1e-4 and from 1e16, writes `1e-05` (two exponent digits at least) and keeps `.0` on whole numbers.
 */
export function pyFloatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const abs = Math.abs(x);
  if (abs >= 1e-4 && abs < 1e16) {
    const s = String(x);
    return s.includes('.') ? s : `${s}.0`;
  }
  const [mantissa, exp] = x.toExponential().split('e') as [string, string];
  const sign = exp.startsWith('-') ? '-' : '+';
  const digits = exp.replace(/^[+-]/, '').padStart(2, '0');
  return `${mantissa}e${sign}${digits}`;
}

/** `repr(int)`. */
export function pyIntRepr(n: number): string {
  return BigInt(Math.trunc(n)).toString();
}

/** `str(err.messages)` for marshmallow's error tree. */
export function pyErrorRepr(tree: ErrorTree): string {
  const node = (n: ErrorNode): string => (Array.isArray(n) ? `[${n.map(pyStrRepr).join(', ')}]` : pyErrorRepr(n));
  const parts = [...tree].map(([k, v]) => `${typeof k === 'number' ? String(k) : pyStrRepr(k)}: ${node(v)}`);
  return `{${parts.join(', ')}}`;
}

/** The same tree as `jsonify` renders it: list indices become string keys. */
export function errorTreeJson(tree: ErrorTree): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of tree) out[String(k)] = Array.isArray(v) ? [...v] : errorTreeJson(v);
  return out;
}
