import { afterEach, describe, expect, it } from 'vitest';
import { istToEpoch } from '#core/time-ist';
import {
  createNseCalendar,
  extendCalendar,
  holidayName,
  isTradingDay,
  muhuratSessionOn,
  nextTradingDay,
  onOrBeforeTradingDay,
  previousTradingDay,
  sessionAt,
  sessionOn,
  tradingDaysBetween,
} from './nse-calendar.ts';
import { NSE_HOLIDAYS } from './nse-holidays.ts';

afterEach(() => extendCalendar({}));

describe('holiday table', () => {
  it('lists only weekdays, without duplicates, sorted, 2020 to 2026', () => {
    const dates = NSE_HOLIDAYS.map((h) => h.date);
    expect(new Set(dates).size).toBe(dates.length);
    expect([...dates].sort()).toEqual(dates);
    for (const d of dates) expect([0, 6]).not.toContain(new Date(`${d}T00:00:00Z`).getUTCDay());
    expect(createNseCalendar().coveredYears).toEqual([2020, 2021, 2022, 2023, 2024, 2025, 2026]);
  });

  it('closes on known holidays and opens on the days around them', () => {
    expect(isTradingDay('2024-01-22')).toBe(false); // Ram Mandir special holiday
    expect(isTradingDay('2024-05-20')).toBe(false); // Mumbai polling day
    expect(isTradingDay('2023-06-29')).toBe(false); // Bakri Id after its revision
    expect(isTradingDay('2023-06-28')).toBe(true);
    expect(isTradingDay('2025-10-21')).toBe(false); // Muhurat day: the regular session is closed
    expect(isTradingDay('2026-01-26')).toBe(false);
    expect(isTradingDay('2025-12-24')).toBe(true);
    expect(holidayName('2025-12-25')).toBe('Christmas');
    expect(holidayName('2025-12-24')).toBeUndefined();
  });

  it('opens on special weekend sessions and closes on ordinary weekends', () => {
    expect(isTradingDay('2025-02-01')).toBe(true); // budget Saturday
    expect(isTradingDay('2024-01-20')).toBe(true);
    expect(isTradingDay('2025-02-08')).toBe(false);
    expect(isTradingDay('2025-02-09')).toBe(false);
  });
});

describe('sessions', () => {
  it('regular session is 09:15-15:30 IST for both segments before the closing-auction change', () => {
    const eq = sessionOn('2026-07-31');
    const fno = sessionOn('2026-07-31', 'fno');
    expect(eq).toMatchObject({ open: istToEpoch(2026, 7, 31, 9, 15), close: istToEpoch(2026, 7, 31, 15, 30), kind: 'regular' });
    expect(fno?.close).toBe(istToEpoch(2026, 7, 31, 15, 30));
    expect(eq?.continuousClose).toBeUndefined();
  });

  it('from 2026-08-03 F&O closes at 15:40 and cash ends continuous trading at 15:15', () => {
    const fno = sessionOn('2026-08-03', 'fno');
    const eq = sessionOn('2026-08-03');
    expect(fno?.close).toBe(istToEpoch(2026, 8, 3, 15, 40));
    expect(eq?.close).toBe(istToEpoch(2026, 8, 3, 15, 30));
    expect(eq?.continuousClose).toBe(istToEpoch(2026, 8, 3, 15, 15));
    expect(sessionAt(istToEpoch(2026, 8, 3, 15, 35), 'fno')).toBeDefined();
    expect(sessionAt(istToEpoch(2026, 8, 3, 15, 35))).toBeUndefined();
  });

  it('sessionAt is half-open and honours breaks', () => {
    expect(sessionAt(istToEpoch(2025, 3, 3, 9, 15))).toBeDefined();
    expect(sessionAt(istToEpoch(2025, 3, 3, 9, 14, 59))).toBeUndefined();
    expect(sessionAt(istToEpoch(2025, 3, 3, 15, 30))).toBeUndefined();
    expect(sessionAt(istToEpoch(2024, 3, 2, 9, 30))).toBeDefined();
    expect(sessionAt(istToEpoch(2024, 3, 2, 10, 30))).toBeUndefined(); // DR switch-over break
    expect(sessionAt(istToEpoch(2024, 3, 2, 12, 0))).toBeDefined();
  });

  it('exposes the Muhurat hour without making the day a trading day', () => {
    expect(sessionOn('2025-10-21')).toBeUndefined();
    expect(muhuratSessionOn('2025-10-21')).toMatchObject({ open: istToEpoch(2025, 10, 21, 13, 45), kind: 'muhurat' });
  });
});

describe('navigation', () => {
  it('skips weekends and holidays', () => {
    expect(nextTradingDay('2025-10-20')).toBe('2025-10-23'); // over Muhurat and Balipratipada
    expect(previousTradingDay('2025-10-23')).toBe('2025-10-20');
    expect(previousTradingDay('2024-01-23')).toBe('2024-01-20'); // special Saturday session
    expect(nextTradingDay('2025-12-24')).toBe('2025-12-26');
    expect(onOrBeforeTradingDay('2025-08-15')).toBe('2025-08-14');
    expect(onOrBeforeTradingDay('2025-08-14')).toBe('2025-08-14');
  });

  it('counts trading days in (from, to]', () => {
    expect(tradingDaysBetween('2025-10-20', '2025-10-23')).toBe(1);
    expect(tradingDaysBetween('2025-10-23', '2025-10-20')).toBe(-1);
    expect(tradingDaysBetween('2025-03-03', '2025-03-10')).toBe(5);
    expect(tradingDaysBetween('2025-03-03', '2025-03-03')).toBe(0);
  });
});

describe('config', () => {
  it('adds and removes holidays for every module-level caller', () => {
    extendCalendar({ holidays: [{ date: '2027-01-26', name: 'Republic Day' }], removeHolidays: ['2025-12-25'] });
    expect(isTradingDay('2027-01-26')).toBe(false);
    expect(isTradingDay('2025-12-25')).toBe(true);
    extendCalendar({});
    expect(isTradingDay('2027-01-26')).toBe(true);
    expect(isTradingDay('2025-12-25')).toBe(false);
  });
});
