import { describe, expect, it } from 'vitest';
import { instrumentId } from '#model/ids';
import type { Bar } from '#model/bar';
import { closeLocation, moneyFlow, readDirection, sessionVwap } from './direction.ts';

const ID = instrumentId('NSE_INDEX', 'NIFTY');
const bar = (low: number, high: number, close: number, volume = 0): Bar => ({ instrumentId: ID, timeframe: '1m', tsStart: 0, open: close, high, low, close, volume, closed: true });

describe('volatility expander direction: VWAP and money flow', () => {
  it('close location runs from −1 at the low to +1 at the high', () => {
    expect([closeLocation(bar(90, 110, 110)), closeLocation(bar(90, 110, 100)), closeLocation(bar(90, 110, 90)), closeLocation(bar(100, 100, 100))]).toEqual([1, 0, -1, 0]);
  });

  it('weights by volume when the bars carry it (a futures series), by time when they do not (an index)', () => {
    const withVolume = [bar(90, 110, 110, 3_000), bar(90, 110, 90, 1_000)];
    expect(moneyFlow(withVolume)).toEqual({ value: 0.5, weighting: 'volume' });
    expect(sessionVwap(withVolume)).toEqual({ value: ((310 / 3) * 3 + 290 / 3) / 4, weighting: 'volume' });
    const index = withVolume.map((b) => ({ ...b, volume: 0 }));
    expect(moneyFlow(index)).toEqual({ value: 0, weighting: 'time' });
    expect(sessionVwap(index)).toEqual({ value: 100, weighting: 'time' });
  });

  it('calls above VWAP with accumulation, puts below with distribution, else a straddle; every reason with its numbers', () => {
    const acc = [bar(90, 110, 108, 1), bar(90, 110, 108, 1)];
    const dist = [bar(90, 110, 92, 1), bar(90, 110, 92, 1)];
    const session = [bar(99, 101, 100, 1)];
    expect(readDirection(105, session, acc, 0.05)).toMatchObject({ direction: 'long', reason: 'close 105.00 above VWAP 100.00, money flow +0.800 > 0.05 (accumulation): calls' });
    expect(readDirection(95, session, dist, 0.05)).toMatchObject({ direction: 'short', reason: 'close 95.00 below VWAP 100.00, money flow -0.800 < −0.05 (distribution): puts' });
    expect(readDirection(95, session, acc, 0.05)).toMatchObject({ direction: 'neutral', reason: expect.stringMatching(/long straddle$/) });
    expect(readDirection(105, session, dist, 0.05).direction).toBe('neutral');
    expect(readDirection(100, [], acc, 0.05)).toMatchObject({ direction: 'neutral', reason: 'no session bars yet for VWAP and money flow: long straddle' });
  });
});
