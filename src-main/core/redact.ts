/**
 * Keeps secrets out of logs, two ways. By name: a field called like a secret (`api_key`, `apiKey`,
 * `token`, `authorization`, `password`, `secret`, … at any depth, also inside errors) is censored, and
 * so is `name: value` / `name=value` text inside any string. By value: every secret the process knows
 * (the saved API key; any other a shell registers, such as an access token) is registered here, and any
 * log line that contains one (the message, a nested field, an error's text or stack) has it replaced,
 * whatever it is called or wherever it was echoed (an OpenAlgo error that repeats the request, a URL
 * with the key in its query).
 */
export const REDACTED = '[redacted]';

/** Shorter values would censor ordinary words; no real key or token is this short. */
const MIN_SECRET_LENGTH = 6;
const MAX_DEPTH = 32;
const NAME_ENDINGS = ['apikey', 'token', 'authorization', 'password', 'passwd', 'secret', 'cookie'];

const secretValues = new Set<string>();
/** Every form a registered secret can take in a JSON log line, longest first. */
let secretForms: string[] = [];

function formsOf(value: string): string[] {
  const jsonEscaped = JSON.stringify(value).slice(1, -1);
  const twiceEscaped = JSON.stringify(jsonEscaped).slice(1, -1);
  return [value, jsonEscaped, twiceEscaped, encodeURIComponent(value)];
}

/** Makes every later log line censor `value` wherever it appears. */
export function registerSecret(value: string | undefined): void {
  if (value === undefined || value.length < MIN_SECRET_LENGTH || secretValues.has(value)) return;
  secretValues.add(value);
  secretForms = [...new Set([...secretForms, ...formsOf(value)])].sort((a, b) => b.length - a.length);
}

export function isSecretName(key: string): boolean {
  const k = key.toLowerCase().replace(/[-_\s]/g, '');
  return NAME_ENDINGS.some((n) => k.endsWith(n));
}

// `api_key":"…"`, `apikey=…`, `token: …`, `Authorization: Bearer …`, `Cookie: a=b` inside text. The value
// stops at a quote, backslash, separator or bracket.
const NAME_VALUE = /((?:api[_-]?key|access[_-]?token|auth[_-]?token|token|authorization|password|passwd|secret|cookie)(?:\\*["'])?\s*[:=]\s*(?:\\*["'])?)((?:Bearer|Basic|Token)\s+)?[^\s"'\\,;&{}[\]<>]+/gi;
/** Cheap test: a line without any of these has nothing to censor by name. */
const ANY_NAME = /api[_-]?key|token|authorization|passw(?:or)?d|secret|cookie/i;

function redactValues(text: string): string {
  let out = text;
  for (const form of secretForms) if (out.includes(form)) out = out.split(form).join(REDACTED);
  return out;
}

/** Censors registered secrets and `name: value` pairs in free text (a message, an error's text). */
export function redactText(text: string): string {
  const out = redactValues(text);
  return ANY_NAME.test(out) ? out.replace(NAME_VALUE, (_m, prefix: string) => `${prefix}${REDACTED}`) : out;
}

function walk(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return REDACTED;
  if (Array.isArray(value)) return value.map((v) => walk(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] = isSecretName(key) && v !== null && typeof v !== 'boolean' ? REDACTED : walk(v, depth + 1);
  }
  return out;
}

/**
 * Censors one serialized JSON log line (pino's `streamWrite` hook), so the message, child bindings and
 * serialized errors with their stacks and causes are all covered, at any depth. A line that mentions
 * no secret name is only scanned for registered values.
 */
export function redactLogLine(line: string): string {
  const out = redactValues(line);
  if (!ANY_NAME.test(out)) return out;
  let parsed: unknown;
  try {
    parsed = JSON.parse(out);
  } catch {
    return redactText(out);
  }
  return `${JSON.stringify(walk(parsed, 0))}${out.endsWith('\n') ? '\n' : ''}`;
}
