/** The rows a windowed table draws: those in view plus `overscan` on each side. */
export interface RowWindow {
  readonly start: number;
  /** Exclusive. */
  readonly end: number;
  /** Pixels above the first drawn row and below the last, kept as spacers so the scroll bar stays true. */
  readonly padTop: number;
  readonly padBottom: number;
}

export function rowWindow(scrollTop: number, viewHeight: number, rowHeight: number, count: number, overscan = 8): RowWindow {
  if (count <= 0 || rowHeight <= 0) return { start: 0, end: 0, padTop: 0, padBottom: 0 };
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const visible = Math.ceil(Math.max(viewHeight, rowHeight) / rowHeight);
  const end = Math.min(count, first + visible + 2 * overscan);
  const start = Math.min(first, end);
  return { start, end, padTop: start * rowHeight, padBottom: (count - end) * rowHeight };
}
