import type { Clock, TimerHandle } from '#core/clock';
import { createRandom } from '#core/random';
import type { Tick } from '#model/bar';
import type { InstrumentId } from '#model/ids';
import type { Feed, FeedMode, FeedStatus } from '#market/feed';

/**
 * A small deterministic Feed: every `intervalMs` each subscribed instrument takes a seeded random-walk
 * step, at any hour. Tests drive the simulator with it; the real market simulator trades only in session.
 */
export interface SteadyFeed extends Feed {
  /** Emits one tick for every subscribed instrument now, outside the timer. */
  step(): void;
}

export function createSteadyFeed(options: { clock: Clock; seed: number; intervalMs: number; prices: Readonly<Record<string, number>> }): SteadyFeed {
  const { clock } = options;
  const random = createRandom(options.seed);
  const prices = new Map<string, number>(Object.entries(options.prices));
  const subscribed = new Set<InstrumentId>();
  const tickHandlers = new Set<(t: Tick) => void>();
  const statusHandlers = new Set<(s: FeedStatus) => void>();
  let status: FeedStatus = { state: 'idle', tsEvent: clock.now() };
  let timer: TimerHandle | undefined;
  const setStatus = (state: FeedStatus['state']): void => {
    status = { state, tsEvent: clock.now() };
    for (const h of statusHandlers) h(status);
  };
  const step = (): void => {
    for (const id of subscribed) {
      const p = prices.get(id);
      if (p === undefined) continue;
      const next = Math.max(0.05, Math.round(p * (1 + 0.0005 * random.normal()) * 20) / 20);
      prices.set(id, next);
      const tick: Tick = { instrumentId: id, tsEvent: clock.now(), ltp: next };
      for (const h of tickHandlers) h(tick);
    }
  };
  return {
    name: 'steady',
    async start() {
      timer = clock.setInterval(options.intervalMs, step);
      setStatus('connected');
    },
    async stop() {
      timer?.cancel();
      setStatus('stopped');
    },
    subscribe(ids: readonly InstrumentId[], _mode: FeedMode) {
      for (const id of ids) subscribed.add(id);
    },
    unsubscribe(ids) {
      for (const id of ids) subscribed.delete(id);
    },
    onTick(h) {
      tickHandlers.add(h);
      return () => tickHandlers.delete(h);
    },
    onStatus(h) {
      statusHandlers.add(h);
      return () => statusHandlers.delete(h);
    },
    status: () => status,
    step,
  };
}
