import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { istDateFromKey } from '#core/time-ist';
import type { AnyBotDefinition } from '#engine/bots/definitions';
import { BOT_DEFINITIONS } from '#engine/bots/definitions';
import { lookAheadDifferences } from './look-ahead.ts';
import { recordSimulatorHistory } from './record-history.ts';
import { runBacktest } from './run-backtest.ts';
import type { BacktestDeps, BacktestRequestInput, BacktestResult } from './types.ts';

/**
 * The look-ahead guard. The simulated market of 25–26 Nov 2026 is recorded into a history cache, then
 * copied twice with every bar after 25 Nov moved: 20 % up in one copy, 20 % down in the other. A backtest
 * of both days must have decided exactly the same by the close of 25 Nov in both copies. A bot that
 * peeks at the last bar of the data (the future) decides differently, and the same comparison catches it.
 */
const D = '2026-11-25';
const NIFTY = 'NSE_INDEX:NIFTY';
let dir: string;
const files = { up: '', down: '' };

function altered(source: string, to: string, factor: number): void {
  fs.copyFileSync(source, to);
  const db = new Database(to);
  const after = istDateFromKey('2026-11-26');
  db.prepare("UPDATE bars SET open = open * ?, high = high * ?, low = low * ?, close = close * ? WHERE timeframe = '1m' AND ts_start >= ?").run(factor, factor, factor, factor, after);
  db.close();
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'look-ahead-'));
  const original = path.join(dir, 'original.sqlite');
  await recordSimulatorHistory({ file: original, seed: 8, from: D, to: '2026-11-26', underlyings: ['NIFTY', 'BANKNIFTY'] });
  const db = new Database(original);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  files.up = path.join(dir, 'up.sqlite');
  files.down = path.join(dir, 'down.sqlite');
  altered(original, files.up, 1.2);
  altered(original, files.down, 0.8);
}, 120_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const request = (database: string): BacktestRequestInput => ({
  bots: [{ id: 'iron-condor', params: { ivPercentileMin: 10, ivPercentileMax: 90, atrPctMax: 2, narrowBandwidthPct: 8 } }],
  underlyings: ['NIFTY', 'BANKNIFTY'],
  from: D,
  to: '2026-11-26',
  data: { kind: 'history', database },
  warmupSessions: 0,
});

async function both(deps: (file: string) => BacktestDeps = () => ({})): Promise<[BacktestResult, BacktestResult]> {
  const up = await runBacktest(request(files.up), deps(files.up));
  const down = await runBacktest(request(files.down), deps(files.down));
  if (!up.ok) throw new Error(up.error.message);
  if (!down.ok) throw new Error(down.error.message);
  return [up.value, down.value];
}

/** The iron condor, except that it only evaluates while the last close in the data is above 25 Nov's open. */
function peeking(file: string): BacktestDeps {
  const db = new Database(file, { readonly: true });
  const last = db.prepare("SELECT close FROM bars WHERE instrument_id = ? AND timeframe = '1m' ORDER BY ts_start DESC LIMIT 1");
  const first = db.prepare("SELECT open FROM bars WHERE instrument_id = ? AND timeframe = '1m' AND ts_start >= ? ORDER BY ts_start LIMIT 1");
  const future = (last.get(NIFTY) as { close: number }).close > (first.get(NIFTY, istDateFromKey(D)) as { open: number }).open;
  const real = BOT_DEFINITIONS['iron-condor'];
  const onBar = real.hooks.onBar!;
  const def: AnyBotDefinition = { ...real, hooks: { ...real.hooks, onBar: (bar, ctx) => (future ? onBar(bar, ctx) : { intents: [], signals: [] }) } };
  return { botDefinitions: { 'iron-condor': def } };
}

describe('look-ahead guard', () => {
  it('what the bots decided by the close of day D does not change when only the data after D changes', async () => {
    const [up, down] = await both();
    // The data after D matters to the run (the comparison could fail) …
    expect(JSON.stringify(up.portfolio.equity.at(-1))).not.toBe(JSON.stringify(down.portfolio.equity.at(-1)));
    // … and the bot traded on D, so there is a decision to compare.
    expect(up.portfolio.equity[0]!.equity).not.toBe(up.request.capital);
    expect(lookAheadDifferences(up, down, D)).toEqual([]);
  }, 400_000);

  it('a bot that peeks at a future bar is caught', async () => {
    const [up, down] = await both(peeking);
    expect(lookAheadDifferences(up, down, D).length).toBeGreaterThan(0);
  }, 400_000);
});
