import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SimClock } from '#core/clock';
import { riskConfigSchema } from '#config/risk-schema';
import { openStore, type Store } from '#store/database';
import { FakePortfolio, T0 } from '#risk/test-support';
import { fixedBook, fixedHistory } from '#risk/var/testing';
import { simulatorReturnModel } from './simulator-returns.ts';
import { VarHistoryRepository } from './var-history-repository.ts';
import { createVarService, type VarSnapshot } from './var-service.ts';

let dir: string;
let store: Store;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'var-service-'));
  const r = openStore(path.join(dir, 'terminal.sqlite'), 1);
  if (!r.ok) throw new Error(r.error.message);
  store = r.value;
});
afterEach(async () => {
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function service(clock: SimClock, published: VarSnapshot[]) {
  const { legs, market } = fixedBook();
  const portfolio = new FakePortfolio();
  for (const l of legs) {
    portfolio.positions.push({ instrument: l.instrument, ...(l.botId ? { botId: l.botId } : {}), netQuantity: l.quantity, avgPrice: l.mark });
    market.marks.set(l.instrument.id, l.mark);
  }
  const limits = riskConfigSchema.parse({ var: { lookback: 250, minScenarios: 50, mcScenarios: 500, seed: 7, intradayMinutes: 75, refreshSeconds: 60, limit: null } });
  return createVarService({
    clock,
    portfolio,
    market,
    limits: () => limits,
    history: fixedHistory,
    vixNow: () => 14,
    returnModel: simulatorReturnModel(),
    repo: new VarHistoryRepository(store.sqlite),
    publish: (s) => published.push(s),
  });
}

describe('VaR in the engine', () => {
  it('computes every method, horizon and confidence, stores each figure and publishes the snapshot', () => {
    const clock = new SimClock(T0);
    const published: VarSnapshot[] = [];
    const s = service(clock, published);
    const snap = s.refresh();
    expect(snap.unavailable).toEqual([]);
    expect(snap.rows.map((r) => `${r.method} ${r.horizon} ${r.confidence}`)).toEqual([
      'historical 1d 0.95',
      'historical 1d 0.99',
      'historical 75m 0.95',
      'historical 75m 0.99',
      'monte-carlo 1d 0.95',
      'monte-carlo 1d 0.99',
      'monte-carlo 75m 0.95',
      'monte-carlo 75m 0.99',
    ]);
    for (const r of snap.rows) {
      expect(r.es).toBeGreaterThanOrEqual(r.var);
      expect(r.legs).toBe(4);
    }
    const mc99 = snap.rows.find((r) => r.method === 'monte-carlo' && r.horizon === '1d' && r.confidence === 0.99)!;
    const mc95 = snap.rows.find((r) => r.method === 'monte-carlo' && r.horizon === '1d' && r.confidence === 0.95)!;
    expect(mc99.var).toBeGreaterThan(mc95.var);
    expect(mc95.var).toBeGreaterThan(0);
    expect(s.history(0)).toEqual(snap.rows);
    expect(published).toEqual([snap]);
  });

  it('reproduces the Monte Carlo figures from the seed', () => {
    const a = service(new SimClock(T0), []).refresh();
    const b = service(new SimClock(T0), []).refresh();
    const mc = (s: VarSnapshot) => s.rows.filter((r) => r.method === 'monte-carlo').map((r) => r.var);
    expect(mc(a)).toEqual(mc(b));
  });

  it('refreshes on its schedule and once per turn after fills, however many', () => {
    const clock = new SimClock(T0);
    const published: VarSnapshot[] = [];
    const s = service(clock, published);
    s.start();
    s.onFill();
    s.onFill();
    s.onFill();
    clock.advanceTo(T0 + 1);
    expect(published).toHaveLength(1);
    clock.advanceTo(T0 + 60_000);
    expect(published).toHaveLength(2);
    s.stop();
    clock.advanceTo(T0 + 600_000);
    expect(published).toHaveLength(2);
    expect(new Set(s.history(0).map((r) => r.ts))).toEqual(new Set([T0, T0 + 60_000]));
  });

  it('says why a method is unavailable instead of reporting a figure', () => {
    const clock = new SimClock(T0);
    const s = createVarService({
      clock,
      portfolio: (() => {
        const p = new FakePortfolio();
        const { legs } = fixedBook();
        p.positions.push({ instrument: legs[0]!.instrument, netQuantity: -65, avgPrice: 180 });
        return p;
      })(),
      market: fixedBook().market,
      limits: () => riskConfigSchema.parse({}),
      history: fixedHistory,
      vixNow: () => undefined,
      returnModel: simulatorReturnModel(),
      repo: new VarHistoryRepository(store.sqlite),
      publish: () => undefined,
    });
    const snap = s.refresh();
    // No mark for the leg: it is valued from the solved IV of… nothing; VaR says so.
    expect(snap.rows).toEqual([]);
    expect(snap.unavailable[0]!.reason).toMatch(/no usable price/);
  });
});
