import { describe, expect, it } from 'vitest';
import { istToEpoch } from '#core/time-ist';
import type { DeferredChain, OptionChain } from '#options/chain';
import { expiryInstant } from '#options/expiry';
import { expectedMove } from '#options/iv-stats';
import { simulateChain } from '#options/sim-chain';
import { DEFAULT_SURFACE } from '#options/surface';
import { OptionChains } from './option-chains.ts';

const R = 0.065;
const NOW = istToEpoch(2026, 11, 25, 10, 0);

function chain(expiry: string, spot: number, now = NOW, strikesEachSide = 20) {
  const expiryTs = expiryInstant(expiry);
  const T = (expiryTs - now) / (365 * 86_400_000);
  return simulateChain({ underlying: 'NIFTY', exchange: 'NFO', expiry, expiryTs, now, spot, r: R, q: 0, T, strikeStep: 50, strikesEachSide, lotSize: 65, surface: { ...DEFAULT_SURFACE, vix: 13 } });
}

describe('option chains for the screens', () => {
  it('cuts the strikes around the money and marks the ATM strike and the expected move', () => {
    const chains = new OptionChains(R);
    chains.applyChain(chain('2026-12-01', 26_010));
    const v = chains.view('NIFTY', undefined, 5, NOW);
    expect(v.expiries).toEqual(['2026-12-01']);
    expect(v.rows).toHaveLength(11);
    expect(v.rows[5]!.strike).toBe(v.atmStrike);
    expect(v.atmStrike! % 50).toBe(0);
    expect(v.rows[5]!.ce!.instrumentId).toBe(`NFO:NIFTY01DEC26${v.atmStrike}CE`);
    expect(v.rows[5]!.ce!.delta).toBeGreaterThan(0.4);
    expect(v.rows[5]!.pe!.delta).toBeLessThan(-0.4);
    expect(v.atmIv).toBeGreaterThan(0.08);
    expect(v.expectedMove).toBeCloseTo(expectedMove(v.forward!, v.atmIv!, (expiryInstant('2026-12-01') - NOW) / (365 * 86_400_000)), 6);
  });

  it('measures OI change from the first OI seen today and lists expiries nearest first', () => {
    const chains = new OptionChains(R);
    chains.applyChain(chain('2026-12-08', 26_000));
    chains.applyChain(chain('2026-12-01', 26_000));
    const later = NOW + 30 * 60_000;
    chains.applyChain(chain('2026-12-01', 26_300, later));
    const v = chains.view('NIFTY', '2026-12-01', 3, later);
    expect(v.expiries).toEqual(['2026-12-01', '2026-12-08']);
    const changes = v.rows.flatMap((r) => [r.ce!.oiChange!, r.pe!.oiChange!]);
    expect(changes.some((c) => c !== 0)).toBe(true);
    const tomorrow = istToEpoch(2026, 11, 26, 9, 20);
    chains.applyChain(chain('2026-12-01', 26_300, tomorrow));
    expect(chains.view('NIFTY', '2026-12-01', 3, tomorrow).rows.every((r) => r.ce!.oiChange === 0)).toBe(true);
  });

  it('shows a deferred chain as the same chain applied whole, its OI first seen when a leg is first read', () => {
    const whole = new OptionChains(R);
    const deferred = new OptionChains(R);
    const asChain = (c: OptionChain): DeferredChain => {
      const { rows, ...rest } = c;
      const byStrike = new Map(rows.map((r) => [r.strike, r]));
      return { ...rest, strikes: rows.map((r) => r.strike), leg: (k, right) => (right === 'CE' ? byStrike.get(k)!.ce : byStrike.get(k)!.pe)! };
    };
    const later = NOW + 30 * 60_000;
    for (const [spot, at] of [[26_000, NOW], [26_300, later]] as const) {
      whole.applyChain(chain('2026-12-01', spot, at));
      deferred.applyDeferredChain(asChain(chain('2026-12-01', spot, at)));
    }
    // The deferred book's legs were first read at 26,300: no OI change yet, where the whole book saw 26,000's.
    const a = whole.view('NIFTY', '2026-12-01', 3, later);
    const b = deferred.view('NIFTY', '2026-12-01', 3, later);
    expect(b.rows.map((r) => [r.strike, r.ce!.ltp, r.pe!.bid, r.ce!.iv])).toEqual(a.rows.map((r) => [r.strike, r.ce!.ltp, r.pe!.bid, r.ce!.iv]));
    expect(b.rows.every((r) => r.ce!.oiChange === 0)).toBe(true);
    expect(a.rows.some((r) => r.ce!.oiChange !== 0)).toBe(true);
  });

  it('says why a chain is empty, and drops expired chains', () => {
    const chains = new OptionChains(R);
    expect(chains.view('BANKNIFTY', undefined, 5, NOW)).toMatchObject({ rows: [], message: 'no option quotes for BANKNIFTY yet' });
    chains.applyChain(chain('2026-12-01', 26_000));
    expect(chains.view('NIFTY', '2026-12-15', 5, NOW).message).toBe('no quotes for the NIFTY 2026-12-15 expiry');
    expect(chains.view('NIFTY', undefined, 5, expiryInstant('2026-12-01') + 1).expiries).toEqual([]);
  });
});
