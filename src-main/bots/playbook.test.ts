import { describe, expect, it } from 'vitest';
import { createNseCalendar } from '#calendar/nse-calendar';
import { istToEpoch } from '#core/time-ist';
import { createBotCalendar } from './context/bot-calendar.ts';
import { playbook, sizedLots, type PlaybookRules } from './playbook.ts';

const RULES: PlaybookRules = { expiryEntryCutoff: '13:00', expiryExitTime: '15:15', eventSizeFactor: 0.5, eventDays: [{ date: '2026-08-19', name: 'RBI policy' }] };
const at = (d: number, h: number, m: number) => createBotCalendar(istToEpoch(2026, 8, d, h, m), createNseCalendar());

describe('expiry-day and event-day playbook (one NSE calendar)', () => {
  it('knows NIFTY expiry days from the calendar: Tuesday 2026-08-25 is one, Wednesday 2026-08-19 is not', () => {
    expect(playbook(at(25, 10, 0), 'NIFTY', RULES).expiryDay).toBe(true);
    expect(playbook(at(19, 10, 0), 'NIFTY', RULES).expiryDay).toBe(false);
  });

  it('allows new short premium on an expiry day until the cut-off, not from it', () => {
    expect(playbook(at(25, 12, 59), 'NIFTY', RULES).shortPremiumEntry).toEqual({ allowed: true, reason: 'NIFTY expiry day, before the 13:00 cut-off' });
    expect(playbook(at(25, 13, 0), 'NIFTY', RULES).shortPremiumEntry).toEqual({ allowed: false, reason: 'NIFTY expiry day: no new short premium from 13:00' });
    expect(playbook(at(19, 14, 0), 'NIFTY', RULES).shortPremiumEntry.allowed).toBe(true);
  });

  it('forces the exit of a contract expiring today from 15:15, and of one already expired at once', () => {
    expect(playbook(at(25, 15, 14), 'NIFTY', RULES).mustExit('2026-08-25').exit).toBe(false);
    expect(playbook(at(25, 15, 15), 'NIFTY', RULES).mustExit('2026-08-25')).toEqual({ exit: true, reason: 'expiry day time exit at 15:15' });
    expect(playbook(at(25, 15, 15), 'NIFTY', RULES).mustExit('2026-09-01').exit).toBe(false);
    expect(playbook(at(26, 9, 30), 'NIFTY', RULES).mustExit('2026-08-25')).toEqual({ exit: true, reason: 'contract expired on 2026-08-25' });
  });

  it('reduces size on a configured event day, rounding down, and says so', () => {
    const view = playbook(at(19, 10, 0), 'NIFTY', RULES);
    expect(view).toMatchObject({ event: 'RBI policy', sizeFactor: 0.5 });
    expect(sizedLots(3, view)).toEqual({ lots: 1, note: 'event day (RBI policy): 3 lot(s) × 0.5 = 1' });
    expect(sizedLots(3, playbook(at(20, 10, 0), 'NIFTY', RULES))).toEqual({ lots: 3 });
  });

  it('treats an NSE special session (a Budget Saturday) as an event day', () => {
    const cal = createBotCalendar(istToEpoch(2025, 2, 1, 10, 0), createNseCalendar());
    expect(cal.session?.kind).toBe('special');
    expect(playbook(cal, 'NIFTY', { ...RULES, eventDays: [] }).event).toBe('NSE special session');
  });
});
