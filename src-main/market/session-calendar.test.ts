import { describe, expect, it } from 'vitest';
import { createNseCalendar, extendCalendar, nseCalendar as currentNseCalendar, type Segment } from '#calendar/nse-calendar';
import { istDateKey, istToEpoch } from '#core/time-ist';
import { cachedSessionLookup, memoizedCalendar, nseCalendar, type SessionCalendar } from './session-calendar.ts';

const plain = createNseCalendar();

/** A calendar that counts how often it is asked. */
function counting(): { calendar: SessionCalendar; calls: () => number } {
  let n = 0;
  return {
    calendar: {
      sessionAt: (ms, seg) => (n++, plain.sessionAt(ms, seg)),
      sessionOn: (k, seg) => (n++, plain.sessionOn(k, seg)),
      nextTradingDay: (k) => plain.nextTradingDay(k),
      previousTradingDay: (k) => plain.previousTradingDay(k),
    },
    calls: () => n,
  };
}

describe('memoizedCalendar', () => {
  it('answers exactly as the calendar does, every 11 minutes of 2024 in both segments (special sessions and breaks included)', () => {
    const memo = memoizedCalendar(() => plain);
    const differ: string[] = [];
    let open = 0;
    for (const segment of ['equity', 'fno'] as const satisfies readonly Segment[]) {
      for (let t = istToEpoch(2024, 1, 1); t < istToEpoch(2025, 1, 1); t += 11 * 60_000) {
        const want = plain.sessionAt(t, segment);
        const got = memo.sessionAt(t, segment);
        if (want) open++;
        if (JSON.stringify(got) !== JSON.stringify(want)) differ.push(`${segment} ${new Date(t).toISOString()}`);
      }
    }
    expect(differ).toEqual([]);
    expect(open).toBeGreaterThan(2 * 240 * 30);
    expect(memo.sessionAt(istToEpoch(2024, 3, 2, 10, 30))).toBeUndefined();
    expect(memo.sessionAt(istToEpoch(2024, 3, 2, 11, 30))?.kind).toBe('special');
  });

  it('looks each day up once and hands back the same session object', () => {
    let asked = 0;
    const source = { ...plain, sessionOn: (k: string, s?: Segment) => (asked++, plain.sessionOn(k, s)) };
    const stable = memoizedCalendar(() => source);
    const first = stable.sessionAt(istToEpoch(2025, 12, 1, 10, 0));
    for (let m = 0; m < 300; m++) expect(stable.sessionAt(istToEpoch(2025, 12, 1, 10, 0) + m * 60_000)).toBe(first);
    expect(stable.sessionOn('2025-12-01')).toBe(first);
    expect(asked).toBe(1);
  });

  it('forgets what it knew when the calendar is replaced (extendCalendar)', () => {
    const day = '2025-12-03';
    const at = istToEpoch(2025, 12, 3, 10, 0);
    expect(nseCalendar.sessionAt(at)?.dateKey).toBe(day);
    try {
      extendCalendar({ holidays: [{ date: day, name: 'Test holiday' }] });
      expect(currentNseCalendar().isTradingDay(day)).toBe(false);
      expect(nseCalendar.sessionAt(at)).toBeUndefined();
      expect(nseCalendar.sessionOn(day)).toBeUndefined();
    } finally {
      extendCalendar({});
    }
    expect(nseCalendar.sessionOn(day)?.dateKey).toBe(day);
  });
});

describe('cachedSessionLookup', () => {
  it('treats a break inside a session as closed, also right after a lookup inside the session', () => {
    // 2 March 2024: special session 09:15–12:30 with a break 10:00–11:30 (switch-over to the DR site).
    const lookup = cachedSessionLookup(nseCalendar);
    expect(lookup(istToEpoch(2024, 3, 2, 9, 30))?.dateKey).toBe('2024-03-02');
    expect(lookup(istToEpoch(2024, 3, 2, 10, 30))).toBeUndefined();
    expect(lookup(istToEpoch(2024, 3, 2, 11, 29, 59))).toBeUndefined();
    expect(lookup(istToEpoch(2024, 3, 2, 11, 30))?.dateKey).toBe('2024-03-02');
    expect(lookup(istToEpoch(2024, 3, 2, 12, 30))).toBeUndefined();
  });

  it('asks the calendar a handful of times a day for a day of one-second ticks, nights and weekends included', () => {
    const { calendar, calls } = counting();
    const lookup = cachedSessionLookup(calendar, 'fno');
    const from = istToEpoch(2025, 12, 5, 0, 0);
    const to = istToEpoch(2025, 12, 9, 0, 0);
    let open = 0;
    for (let t = from; t < to; t += 1000) if (lookup(t)) open++;
    expect(open).toBe(2 * 375 * 60);
    // Fri, Sat, Sun, Mon: each day costs at most a closed morning, the session and a closed evening.
    expect(calls()).toBeLessThanOrEqual(4 * 3 * 2);
    for (let t = from; t < to; t += 61_000) expect(lookup(t), istDateKey(t)).toEqual(plain.sessionAt(t, 'fno'));
  });
});
