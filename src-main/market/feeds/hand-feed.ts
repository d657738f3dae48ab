import type { Tick } from '#model/bar';
import type { Feed, FeedStatus } from '../feed.ts';

/** A feed a test drives by hand: it pushes ticks and sets the status; subscriptions are accepted and ignored. */
export function handFeed() {
  const ticks = new Set<(t: Tick) => void>();
  const statuses = new Set<(s: FeedStatus) => void>();
  let status: FeedStatus = { state: 'idle', tsEvent: 0 };
  const feed: Feed = {
    name: 'hand',
    start: async () => {},
    stop: async () => {},
    subscribe: () => {},
    unsubscribe: () => {},
    onTick: (h) => (ticks.add(h), () => void ticks.delete(h)),
    onStatus: (h) => (statuses.add(h), () => void statuses.delete(h)),
    status: () => status,
  };
  return {
    feed,
    push: (t: Tick) => ticks.forEach((h) => h(t)),
    setStatus: (next: FeedStatus) => {
      status = next;
      statuses.forEach((h) => h(status));
    },
  };
}
