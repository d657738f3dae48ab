import { describe, expect, it } from 'vitest';
import { istToEpoch } from '#core/time-ist';
import { daysToExpiry, expiriesBetween, expiryInstant, minutesToExpiry, nextExpiry, yearsToExpiry } from './expiry.ts';

const dates = (u: Parameters<typeof expiriesBetween>[0], from: string, to: string, kind?: 'weekly' | 'monthly'): string[] =>
  expiriesBetween(u, from, to)
    .filter((e) => !kind || e.kind === kind)
    .map((e) => e.date);

describe('expiry dates', () => {
  it('NIFTY moves from Thursday to Tuesday across 1 Sep 2025', () => {
    expect(dates('NIFTY', '2025-08-18', '2025-09-17')).toEqual(['2025-08-21', '2025-08-28', '2025-09-02', '2025-09-09', '2025-09-16']);
    expect(expiriesBetween('NIFTY', '2025-08-25', '2025-08-31')[0]?.kind).toBe('monthly');
    expect(dates('NIFTY', '2025-09-01', '2025-10-31', 'monthly')).toEqual(['2025-09-30', '2025-10-28']);
  });

  it('holidays move expiry to the previous trading day', () => {
    expect(dates('NIFTY', '2023-06-26', '2023-06-30')).toEqual(['2023-06-28']); // Bakri Id Thu 29 Jun 2023
    expect(dates('NIFTY', '2024-08-12', '2024-08-16')).toEqual(['2024-08-14']); // Independence Day
    expect(dates('NIFTY', '2025-04-07', '2025-04-11')).toEqual(['2025-04-09']); // Mahavir Jayanti
    expect(dates('NIFTY', '2025-10-20', '2025-10-24')).toEqual(['2025-10-20']); // Muhurat Tue 21 Oct 2025
    expect(dates('NIFTY', '2026-03-02', '2026-03-06')).toEqual(['2026-03-02']); // Holi Tue 3 Mar 2026
    expect(dates('NIFTY', '2026-03-23', '2026-03-31', 'monthly')).toEqual(['2026-03-30']); // Mahavir Jayanti Tue 31 Mar 2026
  });

  it('BANKNIFTY: Wednesday weeklies from Sep 2023, no weekly in a monthly week, monthly-only after Nov 2024', () => {
    expect(dates('BANKNIFTY', '2023-09-01', '2023-09-30')).toEqual(['2023-09-06', '2023-09-13', '2023-09-20', '2023-09-28']);
    expect(dates('BANKNIFTY', '2024-11-01', '2024-12-31')).toEqual(['2024-11-06', '2024-11-13', '2024-11-27', '2024-12-24']);
    expect(dates('BANKNIFTY', '2025-01-01', '2025-02-28')).toEqual(['2025-01-30', '2025-02-27']);
    expect(dates('BANKNIFTY', '2025-09-01', '2025-09-30')).toEqual(['2025-09-30']);
  });

  it('SENSEX: Friday, then Tuesday in 2025, then Thursday from Sep 2025', () => {
    expect(dates('SENSEX', '2024-12-02', '2024-12-08')).toEqual(['2024-12-06']);
    expect(dates('SENSEX', '2025-01-06', '2025-01-12')).toEqual(['2025-01-07']);
    expect(dates('SENSEX', '2025-09-01', '2025-09-07')).toEqual(['2025-09-04']);
  });

  it('expiry instant, next expiry, minutes and days to expiry (15:30 IST)', () => {
    expect(expiryInstant('2025-09-02')).toBe(istToEpoch(2025, 9, 2, 15, 30));
    const now = istToEpoch(2025, 9, 2, 9, 15);
    expect(nextExpiry('NIFTY', now).date).toBe('2025-09-02');
    expect(nextExpiry('NIFTY', istToEpoch(2025, 9, 2, 15, 30)).date).toBe('2025-09-09');
    expect(nextExpiry('NIFTY', now, 'monthly').date).toBe('2025-09-30');
    expect(minutesToExpiry(now, expiryInstant('2025-09-02'))).toBe(375);
    expect(yearsToExpiry(now, expiryInstant('2025-09-02'))).toBeCloseTo(375 / 525_600, 15);
    expect(daysToExpiry(istToEpoch(2025, 9, 1, 15, 30), expiryInstant('2025-09-02'))).toBe(1);
  });

  it('trading-day time counts sessions, skipping weekends and holidays', () => {
    // Fri 15 Aug 2025 holiday: from Thu 14 Aug 09:15 to Tue 19 Aug 15:30 = Thu + Mon + Tue = 3 sessions.
    expect(yearsToExpiry(istToEpoch(2025, 8, 14, 9, 15), expiryInstant('2025-08-19'), 'trading') * 252).toBeCloseTo(3, 12);
    expect(yearsToExpiry(istToEpoch(2025, 8, 14, 12, 22, 30), expiryInstant('2025-08-19'), 'trading') * 252).toBeCloseTo(2.5, 12);
  });
});
