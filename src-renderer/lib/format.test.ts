import { describe, expect, it } from 'vitest';
import { formatAge, formatDateKey, formatInr, formatInrCompact, formatInrTicks, formatIstClock, formatIstDate, formatPercent, formatPrice, formatQuantity, formatSigned, formatSignedQuantity, fromChartTime, toChartTime } from './format.ts';
import { instrumentLabel } from './instrument-label.ts';
import { changeFromPrevClose, toneOf } from './quote-change.ts';

describe('formatting', () => {
  const t = Date.UTC(2026, 10, 25, 3, 45, 7);
  it('shows IST wall time and dates', () => {
    expect(formatIstClock(t)).toBe('09:15:07 IST');
    expect(formatIstDate(t)).toBe('25 Nov 2026');
    expect(formatDateKey('2026-12-01')).toBe('1 Dec');
  });
  it('groups digits the Indian way, in rupees, lakh and crore', () => {
    expect(formatPrice(2612345.5)).toBe('26,12,345.50');
    expect(formatInr(-1234567)).toBe('−₹12,34,567');
    expect(formatInrCompact(452_000)).toBe('₹4.52 L');
    expect(formatInrCompact(-12_000_000)).toBe('−₹1.20 Cr');
  });

  it('labels scale ticks in lakh while that tells them apart, else in full rupees, else with paise', () => {
    expect(formatInrTicks([400_000, 450_000, 500_000])).toEqual(['₹4.00 L', '₹4.50 L', '₹5.00 L']);
    expect(formatInrTicks([4_999_600, 4_999_800, 5_000_000, 5_000_200])).toEqual(['₹49,99,600', '₹49,99,800', '₹50,00,000', '₹50,00,200']);
    expect(formatInrTicks([5_000_000, 5_000_000.5])).toEqual(['₹50,00,000.00', '₹50,00,000.50']);
    expect(formatInrTicks([-400, 0, 400])).toEqual(['−₹400', '₹0', '₹400']);
    expect(formatInrCompact(99_999)).toBe('₹99,999');
    expect(formatQuantity(2_600_000)).toBe('26.00 L');
    // An OI change of a few hundred is said as such, not rounded to a signed zero of lakhs.
    expect(formatSignedQuantity(-120)).toBe('−120');
    expect(formatSignedQuantity(43_000)).toBe('+43,000');
    expect(formatSignedQuantity(-125_000)).toBe('−1.25 L');
    expect(formatSignedQuantity(0)).toBe('0');
  });
  it('signs changes with a real minus and ages a tick', () => {
    expect(formatSigned(12.5)).toBe('+12.50');
    expect(formatSigned(-3.25)).toBe('−3.25');
    expect(formatPercent(-0.456)).toBe('−0.46%');
    expect(formatAge(420)).toBe('0.4 s');
    expect(formatAge(95_000)).toBe('2 min');
  });
  it('maps epoch ms to chart seconds on an IST axis and back', () => {
    expect(toChartTime(t)).toBe(Math.floor(t / 1000) + 19_800);
    expect(fromChartTime(toChartTime(t))).toBe(t);
  });
});

describe('change from the previous close', () => {
  it('is measured from the previous session’s close, and absent without one', () => {
    expect(changeFromPrevClose(26_260, 26_000)).toEqual({ abs: 260, pct: 1 });
    expect(changeFromPrevClose(26_260, undefined)).toBeUndefined();
    expect(toneOf(-1)).toBe('down');
    expect(toneOf(0)).toBe('flat');
  });
});

describe('instrument names', () => {
  it('spells out indices, futures and option legs', () => {
    expect(instrumentLabel('NSE_INDEX:NIFTY')).toEqual({ name: 'NIFTY', kind: 'index', short: ['NIFTY'] });
    expect(instrumentLabel('NSE_INDEX:INDIAVIX')).toMatchObject({ name: 'INDIA VIX', kind: 'index' });
    expect(instrumentLabel('NFO:BANKNIFTY30DEC25FUT')).toEqual({ name: 'BANKNIFTY FUT', detail: '30 Dec', kind: 'future', short: ['BANKNIFTY', 'FUT 30 Dec'] });
    expect(instrumentLabel('NFO:NIFTY01DEC2626000CE')).toEqual({ name: 'NIFTY 26000 CE', detail: '1 Dec', kind: 'option', short: ['NIFTY', '26000 CE 1 Dec'] });
    expect(instrumentLabel('BFO:SENSEX03DEC2685000PE')).toMatchObject({ name: 'SENSEX 85000 PE', detail: '3 Dec' });
  });
});
