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
});
