import type { Clock } from '#core/clock';
import type { Broker } from '#execution/broker';
import { sleep } from '#execution/execution-context';

/**
 * `next-bar` timing: an order reaches the broker at the first instant of the next 1-minute bar, so it
 * fills against that bar's first quote, never against the bar whose close produced it. Everything else
 * passes straight through.
 */
export function nextBarBroker(inner: Broker, clock: Clock): Broker {
  const toNextBar = async (): Promise<void> => {
    const now = clock.now();
    await sleep(clock, Math.floor(now / 60_000) * 60_000 + 60_000 - now);
  };
  return {
    name: inner.name,
    place: async (r) => {
      await toNextBar();
      return inner.place(r);
    },
    modify: async (r) => {
      await toNextBar();
      return inner.modify(r);
    },
    cancel: (id, strategy) => inner.cancel(id, strategy),
    orderStatus: (id, strategy) => inner.orderStatus(id, strategy),
    orderBook: () => inner.orderBook(),
    tradeBook: () => inner.tradeBook(),
    positionBook: () => inner.positionBook(),
    onUpdate: (h) => inner.onUpdate(h),
    ...(inner.booksVersion ? { booksVersion: () => inner.booksVersion!() } : {}),
  };
}
