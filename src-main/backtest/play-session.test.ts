import { describe, expect, it } from 'vitest';
import { SimClock } from '#core/clock';
import { nseCalendar } from '#market/session-calendar';
import { playSession } from './play-session.ts';

describe('playSession: the clock through one session', () => {
  it('crosses the closed market with one firing of each periodic job, then keeps every job on its own grid', async () => {
    const wednesday = nseCalendar.sessionOn('2026-11-25')!;
    const thursday = nseCalendar.sessionOn('2026-11-26')!;
    const clock = new SimClock(wednesday.close);
    const poll: number[] = [];
    const minutes: number[] = [];
    // The order book poll's grid (a second) and the reconciliation's (a minute), both set at Wednesday's close.
    clock.setInterval(1000, () => poll.push(clock.now()), () => true);
    clock.setInterval(60_000, () => minutes.push(clock.now()));
    const seen: number[] = [];
    expect(await playSession(clock, thursday, (m) => seen.push(m), undefined)).toBe(true);

    const overnight = poll.filter((t) => t < thursday.open);
    expect(overnight).toEqual([wednesday.close + 1000]);
    expect(minutes.filter((t) => t < thursday.open)).toEqual([wednesday.close + 60_000]);
    // In the session, every second and every minute after the open (the night's one firing stood for the
    // open's), on the grids they had before the night.
    const sessionSeconds = (thursday.close - thursday.open) / 1000;
    expect(poll.filter((t) => t >= thursday.open)).toEqual(Array.from({ length: sessionSeconds }, (_, i) => thursday.open + (i + 1) * 1000));
    expect(minutes.filter((t) => t >= thursday.open)).toEqual(Array.from({ length: sessionSeconds / 60 }, (_, i) => thursday.open + (i + 1) * 60_000));
    expect(seen).toEqual(Array.from({ length: sessionSeconds / 60 }, (_, i) => thursday.open + (i + 1) * 60_000));
    expect(clock.now()).toBe(thursday.close);
  });

  it('stops at the next minute boundary once aborted', async () => {
    const day = nseCalendar.sessionOn('2026-11-26')!;
    const clock = new SimClock(day.open);
    const abort = new AbortController();
    const played = playSession(clock, day, (m) => m === day.open + 5 * 60_000 && abort.abort(), abort.signal);
    expect(await played).toBe(false);
    expect(clock.now()).toBe(day.open + 5 * 60_000);
  });

  it('hears an abort that comes as an event (a worker\'s message) at its next turn of the event loop, every quarter hour of the clock', async () => {
    const day = nseCalendar.sessionOn('2026-11-26')!;
    const clock = new SimClock(day.open);
    const abort = new AbortController();
    const played = playSession(clock, day, (m) => m === day.open + 5 * 60_000 && setImmediate(() => abort.abort()), abort.signal);
    expect(await played).toBe(false);
    expect(clock.now()).toBe(day.open + 15 * 60_000);
  });

  it('runs the promise chains a timer started to their next clock wait before the clock moves on, between minutes too', async () => {
    const day = nseCalendar.sessionOn('2026-11-26')!;
    const clock = new SimClock(day.open);
    const sleep = (ms: number): Promise<void> => new Promise((r) => clock.setTimer(clock.now() + ms, r));
    const seen: [string, number][] = [];
    // An order path's shape: a chain of awaits, a latency on the clock, more awaits, started by a tick 20 s into a minute.
    clock.setTimer(day.open + 20_000, () => {
      void (async () => {
        for (let i = 0; i < 50; i++) await Promise.resolve();
        seen.push(['sent', clock.now()]);
        await sleep(150);
        for (let i = 0; i < 50; i++) await Promise.resolve();
        seen.push(['acknowledged', clock.now()]);
      })();
    });
    clock.setTimer(day.open + 20_100, () => seen.push(['tick', clock.now()]));
    const abort = new AbortController();
    await playSession(clock, day, (m) => m === day.open + 60_000 && abort.abort(), abort.signal);
    expect(seen).toEqual([
      ['sent', day.open + 20_000],
      ['tick', day.open + 20_100],
      ['acknowledged', day.open + 20_150],
    ]);
  });
});
