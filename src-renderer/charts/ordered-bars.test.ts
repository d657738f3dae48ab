import { describe, expect, it } from 'vitest';
import { orderedBars } from './ordered-bars.ts';

const bar = (time: number, close: number, closed = true) => ({ time, open: close, high: close, low: close, close, volume: 0, closed });

describe('bars for the chart', () => {
  it('keep the later of two bars with one start, and drop a bar that goes back in time', () => {
    expect(orderedBars([bar(1, 10), bar(2, 11), bar(2, 12, false), bar(1, 9), bar(3, 13)])).toEqual([bar(1, 10), bar(2, 12, false), bar(3, 13)]);
  });
});
