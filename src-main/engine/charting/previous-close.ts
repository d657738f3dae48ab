import { istDateKey } from '#core/time-ist';
import type { Bar } from '#model/bar';

/**
 * The reference a trader's "change" is measured from: the close of the last session before the one
 * `atMs` falls in. Daily bars are stamped at their session's open, so a bar of an earlier IST date is an
 * earlier session; today's own daily bar (closed after 15:30) is skipped, so the evening still shows the
 * day's change rather than zero.
 */
export function previousClose(daily: readonly Bar[], atMs: number): number | undefined {
  const today = istDateKey(atMs);
  for (let i = daily.length - 1; i >= 0; i--) {
    const b = daily[i]!;
    if (b.closed && istDateKey(b.tsStart) < today) return b.close;
  }
  return undefined;
}
