import { describe, expect, it } from 'vitest';
import { istDateKey, istToEpoch } from './time-ist.ts';

describe('istDateKey', () => {
  it('names the IST day, also when asked about days out of order and either side of IST midnight', () => {
    const midnight = istToEpoch(2026, 11, 26);
    expect(istDateKey(midnight - 1)).toBe('2026-11-25');
    expect(istDateKey(midnight)).toBe('2026-11-26');
    expect(istDateKey(midnight - 1)).toBe('2026-11-25');
    expect(istDateKey(istToEpoch(2026, 11, 25, 9, 15))).toBe('2026-11-25');
    expect(istDateKey(istToEpoch(1999, 12, 31, 23, 59, 59))).toBe('1999-12-31');
    expect(istDateKey(istToEpoch(2026, 11, 26, 23, 59, 59))).toBe('2026-11-26');
  });

  it('refuses a time that is not one, as Date does', () => {
    expect(() => istDateKey(Number.NaN)).toThrow(RangeError);
  });
});
