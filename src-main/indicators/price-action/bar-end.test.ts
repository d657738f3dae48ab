import { describe, expect, it } from 'vitest';
import { istToEpoch } from '#core/time-ist';
import type { Bar } from '#model/bar';
import { instrumentId } from '#model/ids';
import { barEnd } from './types.ts';

const bar = (id: string, timeframe: Bar['timeframe'], tsStart: number): Bar => ({ instrumentId: instrumentId(id.split(':')[0]!, id.split(':')[1]!), timeframe, tsStart, open: 1, high: 1, low: 1, close: 1, volume: 0, closed: true });

describe('price action: when a closed bar becomes knowable', () => {
  it('a daily F&O bar after 2026-08-03 is knowable at 15:40, not 375 minutes after the open', () => {
    expect(barEnd(bar('NFO:NIFTY25AUG26FUT', '1d', istToEpoch(2026, 8, 4, 9, 15)))).toBe(istToEpoch(2026, 8, 4, 15, 40));
    expect(barEnd(bar('NSE_INDEX:NIFTY', '1d', istToEpoch(2026, 8, 4, 9, 15)))).toBe(istToEpoch(2026, 8, 4, 15, 30));
  });
});
