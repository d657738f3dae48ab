import { describe, expect, it } from 'vitest';
import { ChainCache } from '#options/chain-cache';
import { tableSpecs } from '#options/contract-specs';
import { yearsToExpiry } from '#options/expiry';
import { simulateChain } from '#options/sim-chain';
import { DEFAULT_SURFACE } from '#options/surface';
import { createBotChains, wideReachPct } from './bot-chains.ts';
import type { BotKind } from '#bots/catalog';

describe('chains read by bots', () => {
  it('reach a 20-delta short and its wing: wider for longer expiries and higher volatility', () => {
    expect(wideReachPct(13, 2 / 365)).toBeCloseTo(3.5 + 20 * Math.sqrt(2 / 365), 6);
    expect(wideReachPct(13, 34 / 365)).toBeGreaterThan(wideReachPct(13, 7 / 365));
    expect(wideReachPct(30, 34 / 365)).toBeGreaterThan(wideReachPct(13, 34 / 365));
  });

  it('are one shared chain: every bot reading at one instant gets the same object, priced once', () => {
    const cache = new ChainCache();
    const now = Date.UTC(2026, 10, 25, 5, 0);
    const expiryTs = Date.UTC(2026, 11, 1, 10, 0);
    const spec = { underlying: 'NIFTY', exchange: 'NFO', expiry: '2026-12-01', expiryTs, lotSize: 65, tickSize: 0.05, r: 0.065 };
    const book = cache.ensure(spec);
    book.applyChain(simulateChain({ ...spec, now, spot: 26_000, q: 0, T: yearsToExpiry(now, expiryTs), strikeStep: 50, strikesEachSide: 10, surface: DEFAULT_SURFACE }));
    let reader: BotKind = 'short-straddle';
    const read = createBotChains({ cache, reader: () => reader, specs: tableSpecs, spot: () => 26_000, vix: () => 13 });
    const first = read('NIFTY', '2026-12-01', now);
    reader = 'momentum-rider';
    expect(read('NIFTY', '2026-12-01', now)).toBe(first);
    reader = 'iron-condor';
    expect(read('NIFTY', '2026-12-01', now)).toBe(first);
    for (const r of first!.rows) void [r.ce?.iv, r.pe?.iv];
    expect(book.stats).toEqual({ ivSolves: 42, snapshots: 1, reused: 2 });
  });

  it('are priced on request at the reading bot’s cadence, as far out as that bot trades', () => {
    const asked: [string, string, number][] = [];
    let reader: BotKind = 'short-straddle';
    const read = createBotChains({ cache: new ChainCache(), reader: () => reader, specs: tableSpecs, spot: () => 50_000, vix: () => 13, quote: (u, e, n) => (asked.push([u, e, n]), true) });
    const now = Date.UTC(2026, 10, 25, 5, 0);
    expect(read('BANKNIFTY', '2026-12-29', now)).toBeUndefined();
    expect(asked[0]).toEqual(['BANKNIFTY', '2026-12-29', Math.ceil((50_000 * 1.5) / 100 / 100)]);
    reader = 'iron-condor';
    read('BANKNIFTY', '2026-12-29', now);
    const wide = Math.ceil((50_000 * wideReachPct(13, (Date.parse('2026-12-29T10:00:00Z') - now) / (365 * 86_400_000))) / 100 / 100);
    expect(asked[1]![2]).toBeGreaterThan(asked[0]![2]);
    expect(Math.abs(asked[1]![2] - wide)).toBeLessThanOrEqual(1);
  });
});
