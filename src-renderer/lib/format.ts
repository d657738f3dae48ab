const IST_OFFSET_MS = 330 * 60_000;

/** `HH:MM:SS IST` of an epoch ms; IST is a fixed offset, so no Intl time-zone data is needed. */
export function formatIstClock(epochMs: number): string {
  return `${new Date(epochMs + IST_OFFSET_MS).toISOString().slice(11, 19)} IST`;
}

/** `HH:MM` in IST, for axis-like labels and "since" texts. */
export function formatIstTime(epochMs: number): string {
  return new Date(epochMs + IST_OFFSET_MS).toISOString().slice(11, 16);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

export function formatIstDate(epochMs: number): string {
  const d = new Date(epochMs + IST_OFFSET_MS);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** The IST calendar date of an instant, `YYYY-MM-DD`. */
export function istDateKeyOf(epochMs: number): string {
  return new Date(epochMs + IST_OFFSET_MS).toISOString().slice(0, 10);
}

/** `2026-12-01` → `1 Dec` (an expiry, a session date). */
export function formatDateKey(key: string): string {
  const [, m, d] = key.split('-').map(Number);
  return `${d} ${MONTHS[(m ?? 1) - 1]}`;
}

/** Days since the epoch on the IST calendar: equal for two instants on the same Indian trading day. */
export function istDay(epochMs: number): number {
  return Math.floor((epochMs + IST_OFFSET_MS) / 86_400_000);
}

const formats = new Map<number, Intl.NumberFormat>();

/** Indian digit grouping (1,23,456.78), as traders read prices and rupees. One formatter per precision: building one per call costs more than a whole watchlist row. */
export function formatPrice(value: number, decimals = 2): string {
  let f = formats.get(decimals);
  if (!f) {
    f = new Intl.NumberFormat('en-IN', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
    formats.set(decimals, f);
  }
  return f.format(value);
}

/** Rupees with Indian grouping and sign: `₹1,23,456`, `−₹4,500.50`. */
export function formatInr(value: number, decimals = 0): string {
  const sign = value < 0 ? '−' : '';
  return `${sign}₹${formatPrice(Math.abs(value), decimals)}`;
}

/** Rupees in lakh and crore for tight places: `₹4.52 L`, `₹1.20 Cr`; below a lakh in full. */
export function formatInrCompact(value: number): string {
  const sign = value < 0 ? '−' : '';
  const a = Math.abs(value);
  if (a >= 1e7) return `${sign}₹${formatPrice(a / 1e7, 2)} Cr`;
  if (a >= 1e5) return `${sign}₹${formatPrice(a / 1e5, 2)} L`;
  return `${sign}₹${formatPrice(a, 0)}`;
}

/**
 * A rupee scale's tick labels: lakh and crore when the ticks lie further apart than those labels resolve
 * (₹1,000 in lakh, ₹1 L in crore), else full rupees, else paise. An equity curve of ₹50 L that moved a
 * thousand rupees would otherwise label every tick `₹50.00 L`.
 */
export function formatInrTicks(values: readonly number[]): string[] {
  const sorted = [...values].sort((a, b) => a - b);
  let step = Number.POSITIVE_INFINITY;
  for (let i = 1; i < sorted.length; i++) if (sorted[i]! > sorted[i - 1]!) step = Math.min(step, sorted[i]! - sorted[i - 1]!);
  const top = Math.max(0, ...values.map(Math.abs));
  const resolution = top >= 1e7 ? 1e5 : top >= 1e5 ? 1e3 : 1;
  if (step >= resolution) return values.map(formatInrCompact);
  return values.map((v) => formatInr(v, step >= 1 ? 0 : 2));
}

/** Quantities such as OI and volume in lakh and crore, without the rupee sign. */
export function formatQuantity(value: number): string {
  const sign = value < 0 ? '−' : '';
  const a = Math.abs(value);
  if (a >= 1e7) return `${sign}${formatPrice(a / 1e7, 2)} Cr`;
  if (a >= 1e5) return `${sign}${formatPrice(a / 1e5, 2)} L`;
  return `${sign}${formatPrice(a, 0)}`;
}

/** A signed change of a quantity (an OI change): `+1.25 L`, `−43,000`, `0`; never a rounded-away `−0.00 L`. */
export function formatSignedQuantity(value: number): string {
  if (value === 0) return '0';
  return `${value > 0 ? '+' : '−'}${formatQuantity(Math.abs(value))}`;
}

/** A signed change: `+12.50`, `−3.25` (a real minus sign, so columns line up). */
export function formatSigned(value: number, decimals = 2): string {
  if (value === 0) return formatPrice(0, decimals);
  return `${value > 0 ? '+' : '−'}${formatPrice(Math.abs(value), decimals)}`;
}

export function formatPercent(value: number, decimals = 2): string {
  return `${formatSigned(value, decimals)}%`;
}

/** How long ago, for a status line: `0.4 s`, `12 s`, `5 min`, `3 h`. */
export function formatAge(ms: number): string {
  const a = Math.max(0, ms);
  if (a < 10_000) return `${(a / 1000).toFixed(1)} s`;
  if (a < 60_000) return `${Math.round(a / 1000)} s`;
  if (a < 3_600_000) return `${Math.round(a / 60_000)} min`;
  return `${Math.round(a / 3_600_000)} h`;
}

/**
 * lightweight-charts draws times as UTC seconds; shifting by the IST offset makes its axis read IST.
 */
export function toChartTime(epochMs: number): number {
  return Math.floor((epochMs + IST_OFFSET_MS) / 1000);
}

/** The inverse of `toChartTime`. */
export function fromChartTime(seconds: number): number {
  return seconds * 1000 - IST_OFFSET_MS;
}
