import { describe, expect, it } from 'vitest';
import { CONTRACT_SPECS, tableSpecs, withLiveSpecs, type SpecMismatch } from './contract-specs.ts';
import type { Underlying } from './contract-specs-data.ts';

const lot = (u: Underlying, expiry: string): number => tableSpecs.specOn(u, expiry, expiry).lotSize;
const dayBefore = (key: string): string => new Date(Date.parse(`${key}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

describe('contract specs in time', () => {
  it('NIFTY lot 75 → 50 → 25 → 75 → 65 by contract expiry (market.md §5.2)', () => {
    expect(lot('NIFTY', '2021-07-29')).toBe(75);
    expect(lot('NIFTY', '2021-08-05')).toBe(50);
    expect(lot('NIFTY', '2024-04-25')).toBe(50);
    expect(lot('NIFTY', '2024-05-02')).toBe(25);
    expect(lot('NIFTY', '2024-11-28')).toBe(25);
    expect(lot('NIFTY', '2024-12-05')).toBe(75);
    expect(lot('NIFTY', '2025-12-30')).toBe(75);
    expect(lot('NIFTY', '2026-01-06')).toBe(65);
  });

  it('returns the right lot on each side of every change, for every underlying', () => {
    for (const [u, spec] of Object.entries(CONTRACT_SPECS) as [Underlying, (typeof CONTRACT_SPECS)[Underlying]][]) {
      for (let i = 1; i < spec.lots.length; i++) {
        const change = spec.lots[i]!;
        expect(lot(u, change.fromExpiry), `${u} from ${change.fromExpiry}`).toBe(change.lotSize);
        expect(lot(u, dayBefore(change.fromExpiry)), `${u} before ${change.fromExpiry}`).toBe(spec.lots[i - 1]!.lotSize);
      }
    }
  });

  it('current (2026) lots match OpenAlgo LotSize.md: 65/30/60/120, SENSEX 20', () => {
    const on = (u: Underlying): number => tableSpecs.specOn(u, '2026-05-04').lotSize;
    expect([on('NIFTY'), on('BANKNIFTY'), on('FINNIFTY'), on('MIDCPNIFTY'), on('SENSEX')]).toEqual([65, 30, 60, 120, 20]);
  });

  it('BANKNIFTY 35 and MIDCPNIFTY 140 only for Jul–Dec 2025 expiries', () => {
    expect(lot('BANKNIFTY', '2025-06-26')).toBe(30);
    expect(lot('BANKNIFTY', '2025-07-31')).toBe(35);
    expect(lot('MIDCPNIFTY', '2025-12-30')).toBe(140);
    expect(lot('MIDCPNIFTY', '2026-01-27')).toBe(120);
  });

  it('weekly availability and weekday follow the dated rules', () => {
    expect(tableSpecs.specOn('BANKNIFTY', '2024-11-13').weeklyWeekday).toBe(3);
    expect(tableSpecs.specOn('BANKNIFTY', '2024-11-20').weeklyWeekday).toBeNull();
    expect(tableSpecs.specOn('NIFTY', '2025-08-28').weeklyWeekday).toBe(4);
    expect(tableSpecs.specOn('NIFTY', '2025-09-01').weeklyWeekday).toBe(2);
    expect(tableSpecs.specOn('SENSEX', '2025-09-04').weeklyWeekday).toBe(4);
    expect(tableSpecs.specOn('NIFTY', '2025-01-01').sources.lotSize).toContain('SEBI');
  });
});

describe('live override', () => {
  it('prefers live lot sizes and reports each mismatch once', () => {
    const seen: SpecMismatch[] = [];
    const source = withLiveSpecs({ NIFTY: { lotSize: 75, freezeQty: 1 }, BANKNIFTY: { lotSize: 30, freezeQty: 900 } }, (m) => seen.push(m));
    const n = source.specOn('NIFTY', '2026-03-02');
    expect(n.lotSize).toBe(75);
    expect(n.sources.lotSize).toBe('live');
    expect(n.freezeQty).toBe(1800); // freeze_qty 1 means "not configured" in OpenAlgo
    source.specOn('NIFTY', '2026-03-03');
    expect(source.specOn('BANKNIFTY', '2026-03-02').freezeQty).toBe(900);
    expect(source.specOn('FINNIFTY', '2026-03-02').lotSize).toBe(60);
    expect(seen).toEqual([
      { underlying: 'NIFTY', date: '2026-03-02', field: 'lotSize', table: 65, live: 75 },
      { underlying: 'BANKNIFTY', date: '2026-03-02', field: 'freezeQty', table: 600, live: 900 },
    ]);
  });
});
