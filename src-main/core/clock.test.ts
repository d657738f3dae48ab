import { describe, expect, it } from 'vitest';
import { SimClock, WallClock } from './clock.ts';

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

  it('rejects a non-positive interval', () => {
    expect(() => new SimClock(0).setInterval(0, () => {})).toThrow(RangeError);
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
