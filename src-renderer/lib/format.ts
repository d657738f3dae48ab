const IST_OFFSET_MS = 330 * 60_000;

/** `HH:MM:SS IST` of an epoch ms; IST is a fixed offset, so no Intl time-zone data is needed. */
export function formatIstClock(epochMs: number): string {
  return `${new Date(epochMs + IST_OFFSET_MS).toISOString().slice(11, 19)} IST`;
}

export function formatIstDate(epochMs: number): string {
  const d = new Date(epochMs + IST_OFFSET_MS);
  return `${d.getUTCDate()} ${d.toLocaleString('en-IN', { month: 'short', timeZone: 'UTC' })} ${d.getUTCFullYear()}`;
}

/** Indian digit grouping (1,23,456.78), as traders read prices and rupees. */
/** Days since the epoch on the IST calendar: equal for two instants on the same Indian trading day. */
export function istDay(epochMs: number): number {
  return Math.floor((epochMs + IST_OFFSET_MS) / 86_400_000);
}

export function formatPrice(value: number, decimals = 2): string {
  return value.toLocaleString('en-IN', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

/**
 * lightweight-charts draws times as UTC seconds; shifting by the IST offset makes its axis read IST.
 */
export function toChartTime(epochMs: number): number {
  return Math.floor((epochMs + IST_OFFSET_MS) / 1000);
}
