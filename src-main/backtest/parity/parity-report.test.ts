import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CAUSES, type ParityReport } from './attribution.ts';
import { parityReport } from './parity-report.ts';
import { BACKTEST_PNL, NO_BARS, PLANTED, plantedSessionStore, SESSION, TOTAL_COST, type PlantedStore } from './testing.ts';

describe('parity report of a recorded paper session', () => {
  let store: PlantedStore;
  let report: ParityReport;

  beforeAll(async () => {
    store = await plantedSessionStore();
    const sqlite = new Database(store.file, { readonly: true });
    report = await parityReport(sqlite, { ...SESSION, botId: 'short-straddle' });
    sqlite.close();
  });
  afterAll(() => store.remove());

  it('charges each planted cause to its decision, and nothing else', () => {
    for (const planted of Object.values(PLANTED)) {
      const parent = report.parents.find((p) => p.key.startsWith(`${planted.key}|`));
      expect(parent, planted.key).toBeDefined();
      for (const cause of CAUSES) expect(parent?.costs[cause], `${planted.key} ${cause}`).toBeCloseTo(planted.costs[cause], 9);
    }
  });

  it('groups a freeze-split order’s slices into one decision and prices it at the decision', () => {
    const split = report.parents.find((p) => p.key.startsWith('i-freeze|'));
    expect(split).toMatchObject({ slices: 3, quantity: 50, filled: 50, decisionPrice: 117.5 });
    expect(report.parents.find((p) => p.key.startsWith('i-unfilled|'))).toMatchObject({ quantity: 40, filled: 30 });
  });

  it('the causes add up to the gap between the recorded and the backtest P&L', () => {
    expect(report.backtestPnl).toBeCloseTo(BACKTEST_PNL, 9);
    expect(report.recordedPnl).toBeCloseTo(BACKTEST_PNL - TOTAL_COST, 9);
    expect(report.gap).toBeCloseTo(-TOTAL_COST, 9);
    expect(CAUSES.reduce((s, c) => s + report.costs[c], 0)).toBeCloseTo(-report.gap, 9);
  });

  it('leaves out orders never sent, other bots’, and those outside the session; names what it cannot price', () => {
    expect(report.parents.map((p) => p.key.split('|')[0])).toEqual(['i-latency', 'i-spread', 'i-partial', 'i-freeze', 'i-unfilled']);
    expect(report.unpriced).toEqual([expect.objectContaining({ key: expect.stringMatching(/^i-unpriced\|/), instrumentId: NO_BARS })]);
    // Charges of the reported fills only: o1, o2, o3 ×2, o4a–c, o5 at ₹20 each.
    expect(report.recordedCharges).toBe(8 * 20);
  });
});
