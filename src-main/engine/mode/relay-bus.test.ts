import { describe, expect, it } from 'vitest';
import { Bus } from '#core/bus';
import { RelayBus } from './relay-bus.ts';

type Topics = { tick: number; bar: string };

describe('RelayBus', () => {
  it('forwards the source and, once moved, only the new source', () => {
    const first = new Bus<Topics>();
    const second = new Bus<Topics>();
    const relay = new RelayBus(first);
    const seen: unknown[] = [];
    relay.subscribe('tick', (n) => seen.push(n));
    relay.subscribe('bar', (s) => seen.push(s));
    first.publish('tick', 1);
    relay.moveTo(second);
    first.publish('tick', 2);
    first.publish('bar', 'old');
    second.publish('tick', 3);
    second.publish('bar', 'new');
    expect(seen).toEqual([1, 3, 'new']);
    expect(first.subscriberCount('tick')).toBe(0);
    expect(second.subscriberCount('tick')).toBe(1);
  });

  it('an unsubscribe made before a move removes the handler from the new source', () => {
    const first = new Bus<Topics>();
    const second = new Bus<Topics>();
    const relay = new RelayBus(first);
    const seen: number[] = [];
    const off = relay.subscribe('tick', (n) => seen.push(n));
    relay.moveTo(second);
    off();
    off();
    second.publish('tick', 1);
    expect(seen).toEqual([]);
    expect(second.subscriberCount('tick')).toBe(0);
  });

  it('publishes onto the current source', () => {
    const first = new Bus<Topics>();
    const second = new Bus<Topics>();
    const relay = new RelayBus(first);
    const seen: number[] = [];
    second.subscribe('tick', (n) => seen.push(n));
    relay.moveTo(second);
    relay.publish('tick', 7);
    expect(seen).toEqual([7]);
  });
});
