import type { Unsubscribe } from '#core/bus';
import type { Clock, TimerHandle } from '#core/clock';
import { createRandom } from '#core/random';
import type { Tick } from '#model/bar';
import type { InstrumentId } from '#model/ids';
import type { Feed, FeedMode, FeedStatus } from '#market/feed';

export interface SyntheticFeedOptions {
  readonly clock: Clock;
  readonly instruments: readonly { readonly id: InstrumentId; readonly price: number }[];
  /** Ticks per second across all instruments. */
  readonly ticksPerSecond: number;
  readonly seed: number;
  /** Engine-clock ms between bursts; each burst carries the ticks due since the last. */
  readonly burstMs?: number;
}

export interface SyntheticFeed extends Feed {
  /** Ticks sent since start. */
  sent(): number;
}

/**
 * A load generator behind the Feed port: random walks for any number of instruments at a fixed total tick
 * rate, round-robin, with volume. For benchmarks of everything downstream of a feed (the UI under load);
 * it says nothing about markets.
 */
export function createSyntheticFeed(options: SyntheticFeedOptions): SyntheticFeed {
  const { clock, instruments } = options;
  const burstMs = options.burstMs ?? 50;
  const random = createRandom(options.seed);
  const prices = instruments.map((i) => i.price);
  const volumes = instruments.map(() => 0);
  const tickHandlers = new Set<(t: Tick) => void>();
  const statusHandlers = new Set<(s: FeedStatus) => void>();
  const subscribed = new Set<InstrumentId>();
  let status: FeedStatus = { state: 'idle', tsEvent: clock.now() };
  let timer: TimerHandle | undefined;
  let next = 0;
  let owed = 0;
  let sent = 0;
  let lastBurst = 0;

  const setStatus = (state: FeedStatus['state']): void => {
    status = { state, tsEvent: clock.now() };
    for (const h of statusHandlers) h(status);
  };

  /** Ticks owed since the last burst, from the time that passed: a paced clock may fire a late interval once. */
  const burst = (): void => {
    const now = clock.now();
    owed += (options.ticksPerSecond * (now - lastBurst)) / 1000;
    lastBurst = now;
    for (; owed >= 1; owed--) {
      const i = next;
      next = (next + 1) % instruments.length;
      prices[i] = Math.max(0.05, prices[i]! * (1 + (random.next() - 0.5) * 0.0008));
      volumes[i] = volumes[i]! + 1 + Math.floor(random.next() * 50);
      const id = instruments[i]!.id;
      if (!subscribed.has(id)) continue;
      const tick: Tick = { instrumentId: id, tsEvent: now, ltp: Math.round(prices[i]! * 20) / 20, volume: volumes[i]! };
      sent++;
      for (const h of tickHandlers) h(tick);
    }
  };

  return {
    name: 'synthetic',
    async start() {
      if (timer) return;
      lastBurst = clock.now();
      timer = clock.setInterval(burstMs, burst);
      setStatus('connected');
    },
    async stop() {
      timer?.cancel();
      timer = undefined;
      setStatus('stopped');
    },
    subscribe(ids: readonly InstrumentId[], _mode: FeedMode) {
      for (const id of ids) subscribed.add(id);
    },
    unsubscribe(ids) {
      for (const id of ids) subscribed.delete(id);
    },
    onTick(handler): Unsubscribe {
      tickHandlers.add(handler);
      return () => void tickHandlers.delete(handler);
    },
    onStatus(handler): Unsubscribe {
      statusHandlers.add(handler);
      return () => void statusHandlers.delete(handler);
    },
    status: () => status,
    sent: () => sent,
  };
}

/** Two feeds as one: the first names the feed and its state; subscriptions go to whichever feed knows the id. */
export function mergeFeeds(primary: Feed, extra: Feed, extraIds: ReadonlySet<InstrumentId>): Feed {
  return {
    name: primary.name,
    async start() {
      await primary.start();
      await extra.start();
    },
    async stop() {
      await extra.stop();
      await primary.stop();
    },
    subscribe(ids, mode) {
      primary.subscribe(ids.filter((id) => !extraIds.has(id)), mode);
      extra.subscribe(ids.filter((id) => extraIds.has(id)), mode);
    },
    unsubscribe(ids) {
      primary.unsubscribe(ids.filter((id) => !extraIds.has(id)));
      extra.unsubscribe(ids.filter((id) => extraIds.has(id)));
    },
    onTick(handler) {
      const a = primary.onTick(handler);
      const b = extra.onTick(handler);
      return () => {
        a();
        b();
      };
    },
    onStatus: (handler) => primary.onStatus(handler),
    status: () => primary.status(),
  };
}
