/**
 * The orders actually sent in the last second, overall (SEBI's retail-algo threshold is per client, not
 * per bot). Times are the proposals' engine-clock stamps, so a backtest sees the same windows as live.
 */
export interface OrderRateWindow {
  record(ts: number): void;
  /** Sends in (ts − 1000, ts]. */
  countAt(ts: number): number;
  /** How long until one more send fits under `max` at `ts`, 0 when it fits now. */
  waitFor(ts: number, max: number): number;
}

const WINDOW_MS = 1000;

export function createOrderRateWindow(): OrderRateWindow {
  const sent: number[] = [];
  const prune = (ts: number): void => {
    while (sent.length > 0 && sent[0]! <= ts - WINDOW_MS) sent.shift();
  };
  return {
    record(ts) {
      prune(ts);
      let i = sent.length;
      while (i > 0 && sent[i - 1]! > ts) i--;
      sent.splice(i, 0, ts);
    },
    countAt(ts) {
      prune(ts);
      let n = 0;
      for (const t of sent) if (t <= ts) n++;
      return n;
    },
    waitFor(ts, max) {
      prune(ts);
      const inWindow = sent.filter((t) => t <= ts);
      if (inWindow.length < max) return 0;
      return inWindow[inWindow.length - max]! + WINDOW_MS - ts;
    },
  };
}
