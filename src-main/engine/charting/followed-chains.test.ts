import { describe, expect, it } from 'vitest';
import { istToEpoch } from '#core/time-ist';
import { indexInstrument, VIX_INSTRUMENT } from '#market/feeds/simulator/instruments';
import { tableSpecs } from '#options/contract-specs';
import { followedChains } from './followed-chains.ts';

const instruments = [indexInstrument({ name: 'NIFTY', indexExchange: 'NSE_INDEX' }), indexInstrument({ name: 'SENSEX', indexExchange: 'BSE_INDEX' }), VIX_INSTRUMENT];

describe('the chains kept fresh outside simulation', () => {
  it('follows each index’s nearest expiry and its monthly, on the exchange its options trade on; India VIX has none', () => {
    const f = followedChains(instruments, tableSpecs);
    // Wednesday 25 Nov 2026: NIFTY's next weekly is Tuesday 1 Dec, its monthly 29 Dec; SENSEX's next expiry,
    // Thursday 26 Nov, is its monthly.
    const targets = f.standing(istToEpoch(2026, 11, 25, 10, 0));
    expect(targets).toEqual([
      { underlying: 'NIFTY', exchange: 'NFO', expiry: '2026-12-01' },
      { underlying: 'NIFTY', exchange: 'NFO', expiry: '2026-12-29' },
      { underlying: 'SENSEX', exchange: 'BFO', expiry: '2026-11-26' },
    ]);
  });

  it('lists an expiry once when the nearest is the monthly, and moves on after the expiry’s close', () => {
    const f = followedChains(instruments.slice(0, 1), tableSpecs);
    expect(f.standing(istToEpoch(2026, 12, 24, 10, 0))).toEqual([{ underlying: 'NIFTY', exchange: 'NFO', expiry: '2026-12-29' }]);
    expect(f.standing(istToEpoch(2026, 12, 29, 15, 31)).map((t) => t.expiry)).toEqual(['2027-01-05', '2027-01-26']);
  });

  it('follows a chain a bot asks for only for a known underlying and an expiry not past', () => {
    const f = followedChains(instruments, tableSpecs);
    const now = istToEpoch(2026, 11, 25, 10, 0);
    expect(f.target('NIFTY', '2026-12-15', now)).toEqual({ underlying: 'NIFTY', exchange: 'NFO', expiry: '2026-12-15' });
    expect(f.target('NIFTY', '2026-11-24', now)).toBeUndefined();
    expect(f.target('RELIANCE', '2026-12-15', now)).toBeUndefined();
    expect(f.target('NIFTY', '15DEC26', now)).toBeUndefined();
  });
});
