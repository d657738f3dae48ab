import { describe, expect, it } from 'vitest';
import { istToEpoch } from '#core/time-ist';
import { expiryCodeFromEpoch } from '#openalgo/symbol-codec';
import { listedExpiries } from './listed-expiries.ts';

const codes = (xs: readonly number[]) => xs.map(expiryCodeFromEpoch);

describe('the expiries the OpenAlgo simulator lists', () => {
  it('after the close of an expiry day, the replayed session’s weekly and the one the terminal now asks for', () => {
    // Tuesday 1 Dec 2026 is a NIFTY weekly expiry; at 17:00 IST the simulator replays that morning's session.
    const replayed = istToEpoch(2026, 12, 1, 9, 20);
    const wall = istToEpoch(2026, 12, 1, 17, 0);
    expect(codes(listedExpiries('NIFTY', replayed, wall))).toEqual(['01DEC26', '08DEC26', '29DEC26']);
  });

  it('in market hours, the nearest weekly and the monthly once each', () => {
    const now = istToEpoch(2026, 12, 2, 11, 0);
    expect(codes(listedExpiries('NIFTY', now, now))).toEqual(['08DEC26', '29DEC26']);
  });

  it('nothing for a name without NSE expiries', () => {
    expect(listedExpiries('NOT-AN-INDEX', 0, 0)).toEqual([]);
  });
});
