import { describe, expect, it } from 'vitest';
import { CONTRACT_SPECS, lotSizeOn, tableSpecs, withLiveSpecs, type SpecMismatch } from './contract-specs.ts';
import type { Underlying } from './contract-specs-data.ts';

/** The lot of the contract expiring `expiry`, traded on `tradeDate`, through the public spec source. */
const lot = (u: Underlying, expiry: string, tradeDate: string): number => tableSpecs.specOn(u, tradeDate, expiry).lotSize;

describe('lot size per contract and trade date', () => {
  it('Nov 2024: existing NIFTY weeklies and monthlies keep 25 to expiry; new contracts carry 75 (NSE/FAOP/64625)', () => {
    expect(lot('NIFTY', '2024-12-19', '2024-12-16')).toBe(25); // last old weekly
    expect(lot('NIFTY', '2025-01-02', '2024-12-16')).toBe(75); // first new weekly
    expect(lot('NIFTY', '2024-12-26', '2024-12-20')).toBe(25);
    expect(lot('NIFTY', '2025-01-30', '2024-12-20')).toBe(25); // last old monthly
    expect(lot('NIFTY', '2025-02-27', '2024-12-20')).toBe(75); // first new monthly
  });

  it('a January 2025 NIFTY weekly at 75 trades beside the January monthly at 25', () => {
    expect(lot('NIFTY', '2025-01-09', '2025-01-06')).toBe(75);
    expect(lot('NIFTY', '2025-01-30', '2025-01-06')).toBe(25);
  });

  it('existing quarterly/half-yearly contracts move by trade date: NIFTY at EOD 26 Dec 2024, BANKNIFTY at EOD 24 Dec 2024', () => {
    expect(lot('NIFTY', '2025-03-27', '2024-11-15')).toBe(25);
    expect(lot('NIFTY', '2025-03-27', '2024-12-26')).toBe(25);
    expect(lot('NIFTY', '2025-03-27', '2024-12-27')).toBe(75);
    expect(lot('NIFTY', '2025-06-26', '2024-12-27')).toBe(75);
    expect(lot('BANKNIFTY', '2025-03-27', '2024-12-24')).toBe(15);
    expect(lot('BANKNIFTY', '2025-03-27', '2024-12-26')).toBe(30);
  });

  it('BANKNIFTY monthlies to January 2025 stay 15; SENSEX weeklies to 3 Jan 2025 stay 10', () => {
    expect(lot('BANKNIFTY', '2024-12-24', '2024-12-02')).toBe(15);
    expect(lot('BANKNIFTY', '2025-01-30', '2025-01-10')).toBe(15);
    expect(lot('BANKNIFTY', '2025-02-27', '2025-01-10')).toBe(30);
    expect(lot('SENSEX', '2025-01-03', '2024-12-30')).toBe(10);
    expect(lot('SENSEX', '2025-01-28', '2025-01-06')).toBe(10);
    expect(lot('SENSEX', '2025-01-07', '2024-12-30')).toBe(20);
    expect(lot('SENSEX', '2025-03-25', '2024-12-27')).toBe(10);
    expect(lot('SENSEX', '2025-03-25', '2024-12-30')).toBe(20);
  });

  it('2021 NIFTY 75 → 50 as NSE/FAOP/47854 reads: July weeklies 75, the July monthly and August weeklies 50', () => {
    expect(lot('NIFTY', '2021-07-22', '2021-07-19')).toBe(75);
    expect(lot('NIFTY', '2021-07-29', '2021-07-19')).toBe(50);
    expect(lot('NIFTY', '2021-08-05', '2021-07-30')).toBe(50);
    expect(lot('NIFTY', '2021-06-24', '2021-06-01')).toBe(75);
    expect(lot('NIFTY', '2021-09-30', '2021-06-24')).toBe(75); // long-term option before the June expiry
    expect(lot('NIFTY', '2021-09-30', '2021-06-25')).toBe(50);
    expect(lot('NIFTY', '2021-07-29', '2021-04-29')).toBe(75); // before the circular took effect
  });

  it('2023 BANKNIFTY 25 → 15 and 2024 NIFTY 50 → 25 (existing contracts moved on the effective date)', () => {
    expect(lot('BANKNIFTY', '2023-07-20', '2023-07-17')).toBe(25);
    expect(lot('BANKNIFTY', '2023-07-27', '2023-07-17')).toBe(15);
    expect(lot('BANKNIFTY', '2023-08-02', '2023-07-28')).toBe(15);
    expect(lot('NIFTY', '2024-05-30', '2024-04-25')).toBe(50);
    expect(lot('NIFTY', '2024-05-30', '2024-04-26')).toBe(25);
    expect(lot('NIFTY', '2024-05-02', '2024-04-26')).toBe(25);
  });

  it('2025 and 2026 revisions: BANKNIFTY 35 from the July 2025 monthly, NIFTY 65 from the January 2026 expiries', () => {
    expect(lot('BANKNIFTY', '2025-06-26', '2025-05-02')).toBe(30);
    expect(lot('BANKNIFTY', '2025-07-31', '2025-05-02')).toBe(35);
    expect(lot('BANKNIFTY', '2025-09-30', '2025-04-24')).toBe(30);
    expect(lot('BANKNIFTY', '2025-09-30', '2025-04-25')).toBe(35);
    expect(lot('MIDCPNIFTY', '2025-12-30', '2025-12-01')).toBe(140);
    expect(lot('NIFTY', '2025-12-23', '2025-12-15')).toBe(75);
    expect(lot('NIFTY', '2025-12-30', '2025-12-15')).toBe(75);
    expect(lot('NIFTY', '2026-01-06', '2025-12-15')).toBe(65);
    expect(lot('NIFTY', '2026-03-30', '2025-12-30')).toBe(75);
    expect(lot('NIFTY', '2026-03-30', '2025-12-31')).toBe(65);
  });

  it('without an expiry: the lot of contracts listed that day; 2026 lots match OpenAlgo LotSize.md (65/30/60/120, SENSEX 20)', () => {
    const on = (u: Underlying): number => tableSpecs.specOn(u, '2026-05-04').lotSize;
    expect([on('NIFTY'), on('BANKNIFTY'), on('FINNIFTY'), on('MIDCPNIFTY'), on('SENSEX')]).toEqual([65, 30, 60, 120, 20]);
    expect(tableSpecs.specOn('NIFTY', '2024-11-20').lotSize).toBe(75);
  });

  it('every revision cites its source, and lotSizeOn names the one it used', () => {
    for (const spec of Object.values(CONTRACT_SPECS)) for (const r of [spec.lots.initial, ...spec.lots.revisions]) expect(r.source.length).toBeGreaterThan(20);
    expect(lotSizeOn('NIFTY', '2025-01-30', '2025-01-06').source).toContain('effective 26 Apr 2024');
    expect(lotSizeOn('NIFTY', '2025-01-09', '2025-01-06').source).toContain('NSE/FAOP/64625');
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
  it('takes OpenAlgo lots per contract, reports each mismatch once, and keeps the table for contracts it did not list', () => {
    const seen: SpecMismatch[] = [];
    const live = { NIFTY: { lotSizes: { '2026-03-10': 75 }, freezeQty: 1 }, BANKNIFTY: { lotSizes: { '2026-03-31': 30 }, freezeQty: 900 } };
    const source = withLiveSpecs(live, (m) => seen.push(m));
    const n = source.specOn('NIFTY', '2026-03-02', '2026-03-10');
    expect(n.lotSize).toBe(75);
    expect(n.sources.lotSize).toBe('live');
    expect(n.freezeQty).toBe(1800); // freeze_qty 1 means "not configured" in OpenAlgo
    source.specOn('NIFTY', '2026-03-03', '2026-03-10');
    const other = source.specOn('NIFTY', '2026-03-02', '2026-03-17');
    expect(other.lotSize).toBe(65);
    expect(other.sources.lotSize).toContain('70616');
    expect(source.specOn('BANKNIFTY', '2026-03-02', '2026-03-31').freezeQty).toBe(900);
    expect(source.specOn('FINNIFTY', '2026-03-02').lotSize).toBe(60);
    expect(seen).toEqual([
      { underlying: 'NIFTY', date: '2026-03-02', expiry: '2026-03-10', field: 'lotSize', table: 65, live: 75 },
      { underlying: 'BANKNIFTY', date: '2026-03-02', field: 'freezeQty', table: 600, live: 900 },
    ]);
  });
});
