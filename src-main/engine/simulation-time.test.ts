import { describe, expect, it } from 'vitest';
import { istToEpoch } from '#core/time-ist';
import { nextOpenIfClosed, simulationStart } from './simulation-time.ts';

describe('simulation time', () => {
  it('starts now when the market is open', () => {
    const t = istToEpoch(2026, 11, 25, 11, 0);
    expect(simulationStart(t)).toBe(t);
  });

  it('starts an hour into today after the close', () => {
    expect(simulationStart(istToEpoch(2026, 11, 25, 21, 0))).toBe(istToEpoch(2026, 11, 25, 10, 15));
  });

  it('starts in the previous session before the open and at weekends', () => {
    expect(simulationStart(istToEpoch(2026, 11, 26, 8, 0))).toBe(istToEpoch(2026, 11, 25, 10, 15));
    expect(simulationStart(istToEpoch(2026, 11, 22, 12, 0))).toBe(istToEpoch(2026, 11, 20, 10, 15));
  });

  it('skips a holiday (Guru Nanak Jayanti, 2026-11-24): after the Monday close the next open is Wednesday', () => {
    expect(simulationStart(istToEpoch(2026, 11, 24, 12, 0))).toBe(istToEpoch(2026, 11, 23, 10, 15));
    expect(nextOpenIfClosed(istToEpoch(2026, 11, 23, 16, 0))).toBe(istToEpoch(2026, 11, 25, 9, 15));
  });

  it('skips nights and weekends to the next open', () => {
    expect(nextOpenIfClosed(istToEpoch(2026, 11, 25, 12, 0))).toBeUndefined();
    expect(nextOpenIfClosed(istToEpoch(2026, 11, 25, 7, 0))).toBe(istToEpoch(2026, 11, 25, 9, 15));
    expect(nextOpenIfClosed(istToEpoch(2026, 11, 20, 15, 45))).toBe(istToEpoch(2026, 11, 23, 9, 15));
  });
});
