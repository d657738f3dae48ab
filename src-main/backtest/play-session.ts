import type { SimClock } from '#core/clock';
import type { TradingSession } from '#market/session-calendar';

/** Clock time between turns of the event loop. */
const TURN_EVERY_MS = 15 * 60_000;

/**
 * Moves the clock through one session from event to event: through the pending clock timers (a replayed
 * tick, the engine's heartbeat, the order book poll, an order path's latency or retry delay, a bar's close)
 * up to the next minute boundary, stopping after each instant at which one did work to let the promise
 * chains it started run to their next clock wait (`settleChains`), so work a timer resumes runs at that
 * timer's instant. The idle firings between (the order book poll with no order to follow:
 * `Clock.setInterval`'s `idle`) start nothing and wait for nothing. Every quarter of an hour on the clock
 * takes a turn of the event loop (`settle`), so an abort and the host's own events are heard within a
 * few milliseconds; nothing of the engine's waits for one (a turn each minute was a fifth of a simple
 * backtest's time). `onMinute` runs on every minute boundary. Returns false when aborted.
 *
 * The closed market before the open is crossed in one step in which each periodic job of the engine (the
 * order book poll, the reconciliation, the heartbeat, VaR) fires once and resumes on its own grid, as the
 * simulation terminal's clock does when it skips a night (`coalesceIntervals`): not the 63,900 order book
 * polls (one a second) and 1,065 reconciliations (one a minute) of a weeknight, which were most of a
 * backtest's time, all ran at the open, and changed nothing but how far the paper broker's seeded latency
 * draws had run.
 */
export async function playSession(clock: SimClock, s: TradingSession, onMinute: (now: number) => void, signal: AbortSignal | undefined): Promise<boolean> {
  if (clock.now() < s.open) clock.advanceTo(s.open, { coalesceIntervals: true });
  await settle();
  while (clock.now() < s.close) {
    if (signal?.aborted) return false;
    const minute = Math.floor(clock.now() / 60_000) * 60_000 + 60_000;
    const busy = clock.advanceTo(Math.min(s.close, minute), { stopWhenBusy: true });
    const atMinute = clock.now() === minute;
    if (atMinute && minute % TURN_EVERY_MS === 0) await settle();
    else if (atMinute || busy > 0) await settleChains();
    if (atMinute) onMinute(minute);
  }
  return true;
}

/**
 * A turn of the event loop: every promise chain has run to its next clock wait (an immediate runs only
 * once the microtask queue is empty), and the host's own events (an abort, a worker's message) are heard.
 * The order path waits on no I/O and no Node timer (SQLite is synchronous; its delays are clock timers),
 * and a backtest's VaR refresh yields on microtasks, so nothing of the engine's needs more than
 * `settleChains`; the turns only keep the host responsive.
 */
export function settle(): Promise<void> {
  return new Promise((r) => setImmediate(r));
}

/**
 * Lets every promise chain the instant's work started run to its next clock wait, without a turn of the
 * event loop: Node runs a queued tick only once the microtask queue is empty, and then this promise's
 * continuation after it. A turn (`settle`) cost more than all the engine's work of a replayed tick; the
 * order path needs no more than its chains run, and the loop still turns every quarter hour of the clock.
 */
export function settleChains(): Promise<void> {
  return new Promise((r) => process.nextTick(r));
}
