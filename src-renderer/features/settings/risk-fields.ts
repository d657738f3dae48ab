/**
 * The risk limits the settings screen edits, by their path in the `risk` section of config.json. The
 * engine checks a change against the config schema; these only shape the form and catch a non-number.
 */
export type RiskField =
  | { readonly path: string; readonly label: string; readonly kind: 'number'; readonly unit: string; readonly integer?: boolean; readonly sub?: boolean }
  | { readonly path: string; readonly label: string; readonly kind: 'choice'; readonly options: readonly string[]; readonly sub?: boolean }
  | { readonly path: string; readonly label: string; readonly kind: 'boolean'; readonly sub?: boolean };

const lossLimit = (key: string, label: string): RiskField[] => [
  { path: `${key}.limit`, label, kind: 'number', unit: '₹' },
  { path: `${key}.action`, label: 'on a breach, trading goes', kind: 'choice', options: ['reducing', 'halted'], sub: true },
  { path: `${key}.flatten`, label: 'and everything is closed', kind: 'boolean', sub: true },
];

export const RISK_FIELDS: readonly RiskField[] = [
  { path: 'capital', label: 'Account capital', kind: 'number', unit: '₹' },
  ...lossLimit('dailyLoss', 'Daily loss'),
  ...lossLimit('dayDrawdown', 'Drawdown from the day’s peak'),
  ...lossLimit('overallDrawdown', 'Overall drawdown'),
  { path: 'orderRate.maxPerSecond', label: 'Orders per second', kind: 'number', unit: 'orders/s', integer: true },
  { path: 'orderSize.maxLotsPerOrder', label: 'Lots per order', kind: 'number', unit: 'lots', integer: true },
  { path: 'greeks.maxDeltaLots', label: 'Net delta per underlying', kind: 'number', unit: 'lots' },
  { path: 'greeks.maxGammaLots', label: 'Net gamma per underlying', kind: 'number', unit: 'lots per 1 %' },
  { path: 'greeks.maxVega', label: 'Net vega', kind: 'number', unit: '₹/IV pt' },
  { path: 'greeks.maxTheta', label: 'Net theta', kind: 'number', unit: '₹/day' },
  { path: 'shock.maxLoss', label: 'Worst loss in the shock test', kind: 'number', unit: '₹' },
  { path: 'defaultBot.capital', label: 'Per bot: capital', kind: 'number', unit: '₹' },
  { path: 'defaultBot.maxPositions', label: 'Per bot: open positions', kind: 'number', unit: 'positions', integer: true },
  { path: 'defaultBot.maxLots', label: 'Per bot: open lots', kind: 'number', unit: 'lots', integer: true },
];

export type RiskDraft = Readonly<Record<string, string | boolean>>;

/** The value at a dotted path of the limits, or undefined. */
export function readPath(obj: unknown, path: string): unknown {
  let v: unknown = obj;
  for (const k of path.split('.')) v = typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[k] : undefined;
  return v;
}

/** The form's starting values: the saved limits. */
export function draftOf(saved: unknown): Record<string, string | boolean> {
  const out: Record<string, string | boolean> = {};
  for (const f of RISK_FIELDS) {
    const v = readPath(saved, f.path);
    out[f.path] = f.kind === 'boolean' ? v === true : v === undefined ? '' : typeof v === 'number' ? v.toLocaleString('en-IN', { maximumFractionDigits: 6 }) : String(v);
  }
  return out;
}

/**
 * The change to send, nested as config.json nests it (`{ dailyLoss: { limit: 15000 } }`), holding only the
 * fields that differ from the saved limits; a field that is not a number is named instead.
 */
export function riskPatch(saved: unknown, draft: RiskDraft): { patch: Record<string, unknown>; errors: Record<string, string> } {
  const patch: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const f of RISK_FIELDS) {
    const d = draft[f.path];
    const current = readPath(saved, f.path);
    // Only what the saved limits hold is edited here; the rest of the section stays as config.json has it.
    if (d === undefined || current === undefined) continue;
    let value: unknown = d;
    if (f.kind === 'number') {
      const text = String(d).trim().replace(/,/g, '');
      const n = Number(text);
      if (text === '' || !Number.isFinite(n)) {
        errors[f.path] = 'Enter a number.';
        continue;
      }
      if (f.integer && !Number.isInteger(n)) {
        errors[f.path] = 'Must be a whole number.';
        continue;
      }
      value = n;
    }
    if (value === current) continue;
    const keys = f.path.split('.');
    let at = patch;
    for (const k of keys.slice(0, -1)) at = (at[k] ??= {}) as Record<string, unknown>;
    at[keys[keys.length - 1]!] = value;
  }
  return { patch, errors };
}

/** The engine's refusal (`risk.dailyLoss.limit: Too small…; risk.greeks.maxVega: …`) by field of the form. */
export function riskErrors(message: string): { fields: Record<string, string>; general?: string } {
  const fields: Record<string, string> = {};
  const rest: string[] = [];
  // A schema message may hold "; " itself: a new refusal starts only where a field is named.
  for (const part of message.split(/; (?=risk[.:])/)) {
    const m = /^risk\.([\w.]+): (.+)$/.exec(part.trim());
    if (m && RISK_FIELDS.some((f) => f.path === m[1])) fields[m[1]!] = m[2]!.charAt(0).toUpperCase() + m[2]!.slice(1);
    else rest.push(part.trim());
  }
  const general = rest.filter(Boolean).join('; ');
  return general ? { fields, general } : { fields };
}
