import { describe, expect, it } from 'vitest';
import { istToEpoch } from '#core/time-ist';
import type { Bar } from '#model/bar';
import { instrumentId } from '#model/ids';
import { previousClose } from './previous-close.ts';

const day = (d: number, close: number, closed = true): Bar => ({
  instrumentId: instrumentId('NSE_INDEX', 'NIFTY'),
  timeframe: '1d',
  tsStart: istToEpoch(2026, 11, d, 9, 15),
  open: close,
  high: close,
  low: close,
  close,
  volume: 0,
  closed,
});

describe('previous close', () => {
  const daily = [day(23, 100), day(24, 110), day(25, 120)];

  it('is the last session before today, during the session and after its close', () => {
    expect(previousClose(daily.slice(0, 2), istToEpoch(2026, 11, 25, 11, 0))).toBe(110);
    expect(previousClose(daily, istToEpoch(2026, 11, 25, 16, 0))).toBe(110);
  });

  it('is the last session on the next morning, and unknown without history', () => {
    expect(previousClose(daily, istToEpoch(2026, 11, 26, 9, 0))).toBe(120);
    expect(previousClose([], istToEpoch(2026, 11, 26, 9, 0))).toBeUndefined();
    expect(previousClose([day(24, 110, false)], istToEpoch(2026, 11, 25, 9, 20))).toBeUndefined();
  });
});
