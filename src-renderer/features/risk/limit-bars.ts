import type { LimitUsageDto } from '#contract/trading-dto';

export type UsageLevel = 'ok' | 'near' | 'over';

/** Where a limit stands: near from 75 % of it, over at 100 % (or anything used against a limit of 0). */
export function usageLevel(u: LimitUsageDto): UsageLevel {
  if (u.pct === null || u.pct >= 100) return 'over';
  return u.pct >= 75 ? 'near' : 'ok';
}

/** The bar's fill, 0–100. */
export const barWidth = (u: LimitUsageDto): number => (u.pct === null ? 100 : Math.max(0, Math.min(100, u.pct)));

const sign = (v: number) => (v < 0 ? '−' : '');
const rupees = (v: number) => `${sign(v)}₹${Math.round(Math.abs(v)).toLocaleString('en-IN')}`;
const UNIT: Readonly<Record<string, (v: number) => string>> = {
  rupees,
  lots: (v) => `${round(v, 2)} lots`,
  positions: (v) => `${v}`,
  'orders-per-second': (v) => `${v}/s`,
  'rupees-per-iv-point': (v) => `${rupees(v)}/IV pt`,
  'rupees-per-day': (v) => `${rupees(v)}/day`,
  'lots-per-1pct': (v) => `${round(v, 3)} lots/1%`,
};
function round(v: number, d: number): string {
  return `${sign(v)}${Math.round(Math.abs(v) * 10 ** d) / 10 ** d}`;
}

/** `₹12,500 of ₹50,000`, in the limit's own unit; the sign of a Greek is kept. */
export function usageText(u: LimitUsageDto): string {
  const f = UNIT[u.unit] ?? ((v: number) => String(v));
  return `${f(u.used)} of ${f(u.limit)}`;
}

/** Scope as a heading: portfolio first, then the trader, each bot, each underlying. */
export function scopeTitle(scope: string): string {
  if (scope === 'portfolio') return 'Portfolio';
  if (scope === 'trader') return 'Trader (no bot)';
  if (scope.startsWith('bot:')) return `Bot ${scope.slice(4)}`;
  if (scope.startsWith('underlying:')) return scope.slice('underlying:'.length);
  return scope;
}

export function groupByScope(limits: readonly LimitUsageDto[]): { scope: string; limits: LimitUsageDto[] }[] {
  const order = (s: string) => (s === 'portfolio' ? 0 : s.startsWith('underlying:') ? 1 : s === 'trader' ? 3 : 2);
  const map = new Map<string, LimitUsageDto[]>();
  for (const l of limits) map.set(l.scope, [...(map.get(l.scope) ?? []), l]);
  return [...map.entries()].sort(([a], [b]) => order(a) - order(b) || a.localeCompare(b)).map(([scope, list]) => ({ scope, limits: list }));
}
