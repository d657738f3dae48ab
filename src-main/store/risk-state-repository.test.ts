import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_RISK_CONFIG } from '#config/risk-schema';
import { openStore, type Store } from './database.ts';
import { RiskStateRepository, type StoredRiskState } from './risk-state-repository.ts';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'risk-state-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function open(): Store {
  const r = openStore(path.join(dir, 'terminal.sqlite'), 1);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

const STATE: StoredRiskState = {
  dayKey: '2026-03-10',
  tradingState: 'reducing',
  cause: 'daily-loss',
  since: 1_773_117_000_000,
  dayStartPnl: -1_250.5,
  dayPeakPnl: 4_000,
  overallPeakPnl: 12_345.25,
  lastPnl: -11_000,
  limits: { ...DEFAULT_RISK_CONFIG, dailyLoss: { limit: 10_000, action: 'reducing', flatten: true }, bots: { 'short-straddle': DEFAULT_RISK_CONFIG.defaultBot } },
  tsLast: 1_773_117_060_000,
};

describe('risk state repository on a real SQLite file', () => {
  it('is empty on a fresh database', async () => {
    const store = open();
    const repo = new RiskStateRepository(store.sqlite);
    expect(repo.load()).toEqual({ ok: true, value: undefined });
    expect(repo.loadExitRules()).toEqual({ ok: true, value: [] });
    await store.close();
  });

  it('gives back the same state and exit rules after close and reopen', async () => {
    const a = open();
    const repo = new RiskStateRepository(a.sqlite);
    repo.save({ ...STATE, tradingState: 'active', cause: null });
    repo.save(STATE);
    repo.saveExitRule({ id: 'r1', spec: { id: 'r1', scope: { kind: 'structure', structureId: 's1' }, stop: { kind: 'premium-pct', value: 40 } }, highWater: 1_950, triggeredAt: null, firedReason: null, firedThreshold: null });
    repo.saveExitRule({ id: 'r2', spec: { id: 'r2' }, highWater: null, triggeredAt: 5, firedReason: 'stop', firedThreshold: -7_540 });
    repo.saveExitRule({ id: 'r2', spec: { id: 'r2' }, highWater: 10, triggeredAt: 6, firedReason: 'stop', firedThreshold: -7_540 });
    repo.saveExitRule({ id: 'r3', spec: {}, highWater: null, triggeredAt: null, firedReason: null, firedThreshold: null });
    repo.deleteExitRule('r3');
    await a.close();

    const b = open();
    const again = new RiskStateRepository(b.sqlite);
    expect(again.load()).toEqual({ ok: true, value: STATE });
    const rules = again.loadExitRules();
    expect(rules.ok && rules.value.map((r) => [r.id, r.highWater, r.triggeredAt, r.firedReason])).toEqual([
      ['r1', 1_950, null, null],
      ['r2', 10, 6, 'stop'],
    ]);
    expect(b.sqlite.prepare('SELECT COUNT(*) AS n FROM risk_state').get()).toEqual({ n: 1 });
    await b.close();
  });

  it('reports a damaged row as a typed error and changes nothing', async () => {
    const store = open();
    const repo = new RiskStateRepository(store.sqlite);
    repo.save(STATE);
    store.sqlite.prepare("UPDATE risk_state SET limits = '{\"orderRate\":{\"maxPerSecond\":50}}'").run();
    const bad = repo.load();
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.message).toContain('orderRate.maxPerSecond');
    store.sqlite.prepare("UPDATE risk_state SET limits = 'not json'").run();
    const notJson = repo.load();
    expect(!notJson.ok && notJson.error.message).toContain('not JSON');
    expect(store.sqlite.prepare('SELECT limits FROM risk_state').get()).toEqual({ limits: 'not json' });
    await store.close();
  });

  it('returns an exit rule whose spec is not JSON as its raw text, for the monitor to reject', async () => {
    const store = open();
    store.sqlite.prepare("INSERT INTO risk_exit_rules (rule_id, spec) VALUES ('x', '{oops')").run();
    const rules = new RiskStateRepository(store.sqlite).loadExitRules();
    expect(rules.ok && rules.value[0]?.spec).toBe('{oops');
    await store.close();
  });

  it('refuses an unknown trading state at the database', async () => {
    const store = open();
    new RiskStateRepository(store.sqlite).save(STATE);
    expect(() => store.sqlite.prepare("UPDATE risk_state SET trading_state = 'yolo'").run()).toThrow(/CHECK/);
    await store.close();
  });
});
