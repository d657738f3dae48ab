import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectOneLine, runCli } from '#core/cli-test-support';
import { createSqliteBarCache } from '#market/history/bar-cache';
import { syntheticBars } from '#ml/testing/synthetic-bars';
import { instrumentId } from '#model/ids';
import { openStore } from '#store/database';

const CLI = 'src-main/cli/train.ts';
let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'train-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** 5-minute history of NIFTY and BANKNIFTY in the data folder's database, as `import:csv` leaves it. */
async function seedHistory(sessions: number): Promise<void> {
  const store = openStore(path.join(dir, 'terminal.sqlite'), 1);
  if (!store.ok) throw new Error(store.error.message);
  const cache = createSqliteBarCache(store.value.sqlite);
  cache.save(syntheticBars({ sessions, seed: 1 }), 'simulator');
  cache.save(syntheticBars({ sessions, seed: 2, instrument: instrumentId('NSE_INDEX', 'BANKNIFTY') }), 'simulator');
  await store.value.close();
}

const train = (args: string[], timeoutMs = 60_000) => runCli(CLI, [...args, '--data-dir', dir], { timeoutMs });
const activeOf = (kind: string): string => {
  const db = new BetterSqlite3(path.join(dir, 'terminal.sqlite'), { readonly: true });
  const row = db.prepare('SELECT model_id FROM ml_promotions WHERE kind = ? ORDER BY seq DESC LIMIT 1').get(kind) as { model_id: string };
  db.close();
  return row.model_id;
};

describe('npm run train: the trader’s history → new registered versions in SQLite', () => {
  it('trains on stored bars in a worker, registers beside the shipped defaults, promotes and rolls back', { timeout: 90_000 }, async () => {
    await seedHistory(24);
    const r = await train(['--models', 'regime,break-validator', '--seed', '3']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('NSE_INDEX:NIFTY: 1800 five-minute bars');
    expect(r.stdout).toContain('NSE_INDEX:INDIAVIX: none stored; the regime model trains without VIX');
    expect(r.stdout).toMatch(/^regime@2 registered: train \d+, test \d+ \(embargo 24 bars\); accuracy \d\.\d\d vs \d\.\d\d training majority, \d\.\d\d best constant; ONNX vs trainer ≤ /m);
    expect(r.stdout).toMatch(/^break-validator@2 registered: /m);
    expect(fs.statSync(path.join(dir, 'models', 'regime-2.onnx')).size).toBeGreaterThan(0);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'models', 'regime-2.json'), 'utf8'))).toMatchObject({ kind: 'regime', norm: { absent: [3] }, data: { source: 'history NSE_INDEX:NIFTY, NSE_INDEX:BANKNIFTY' } });
    expect(activeOf('regime')).toBe('regime@1');

    const list = await train(['--list']);
    expect(list.stdout).toMatch(/^regime: regime@1 in force$/m);
    expect(list.stdout).toMatch(/^ {2}regime@2 trained: /m);
    expect(list.stdout).toMatch(/^ {2}regime@1 shipped: /m);

    expect((await train(['--promote-model', 'regime@2'])).stdout).toBe('regime@2 in force\n');
    expect(activeOf('regime')).toBe('regime@2');
    expect((await train(['--rollback', 'regime'])).stdout).toBe('regime@1 in force again\n');
    expect(activeOf('regime')).toBe('regime@1');
    expect((await train(['--compare', 'regime@1,regime@2'])).stdout).toMatch(/not like for like\n$/);
  });

  it('refuses a brought-in file that breaks the contract, in one line, and registers nothing', async () => {
    fs.writeFileSync(path.join(dir, 'mine.onnx'), 'not a model');
    fs.writeFileSync(path.join(dir, 'mine.json'), '{"format":1}');
    const r = await train(['--import', path.join(dir, 'mine.onnx'), '--kind', 'regime']);
    expect(r.code).toBe(1);
    expectOneLine(r.stderr, /^train: mine\.onnx refused: its manifest is invalid: kind: /);
    const db = new BetterSqlite3(path.join(dir, 'terminal.sqlite'), { readonly: true });
    expect(db.prepare("SELECT COUNT(*) AS n FROM ml_models WHERE kind = 'regime'").get()).toEqual({ n: 1 });
    db.close();
  });

  it('says what to do without history, and refuses bad arguments with exit 2', async () => {
    const none = await train([]);
    expect(none.code).toBe(1);
    expectOneLine(none.stderr, /^train: no bars stored for these instruments in that range — import history first/);
    const bad = await train(['--models', 'gpt']);
    expect(bad.code).toBe(2);
    expectOneLine(bad.stderr, /^train: unknown model gpt — one of rsi-lstm, pattern-cnn, break-validator, regime$/);
    expect((await train(['--import', 'x.onnx'])).code).toBe(2);
  });
});
