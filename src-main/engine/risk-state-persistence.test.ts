import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { istToEpoch } from '#core/time-ist';
import { DEFAULT_RISK_CONFIG } from '#config/risk-schema';
import { botId, instrumentId } from '#model/ids';
import type { OptionInstrument } from '#model/instrument';
import { createRiskLedger } from '#risk/ledger';
import { createRiskMonitor } from '#risk/monitor';
import type { MarketView, RiskBook, RiskStateStore } from '#risk/ports';
import { openStore, type Store } from '#store/database';
import { RiskStateRepository } from '#store/risk-state-repository';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'risk-persist-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function open(): Store {
  const r = openStore(path.join(dir, 'terminal.sqlite'), 1);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

const limits = { ...DEFAULT_RISK_CONFIG, dailyLoss: { limit: 10_000, action: 'halted' as const, flatten: false } };
const call: OptionInstrument = {
  kind: 'option',
  id: instrumentId('NFO', 'NIFTY17MAR2623000CE'),
  symbol: 'NIFTY17MAR2623000CE',
  exchange: 'NFO',
  tickSize: 0.05,
  underlying: 'NIFTY',
  expiry: istToEpoch(2026, 3, 17, 15, 30),
  strike: 23_000,
  right: 'CE',
  lotSize: 65,
};

/** The ledger and monitor over the real SQLite repository, as the engine wires them. */
function wire(store: Store, now: number, marks: Map<string, number>) {
  const repo: RiskStateStore = new RiskStateRepository(store.sqlite);
  const book: RiskBook = { positions: [{ instrument: call, botId: botId('short-straddle'), netQuantity: -65, avgPrice: 150 }], openOrders: [], realisedPnl: 0, charges: 0 };
  const market: MarketView = { mark: (id) => marks.get(id), spot: () => 23_000 };
  const ledger = createRiskLedger({ store: repo, limits, now });
  const monitor = createRiskMonitor({ ledger, portfolio: { book: () => book }, market, store: repo, now });
  return { ledger, monitor };
}

describe('risk state across a restart, on a real SQLite file', () => {
  it("keeps the halt, the day's P&L, its peak and a trailing stop's best through close and reopen", async () => {
    const t0 = istToEpoch(2026, 3, 10, 10, 0);
    const marks = new Map([[call.id as string, 150]]);
    const a = open();
    const first = wire(a, t0, marks);
    first.monitor.declare({ id: 'trail', scope: { kind: 'position', instrumentId: call.id }, trailing: { activateAt: { kind: 'rupees', value: 1_000 }, trail: { kind: 'rupees', value: 5_000 } } }, t0);
    first.monitor.onTick({ ts: t0 });
    marks.set(call.id, 120); // +1,950
    first.monitor.onTick({ ts: t0 + 2_000 });
    marks.set(call.id, 310); // −10,400: daily loss limit, halted
    first.monitor.onTick({ ts: t0 + 4_000 });
    expect(first.ledger.state()).toMatchObject({ state: 'halted', cause: 'daily-loss' });
    const before = first.ledger.figures(-10_400, t0 + 4_000);
    await a.close();

    const b = open();
    const second = wire(b, t0 + 60_000, marks);
    expect(second.ledger.state()).toEqual(first.ledger.state());
    expect(second.ledger.figures(-10_400, t0 + 60_000)).toEqual(before);
    expect(before).toMatchObject({ dayKey: '2026-03-10', dayStartPnl: 0, dayPeakPnl: 1_950, dayPnl: -10_400 });
    expect(second.monitor.rules()[0]?.state.highWater).toBe(1_950);
    await b.close();
  });

  it('rolls the day over at the next session open, across a restart overnight', async () => {
    const t0 = istToEpoch(2026, 3, 10, 10, 0);
    const marks = new Map([[call.id as string, 150]]);
    const a = open();
    const first = wire(a, t0, marks);
    first.monitor.onTick({ ts: t0 });
    marks.set(call.id, 310);
    first.monitor.onTick({ ts: t0 + 1_000 });
    marks.set(call.id, 300); // last mark of the day: −9,750
    first.monitor.onTick({ ts: istToEpoch(2026, 3, 10, 15, 29) });
    await a.close();

    const b = open();
    const early = istToEpoch(2026, 3, 11, 8, 0);
    const second = wire(b, early, marks);
    second.monitor.onTick({ ts: early });
    expect(second.ledger.state()).toMatchObject({ state: 'halted', cause: 'daily-loss' });
    const open915 = istToEpoch(2026, 3, 11, 9, 15);
    marks.set(call.id, 290);
    second.monitor.onTick({ ts: open915 });
    expect(second.ledger.state()).toEqual({ state: 'active', cause: null, since: open915 });
    expect(second.ledger.figures(-9_100, open915)).toMatchObject({ dayKey: '2026-03-11', dayStartPnl: -9_750, dayPnl: 650 });
    await b.close();

    const c = open();
    const third = wire(c, open915 + 1, marks);
    expect(third.ledger.state().state).toBe('active');
    expect(third.ledger.figures(-9_100, open915 + 1)).toMatchObject({ dayKey: '2026-03-11', dayStartPnl: -9_750 });
    await c.close();
  });
});
