import { describe, expect, it } from 'vitest';
import { istToEpoch } from '#core/time-ist';
import { barEndOf, segmentOf } from './bar-end.ts';

const FUT = 'NFO:NIFTY25AUG26FUT';
const INDEX = 'NSE_INDEX:NIFTY';

describe('when a bar ends', () => {
  it('a daily bar is its session: F&O to 15:40 from 2026-08-03 (385 minutes), the index to 15:30', () => {
    const open = istToEpoch(2026, 8, 4, 9, 15);
    expect(barEndOf(FUT, '1d', open)).toBe(istToEpoch(2026, 8, 4, 15, 40));
    expect(barEndOf(INDEX, '1d', open)).toBe(istToEpoch(2026, 8, 4, 15, 30));
    expect(barEndOf(FUT, '1d', istToEpoch(2026, 7, 31, 9, 15))).toBe(istToEpoch(2026, 7, 31, 15, 30));
  });

  it('an intraday bar ends its length later, clipped to the close; outside any session it is not clipped', () => {
    expect(barEndOf(INDEX, '60m', istToEpoch(2026, 8, 4, 15, 15))).toBe(istToEpoch(2026, 8, 4, 15, 30));
    expect(barEndOf(FUT, '60m', istToEpoch(2026, 8, 4, 15, 15))).toBe(istToEpoch(2026, 8, 4, 15, 40));
    expect(barEndOf(FUT, '5m', istToEpoch(2026, 8, 4, 10, 0))).toBe(istToEpoch(2026, 8, 4, 10, 5));
    expect(barEndOf(INDEX, '15m', istToEpoch(2026, 8, 2, 20, 0))).toBe(istToEpoch(2026, 8, 2, 20, 15)); // a Sunday
  });

  it('derivative exchanges follow the F&O segment', () => {
    expect([segmentOf(FUT), segmentOf('BFO:SENSEX'), segmentOf(INDEX), segmentOf('NSE:RELIANCE')]).toEqual(['fno', 'fno', 'equity', 'equity']);
  });
});
