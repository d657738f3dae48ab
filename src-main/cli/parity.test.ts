import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOneLine, runCli } from '#core/cli-test-support';
import { istToEpoch } from '#core/time-ist';
import { CAUSES } from '#backtest/parity/attribution';
import { parityReport } from '#backtest/parity/parity-report';
import { plantedSessionStore, type PlantedStore } from '#backtest/parity/testing';

describe('npm run parity', () => {
  let store: PlantedStore;
  beforeAll(async () => {
    store = await plantedSessionStore();
  });
  afterAll(() => store.remove());

  it('prints the report of a recorded day as a table, and as JSON', async () => {
    const sqlite = new Database(store.file, { readonly: true });
    const expected = await parityReport(sqlite, { fromMs: istToEpoch(2026, 11, 16), toMs: istToEpoch(2026, 11, 17), botId: 'short-straddle' });
    sqlite.close();
    // The whole day: the 10:20 order joins the session's five, all marked at the day's last price.
    expect(expected.parents).toHaveLength(6);
    const rupees = (x: number): string => Math.round(x).toLocaleString('en-IN');
    const table = await runCli('src-main/cli/parity.ts', ['--date', '2026-11-16', '--bot', 'short-straddle', '--data-dir', store.dir]);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain(`parity 2026-11-16 (short-straddle): 6 decisions; gross P&L recorded ₹${rupees(expected.recordedPnl)}, backtest ₹${rupees(expected.backtestPnl)}, gap ₹${rupees(expected.gap)}\n`);
    expect(table.stdout).toMatch(new RegExp(`\\ntotal\\s+${CAUSES.map((c) => rupees(expected.costs[c])).join('\\s+')}\\n`));
    expect(table.stdout).toMatch(/\n09:50:00\s+NFO:NIFTY26N1724000CE\s+BUY\s+50\s+50\s+3\s+117\.50\s+117\.90\s+0\s+0\s+0\s+20\n/);
    expect(table.stdout).toMatch(/not priced: i-unpriced — no replayed price of NFO:NIFTY26N1724000PE/);
    const json = await runCli('src-main/cli/parity.ts', ['--date', '2026-11-16', '--bot', 'short-straddle', '--database', store.file, '--json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({ from: '2026-11-16', to: '2026-11-16', bot: 'short-straddle', ...JSON.parse(JSON.stringify(expected)) });
    const all = await runCli('src-main/cli/parity.ts', ['--date', '2026-11-16', '--database', store.file, '--json']);
    expect((JSON.parse(all.stdout) as { parents: unknown[] }).parents).toHaveLength(7);
  });

  it('refuses bad arguments in one line with exit 2, and a missing database with exit 1', async () => {
    const noDate = await runCli('src-main/cli/parity.ts', []);
    expect(noDate.code).toBe(2);
    expectOneLine(noDate.stderr, /^parity: --date is required — /);
    const badDay = await runCli('src-main/cli/parity.ts', ['--date', '2026-02-30']);
    expect(badDay.code).toBe(2);
    expectOneLine(badDay.stderr, /^parity: --date 2026-02-30 is not a date — /);
    const missing = await runCli('src-main/cli/parity.ts', ['--date', '2026-11-16', '--data-dir', `${store.dir}/nope`]);
    expect(missing.code).toBe(1);
    expectOneLine(missing.stderr, /^parity: no database at .*nope\/terminal\.sqlite — /);
  });
});
