import { describe, expect, it } from 'vitest';
import { SimClock, WallClock } from './clock.ts';
import { createRandom } from './random.ts';

describe('SimClock', () => {
  it('moves only when advanced', () => {
    const c = new SimClock(1000);
    expect(c.now()).toBe(1000);
    c.advanceBy(500);
    expect(c.now()).toBe(1500);
    expect(() => c.advanceTo(1000)).toThrow(/cannot go back/);
  });

  it('fires timers in time order, with now() at each timer instant, ties in insertion order', () => {
    const c = new SimClock(0);
    const seen: string[] = [];
    c.setTimer(300, () => seen.push(`b@${c.now()}`));
    c.setTimer(100, () => seen.push(`a@${c.now()}`));
    c.setTimer(300, () => seen.push(`c@${c.now()}`));
    c.advanceTo(250);
    expect(seen).toEqual(['a@100']);
    c.advanceTo(1000);
    expect(seen).toEqual(['a@100', 'b@300', 'c@300']);
    expect(c.now()).toBe(1000);
  });

  it('repeats intervals and stops after cancel', () => {
    const c = new SimClock(0);
    const at: number[] = [];
    const h = c.setInterval(1000, () => at.push(c.now()));
    c.advanceTo(3500);
    expect(at).toEqual([1000, 2000, 3000]);
    h.cancel();
    c.advanceTo(10_000);
    expect(at).toEqual([1000, 2000, 3000]);
  });

  it('coalesces an interval that fell behind when asked, keeping its grid', () => {
    const c = new SimClock(0);
    const at: number[] = [];
    c.setInterval(1000, () => at.push(c.now()));
    c.advanceTo(10_500, { coalesceIntervals: true });
    expect(at).toEqual([1000]);
    c.advanceTo(12_000);
    expect(at).toEqual([1000, 11_000, 12_000]);
  });

  it('runs timers scheduled from inside a timer in the same advance', () => {
    const c = new SimClock(0);
    const at: number[] = [];
    c.setTimer(10, () => c.setTimer(20, () => at.push(c.now())));
    c.advanceTo(100);
    expect(at).toEqual([20]);
  });

  it('reports the next pending timer', () => {
    const c = new SimClock(0);
    const h = c.setTimer(50, () => {});
    c.setTimer(70, () => {});
    expect(c.nextTimerAt()).toBe(50);
    h.cancel();
    expect(c.nextTimerAt()).toBe(70);
  });

  it('fires timers set for the same instant first in, first out; a re-armed interval goes after timers set before it fired', () => {
    const c = new SimClock(0);
    const seen: string[] = [];
    c.setInterval(100, () => seen.push(`i@${c.now()}`));
    for (const name of ['a', 'b', 'c', 'd', 'e']) c.setTimer(200, () => seen.push(`${name}@${c.now()}`));
    c.setTimer(100, () => seen.push(`x@${c.now()}`));
    c.advanceTo(200);
    // The interval re-armed for 200 when it fired at 100, after a–e were set for 200.
    expect(seen).toEqual(['i@100', 'x@100', 'a@200', 'b@200', 'c@200', 'd@200', 'e@200', 'i@200']);
  });

  it('fires thousands of timers set in random order exactly as a stable sort by instant would', () => {
    const rnd = createRandom(7);
    const c = new SimClock(0);
    const expected: { at: number; id: number }[] = [];
    const fired: number[] = [];
    const handles = [];
    for (let id = 0; id < 5000; id++) {
      const at = rnd.int(0, 500);
      handles.push(c.setTimer(at, () => fired.push(id)));
      expected.push({ at, id });
    }
    const cancelled = new Set<number>();
    for (let k = 0; k < 1000; k++) {
      const id = rnd.int(0, 4999);
      handles[id]!.cancel();
      handles[id]!.cancel();
      cancelled.add(id);
    }
    expect(c.pendingTimers()).toBe(5000 - cancelled.size);
    c.advanceTo(1000);
    const order = expected.filter((e) => !cancelled.has(e.id)).sort((a, b) => a.at - b.at || a.id - b.id).map((e) => e.id);
    expect(fired).toEqual(order);
    expect(c.pendingTimers()).toBe(0);
  });

  it('drops a cancelled timer from the queue at once, so set-and-cancel loops leave nothing behind', () => {
    const c = new SimClock(0);
    for (let i = 0; i < 10_000; i++) c.setTimer(1_000_000 + i, () => {}).cancel();
    const keep = c.setInterval(10, () => {});
    expect(c.pendingTimers()).toBe(1);
    c.advanceTo(25);
    keep.cancel();
    expect(c.pendingTimers()).toBe(0);
    expect(c.nextTimerAt()).toBeUndefined();
  });

  it('lets a timer cancel a later one and an interval cancel itself while firing', () => {
    const c = new SimClock(0);
    const seen: number[] = [];
    const later = c.setTimer(50, () => seen.push(50));
    c.setTimer(20, () => later.cancel());
    const every = c.setInterval(10, () => {
      seen.push(c.now());
      if (c.now() >= 30) every.cancel();
    });
    c.advanceTo(100);
    expect(seen).toEqual([10, 20, 30]);
  });

  it('rejects a non-positive interval', () => {
    expect(() => new SimClock(0).setInterval(0, () => {})).toThrow(RangeError);
  });
  it('counts the timers that fired apart from idle interval firings, which still run', () => {
    const c = new SimClock(0);
    let busy = false;
    let polls = 0;
    c.setInterval(1000, () => polls++, () => !busy);
    expect(c.advanceTo(5000)).toBe(0);
    expect(polls).toBe(5);
    busy = true;
    expect(c.advanceTo(7000)).toBe(2);
    busy = false;
    c.setTimer(7500, () => undefined);
    expect(c.advanceTo(8000)).toBe(1);
    expect(polls).toBe(8);
  });

  it('with stopWhenBusy stops after the first instant at which a timer that is not idle fired, every timer due then included', () => {
    const c = new SimClock(0);
    const fired: string[] = [];
    let polls = 0;
    c.setInterval(1000, () => polls++, () => true);
    c.setTimer(3500, () => {
      fired.push('a');
      c.setTimer(3500, () => fired.push('a2'));
    });
    c.setTimer(3500, () => fired.push('b'));
    c.setTimer(6000, () => fired.push('c'));
    expect(c.advanceTo(10_000, { stopWhenBusy: true })).toBe(3);
    expect(c.now()).toBe(3500);
    expect(fired).toEqual(['a', 'b', 'a2']);
    expect(polls).toBe(3);
    expect(c.advanceTo(10_000, { stopWhenBusy: true })).toBe(1);
    expect(c.now()).toBe(6000);
    expect(c.advanceTo(10_000, { stopWhenBusy: true })).toBe(0);
    expect(c.now()).toBe(10_000);
    expect(polls).toBe(10);
  });

  it('with stopWhenBusy stays at a busy instant that no timer follows before the target', () => {
    const c = new SimClock(0);
    c.setTimer(2500, () => undefined);
    expect(c.advanceTo(60_000, { stopWhenBusy: true })).toBe(1);
    expect(c.now()).toBe(2500);
    expect(c.advanceTo(60_000, { stopWhenBusy: true })).toBe(0);
    expect(c.now()).toBe(60_000);
  });
});

describe('WallClock', () => {
  it('fires a timer set in the past on the next turn', async () => {
    const c = new WallClock();
    const fired = await new Promise<boolean>((resolve) => {
      c.setTimer(c.now() - 1000, () => resolve(true));
    });
    expect(fired).toBe(true);
  });

  it('cancels an interval', async () => {
    const c = new WallClock();
    let n = 0;
    const h = c.setInterval(1, () => n++);
    await new Promise((r) => setTimeout(r, 20));
    h.cancel();
    const after = n;
    await new Promise((r) => setTimeout(r, 20));
    expect(n).toBe(after);
    expect(after).toBeGreaterThan(0);
  });
});
