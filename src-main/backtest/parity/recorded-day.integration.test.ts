import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '#core/cli-test-support';
import { istToEpoch } from '#core/time-ist';
import { BotDay, DAY_SETTINGS } from '#engine/bots/testing/bot-day';
import { CAUSES, type ParityReport } from './attribution.ts';
import { parityReport } from './parity-report.ts';

/**
 * The parity report on a session the terminal really recorded: the engine runs a simulated morning with
 * the short straddle trading through the paper broker, and the report reads only what that run left in
 * its data folder (orders, fills and the 1-minute bars recorded while it ran).
 */
const DAY = '2026-11-25';
const MINUTES = 45;

describe('parity report of a recorded paper session', () => {
  const runs: { dir: string; file: string }[] = [];
  /** The IST day, as `npm run parity -- --date` reads it. */
  const session = { fromMs: istToEpoch(2026, 11, 25), toMs: istToEpoch(2026, 11, 26) };

  /** One recorded morning in its own data folder; two with the same seed must report the same. */
  const recordMorning = async (): Promise<void> => {
    const day = await BotDay.start({ day: DAY, seed: 8, session: 's1' });
    runs.push({ dir: day.dir, file: path.join(day.dir, 'terminal.sqlite') });
    expect(day.engine.setBotParams('short-straddle', DAY_SETTINGS['short-straddle'])).toMatchObject({ ok: true });
    expect(day.engine.startBot('short-straddle')).toMatchObject({ ok: true });
    await day.runTo(MINUTES);
    // The minute of the last decision closes before the terminal stops: a stop leaves the forming minute out.
    expect(day.engine.stopBot('short-straddle')).toMatchObject({ ok: true });
    await day.runTo(MINUTES + 2);
    await day.close(false);
  };

  beforeAll(async () => {
    await recordMorning();
    await recordMorning();
  }, 120_000);
  afterAll(() => {
    for (const r of runs) fs.rmSync(r.dir, { recursive: true, force: true });
  });

  const report = async (file = runs[0]!.file): Promise<ParityReport> => {
    const sqlite = new Database(file, { readonly: true, fileMustExist: true });
    try {
      return await parityReport(sqlite, { ...session, botId: 'short-straddle' });
    } finally {
      sqlite.close();
    }
  };

  it('prices every decision the bot took from the bars the terminal recorded', async () => {
    const r = await report();
    expect(r.parents.length).toBeGreaterThanOrEqual(2);
    expect(r.unpriced).toEqual([]);
    for (const p of r.parents) {
      expect(p.decisionPrice, p.key).toBeGreaterThan(0);
      expect(p.filled, p.key).toBeGreaterThan(0);
    }
  });

  it('attributes the whole gap between the recorded and the backtest P&L, the same way each time', async () => {
    const r = await report();
    expect(r.gap).toBeCloseTo(r.recordedPnl - r.backtestPnl, 9);
    expect(CAUSES.reduce((s, c) => s + r.costs[c], 0)).toBeCloseTo(-r.gap, 9);
    expect(r.recordedCharges).toBeGreaterThan(0);
    expect(await report()).toEqual(r);
    expect(await report(runs[1]!.file)).toEqual(r);
  });

  it('is what `npm run parity` prints for that data folder, every decision priced', async () => {
    const expected = await report();
    const json = await runCli('src-main/cli/parity.ts', ['--date', DAY, '--bot', 'short-straddle', '--data-dir', runs[0]!.dir, '--json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({ from: DAY, to: DAY, bot: 'short-straddle', ...JSON.parse(JSON.stringify(expected)) });
    const table = await runCli('src-main/cli/parity.ts', ['--date', DAY, '--data-dir', runs[0]!.dir]);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain(`parity ${DAY}: ${expected.parents.length} decisions;`);
    expect(table.stdout).not.toContain('not priced');
  });
});
