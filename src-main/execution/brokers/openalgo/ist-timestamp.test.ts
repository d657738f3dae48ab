import { describe, expect, it } from 'vitest';
import { istToEpoch } from '#core/time-ist';
import { parseOpenAlgoTime } from './ist-timestamp.ts';

const NOW = istToEpoch(2025, 4, 8, 14, 0, 0);

describe('parseOpenAlgoTime', () => {
  it('reads the live order book stamp of fixture F2 as IST', () => {
    expect(parseOpenAlgoTime('08-Apr-2025 13:58:03', NOW)).toBe(istToEpoch(2025, 4, 8, 13, 58, 3));
    expect(parseOpenAlgoTime('28-aug-2025 09:59:10', NOW)).toBe(istToEpoch(2025, 8, 28, 9, 59, 10));
  });

  it('reads the sandbox stamp, and ISO stamps with their own offset', () => {
    expect(parseOpenAlgoTime('2025-04-08 13:58:03', NOW)).toBe(istToEpoch(2025, 4, 8, 13, 58, 3));
    expect(parseOpenAlgoTime('2025-04-08T13:58:03.250', NOW)).toBe(istToEpoch(2025, 4, 8, 13, 58, 3));
    expect(parseOpenAlgoTime('2025-04-08T08:28:03Z', NOW)).toBe(istToEpoch(2025, 4, 8, 13, 58, 3));
    expect(parseOpenAlgoTime('2025-04-08T13:58:03+05:30', NOW)).toBe(istToEpoch(2025, 4, 8, 13, 58, 3));
  });

  it('reads numeric day-first stamps and time-first ones', () => {
    expect(parseOpenAlgoTime('08-04-2025 13:58:03', NOW)).toBe(istToEpoch(2025, 4, 8, 13, 58, 3));
    expect(parseOpenAlgoTime('13:58:03 08-04-2025', NOW)).toBe(istToEpoch(2025, 4, 8, 13, 58, 3));
  });

  it('puts a time-only trade stamp (OpenAlgo tradebook sample "13:58:03") on today, or yesterday if it would lie ahead', () => {
    expect(parseOpenAlgoTime('13:58:03', NOW)).toBe(istToEpoch(2025, 4, 8, 13, 58, 3));
    const justAfterMidnight = istToEpoch(2025, 4, 9, 0, 20, 0);
    expect(parseOpenAlgoTime('23:50:00', justAfterMidnight)).toBe(istToEpoch(2025, 4, 8, 23, 50, 0));
  });

  it('gives undefined for what it cannot read, never a guess', () => {
    for (const bad of [undefined, '', 'soon', '31-Feb-2025 10:00:00', '2025-13-01 10:00:00', '08-Foo-2025 10:00:00', '25:00:00', '1746171226']) {
      expect(parseOpenAlgoTime(bad, NOW)).toBeUndefined();
    }
  });
});
