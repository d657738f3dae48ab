import { describe, expect, it } from 'vitest';
import { SimClock } from '#core/clock';
import { SlidingWindowLimiter } from './rate-limiter.ts';

const flush = (): Promise<void> => new Promise((r) => setImmediate(r));

describe('SlidingWindowLimiter', () => {
  it('admits `limit` per window, counted from each answer, in arrival order', async () => {
    const clock = new SimClock(0);
    const l = new SlidingWindowLimiter(clock, 3, 1000);
    const admitted: number[] = [];
    for (let i = 0; i < 7; i++) void l.acquire().then((release) => { admitted.push(i); clock.advanceBy(0); release(); });
    await flush();
    expect(admitted).toEqual([0, 1, 2]);
    clock.advanceTo(999);
    await flush();
    expect(admitted).toEqual([0, 1, 2]);
    clock.advanceTo(1000);
    await flush();
    await flush();
    expect(admitted).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('holds a slot while the answer is outstanding', async () => {
    const clock = new SimClock(0);
    const l = new SlidingWindowLimiter(clock, 1, 100);
    const release = await l.acquire();
    let second = false;
    void l.acquire().then(() => (second = true));
    clock.advanceTo(500);
    await flush();
    expect(second).toBe(false);
    release();
    clock.advanceTo(599);
    await flush();
    expect(second).toBe(false);
    clock.advanceTo(600);
    await flush();
    await flush();
    expect(second).toBe(true);
  });

  it('serves a priority waiter (a cancel) before ordinary ones queued earlier (placements)', async () => {
    const clock = new SimClock(0);
    const l = new SlidingWindowLimiter(clock, 1, 1000);
    const order: string[] = [];
    const take = (name: string, priority = false) => void l.acquire(priority).then((release) => { order.push(name); release(); });
    take('place-1');
    take('place-2');
    take('place-3');
    take('cancel', true);
    take('modify', true);
    await flush();
    expect(order).toEqual(['place-1']);
    expect(l.queued()).toBe(4);
    for (let t = 1000; t <= 4000; t += 1000) {
      clock.advanceTo(t);
      await flush();
    }
    expect(order).toEqual(['place-1', 'cancel', 'modify', 'place-2', 'place-3']);
  });
});
