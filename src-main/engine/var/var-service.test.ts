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
import { createVarService, VarServiceStopped, type VarSnapshot } from './var-service.ts';

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

function service(clock: SimClock, published: VarSnapshot[], extra: Partial<Parameters<typeof createVarService>[0]> = {}, limit: unknown = null) {
  const { legs, market } = fixedBook();
  const portfolio = new FakePortfolio();
  for (const l of legs) {
    portfolio.positions.push({ instrument: l.instrument, ...(l.botId ? { botId: l.botId } : {}), netQuantity: l.quantity, avgPrice: l.mark });
    market.marks.set(l.instrument.id, l.mark);
  }
  const limits = riskConfigSchema.parse({ var: { lookback: 250, minScenarios: 50, mcScenarios: 500, seed: 7, intradayMinutes: 75, refreshSeconds: 60, limit } });
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
    ...extra,
  });
}

/** Lets the refresh started by a timer finish (it yields to the loop between slices). */
async function drain(s: ReturnType<typeof service>): Promise<void> {
  while (s.busy()) await new Promise((r) => setImmediate(r));
}

describe('VaR in the engine', () => {
  it('computes every method, horizon and confidence, stores each figure and publishes the snapshot', async () => {
    const clock = new SimClock(T0);
    const published: VarSnapshot[] = [];
    const s = service(clock, published);
    const snap = await s.refresh();
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

  it('without a history (a backtest) publishes and keeps the same figures but stores none', async () => {
    const published: VarSnapshot[] = [];
    const s = service(new SimClock(T0), published, { recordHistory: false });
    const snap = await s.refresh();
    expect(s.history(0)).toEqual([]);
    expect(s.latest()).toEqual(snap);
    expect(published).toEqual([snap]);
    expect(snap).toEqual(await service(new SimClock(T0), []).refresh());
  });

  it('reproduces the Monte Carlo figures from the seed', async () => {
    const a = await service(new SimClock(T0), []).refresh();
    const b = await service(new SimClock(T0), [], { slice: 7 }).refresh();
    const mc = (s: VarSnapshot) => s.rows.filter((r) => r.method === 'monte-carlo').map((r) => r.var);
    expect(mc(a)).toEqual(mc(b));
  });

  it('refreshes on its schedule and once per turn after fills, however many', async () => {
    const clock = new SimClock(T0);
    const published: VarSnapshot[] = [];
    const s = service(clock, published);
    s.start();
    s.onFill();
    s.onFill();
    s.onFill();
    clock.advanceTo(T0 + 1);
    await drain(s);
    expect(published).toHaveLength(1);
    clock.advanceTo(T0 + 60_000);
    await drain(s);
    expect(published).toHaveLength(2);
    s.stop();
    clock.advanceTo(T0 + 600_000);
    await drain(s);
    expect(published).toHaveLength(2);
    expect(new Set(s.history(0).map((r) => r.ts))).toEqual(new Set([T0, T0 + 60_000]));
  });

  it('with `refreshWhen` false skips the schedule\'s and the fills\' refreshes, and runs them again once it is true; one asked for by name runs', async () => {
    const clock = new SimClock(T0);
    const published: VarSnapshot[] = [];
    let wanted = false;
    const s = service(clock, published, { refreshWhen: () => wanted });
    s.start();
    s.onFill();
    clock.advanceTo(T0 + 60_000);
    await drain(s);
    expect(published).toHaveLength(0);
    await s.refresh();
    expect(published.map((p) => p.ts)).toEqual([T0 + 60_000]);
    wanted = true;
    s.onFill();
    clock.advanceTo(T0 + 60_001);
    await drain(s);
    clock.advanceTo(T0 + 120_000);
    await drain(s);
    expect(published.map((p) => p.ts)).toEqual([T0 + 60_000, T0 + 60_000, T0 + 120_000]);
    s.stop();
  });

  it('never holds the loop: Monte Carlo draws and revaluations go in slices with a turn of the loop after each', async () => {
    let turns = 0;
    const s = service(new SimClock(T0), [], { slice: 50 });
    const ticks: boolean[] = [];
    // Something else on the loop (a tick, an order) while the refresh runs.
    const other = setInterval(() => ticks.push(s.busy()), 0);
    const counting = service(new SimClock(T0), [], {
      slice: 50,
      yieldTurn: () => {
        turns++;
        return new Promise((r) => setImmediate(r));
      },
    });
    const [a, b] = await Promise.all([s.refresh(), counting.refresh()]);
    clearInterval(other);
    expect(a.rows).toEqual(b.rows);
    // 500 Monte Carlo draws per horizon (a turn after each 50), then 500 revaluations per horizon (a turn between slices).
    expect(turns).toBeGreaterThanOrEqual(2 * 10 + 2 * 9);
    expect(ticks.some((busy) => busy)).toBe(true);
  });

  it('ends a refresh running when it stops, storing and publishing nothing (the store may be closing)', async () => {
    const published: VarSnapshot[] = [];
    const s = service(new SimClock(T0), published);
    const running = s.refresh();
    s.stop();
    await expect(running).rejects.toBeInstanceOf(VarServiceStopped);
    expect(published).toEqual([]);
    expect(s.history(0)).toEqual([]);
    expect(s.busy()).toBe(false);
  });

  it('runs one refresh at a time and once more when asked meanwhile', async () => {
    const published: VarSnapshot[] = [];
    const s = service(new SimClock(T0), published);
    const first = s.refresh();
    const second = s.refresh();
    const third = s.refresh();
    expect(second).toBe(first);
    expect(third).toBe(first);
    await first;
    expect(published).toHaveLength(2);
  });

  it('gives the pre-trade VaR check the last refresh\'s one-day set, never building one on the order path', async () => {
    const s = service(new SimClock(T0), [], {}, { method: 'monte-carlo', confidence: 0.99, maxLoss: 1_000_000 });
    // Before any refresh: refused with the reason, and a refresh is asked for.
    const before = s.checkScenarios('monte-carlo', ['NIFTY']);
    expect(before).toMatchObject({ ok: false });
    expect(!before.ok && before.error).toMatch(/no one-day monte-carlo scenarios over NIFTY yet/);
    await s.refresh();
    const after = s.checkScenarios('monte-carlo', ['NIFTY']);
    expect(after.ok && after.value.length).toBe(500);
    // The same set object until the next refresh: the check reads, it does not draw.
    const again = s.checkScenarios('monte-carlo', ['NIFTY']);
    expect(again.ok && after.ok && again.value === after.value).toBe(true);
  });

  it('says why a method is unavailable instead of reporting a figure', async () => {
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
    const snap = await s.refresh();
    // No mark for the leg: it is valued from the solved IV of… nothing; VaR says so.
    expect(snap.rows).toEqual([]);
    expect(snap.unavailable[0]!.reason).toMatch(/no usable price/);
  });
});
