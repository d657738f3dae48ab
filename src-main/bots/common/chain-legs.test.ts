import { describe, expect, it } from 'vitest';
import { istToEpoch } from '#core/time-ist';
import type { OptionRight } from '#model/instrument';
import { ChainBook } from '#options/chain-book';
import type { OptionChain } from '#options/chain';
import { yearsToExpiry } from '#options/expiry';
import { simulateChain } from '#options/sim-chain';
import { DEFAULT_SURFACE } from '#options/surface';
import { strikeNearDelta } from './chain-legs.ts';

const now = istToEpoch(2026, 11, 25, 10, 0);
const expiryTs = istToEpoch(2026, 12, 29, 15, 30);
const spec = { underlying: 'NIFTY', exchange: 'NFO', expiry: '2026-12-29', expiryTs, lotSize: 65, tickSize: 0.05, r: 0.065 };

function wideChain(spot: number): { book: ChainBook; chain: OptionChain } {
  const book = new ChainBook(spec);
  book.applyChain(simulateChain({ ...spec, now, spot, q: 0, T: yearsToExpiry(now, expiryTs), strikeStep: 50, strikesEachSide: 80, surface: DEFAULT_SURFACE }));
  return { book, chain: book.snapshot(now)! };
}

/** The definition: every strike beyond `from` on the out-of-the-money side, the nearest delta, the lower strike on a tie. */
function byFullScan(chain: OptionChain, right: OptionRight, target: number, from: number): number | undefined {
  let best: { strike: number; d: number } | undefined;
  for (const row of chain.rows) {
    const delta = (right === 'CE' ? row.ce : row.pe)?.delta;
    if (delta === undefined || !(right === 'CE' ? row.strike > from : row.strike < from)) continue;
    const d = Math.abs(delta - target);
    if (!best || d < best.d) best = { strike: row.strike, d };
  }
  return best?.strike;
}

describe('strikeNearDelta', () => {
  it('finds the strike a scan of the whole chain finds, for calls and puts, shorts and wings', () => {
    for (const spot of [24_480, 25_013, 26_150]) {
      const { chain } = wideChain(spot);
      for (const target of [0.05, 0.1, 0.16, 0.2, 0.3, 0.45]) {
        for (const [right, sign] of [['CE', 1], ['PE', -1]] as const) {
          const short = strikeNearDelta(chain, right, sign * target, spot);
          expect(short).toBe(byFullScan(chain, right, sign * target, spot));
          expect(strikeNearDelta(chain, right, (sign * target) / 2, short!)).toBe(byFullScan(chain, right, (sign * target) / 2, short!));
        }
      }
    }
  });

  it('prices only the strikes it walks, not the whole wide chain', () => {
    const { book, chain } = wideChain(25_013);
    const short = strikeNearDelta(chain, 'CE', 0.2, chain.spot)!;
    strikeNearDelta(chain, 'CE', 0.1, short);
    const walked = chain.rows.filter((r) => r.strike > chain.spot && r.strike <= short).length;
    expect(book.stats.ivSolves).toBeLessThan(walked + 25);
    expect(book.stats.ivSolves).toBeLessThan(chain.rows.length / 2);
  });

  it('gives nothing when no strike beyond carries a delta', () => {
    const { chain } = wideChain(25_013);
    expect(strikeNearDelta(chain, 'CE', 0.2, chain.rows.at(-1)!.strike)).toBeUndefined();
    expect(strikeNearDelta(chain, 'PE', -0.2, chain.rows[0]!.strike)).toBeUndefined();
  });
});
