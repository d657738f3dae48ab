import { describe, expect, it } from 'vitest';
import { istToEpoch } from '#core/time-ist';
import { istInstant } from './serve-args.ts';

describe('--sim-start', () => {
  it('reads an IST date and time', () => {
    expect(istInstant('2026-11-26T09:45')).toBe(istToEpoch(2026, 11, 26, 9, 45));
  });

  it('refuses what is not a real date and time', () => {
    for (const bad of ['2026-11-26', '2026-11-26 09:45', '2026-02-30T09:45', '2026-13-01T09:45', '2026-11-26T24:00', '2026-11-26T09:60', 'tomorrow']) {
      expect(istInstant(bad), bad).toBeUndefined();
    }
  });
});
