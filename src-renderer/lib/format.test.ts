import { describe, expect, it } from 'vitest';
import { formatIstClock, formatIstDate, formatPrice, toChartTime } from './format.ts';

describe('formatting', () => {
  const t = Date.UTC(2026, 10, 25, 3, 45, 7);
  it('shows IST wall time', () => {
    expect(formatIstClock(t)).toBe('09:15:07 IST');
    expect(formatIstDate(t)).toBe('25 Nov 2026');
  });
  it('groups digits the Indian way', () => {
    expect(formatPrice(2612345.5)).toBe('26,12,345.50');
  });
  it('maps epoch ms to chart seconds on an IST axis', () => {
    expect(toChartTime(t)).toBe(Math.floor(t / 1000) + 19_800);
  });
});
