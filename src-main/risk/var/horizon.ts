/**
 * The horizons VaR is measured over. One day is one session's move with one calendar day of decay;
 * intraday is `minutes` of trading, with the daily move scaled by √(minutes ÷ 375) (375 minutes in an
 * NSE session) where a daily sample is all there is, and `minutes` of calendar decay.
 */
export type VarHorizon = { readonly kind: 'one-day' } | { readonly kind: 'intraday'; readonly minutes: number };

export const SESSION_MINUTES = 375;
const MINUTES_PER_YEAR = 365 * 1440;

export function horizonYears(h: VarHorizon): number {
  return h.kind === 'one-day' ? 1 / 365 : h.minutes / MINUTES_PER_YEAR;
}

/** Scale of a daily move over the horizon (square-root-of-time). */
export function dailyScale(h: VarHorizon): number {
  return h.kind === 'one-day' ? 1 : Math.sqrt(Math.min(h.minutes, SESSION_MINUTES) / SESSION_MINUTES);
}

export function horizonLabel(h: VarHorizon): string {
  return h.kind === 'one-day' ? '1 day' : `${h.minutes} min`;
}
