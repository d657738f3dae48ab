/** Change of the last price from the previous session's close, absolute and in percent; undefined without a close. */
export function changeFromPrevClose(ltp: number, prevClose: number | undefined): { abs: number; pct: number } | undefined {
  if (prevClose === undefined || !(prevClose > 0)) return undefined;
  const abs = ltp - prevClose;
  return { abs, pct: (abs / prevClose) * 100 };
}

/** CSS tone of a change: up, down, or flat. */
export function toneOf(value: number | undefined): 'up' | 'down' | 'flat' {
  if (value === undefined || value === 0) return 'flat';
  return value > 0 ? 'up' : 'down';
}
