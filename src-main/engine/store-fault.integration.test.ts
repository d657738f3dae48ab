import Database from 'better-sqlite3';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { instrumentId } from '#model/ids';
import { BotDay } from './bots/testing/bot-day.ts';
import type { StoreFaultReport } from './store-faults.ts';

const NIFTY = instrumentId('NSE_INDEX', 'NIFTY');

let day: BotDay | undefined;
afterEach(async () => {
  await day?.close();
  day = undefined;
});

describe('a database another program holds past the wait, while the four bots trade', () => {
  it('the market goes on, each refused write is reported, and once it is free the bots trade on with every order written', async () => {
    const d = (day = await BotDay.start({ day: '2026-11-25', seed: 8, session: 'locked' }));
    const faults: StoreFaultReport[] = [];
    d.engine.events.subscribe('store-fault', (r) => faults.push(r));
    d.startBots();
    await d.runTo(60);
    const signalsBefore = d.store.sqlite.prepare('SELECT count(*) FROM signals').pluck().get() as number;

    // Another program (a database browser, a backup tool) takes the write lock for three minutes; the engine
    // waits 0 s instead of 5 s so the test does not wait out each refusal.
    d.store.sqlite.pragma('busy_timeout = 0');
    const other = new Database(path.join(d.dir, 'terminal.sqlite'));
    other.exec('BEGIN IMMEDIATE');
    await d.runTo(63);
    expect(d.engine.status().storeFault).toMatchObject({ since: expect.any(Number), message: expect.stringContaining('database is locked') });
    expect(d.engine.status().storeFault!.since).toBeLessThan(d.open + 60 * 60_000 + 5000);
    other.exec('ROLLBACK');
    other.close();

    const lastBar = (d.engine.bars(NIFTY, '1m') ?? []).filter((b) => b.closed).at(-1)!;
    expect(lastBar.tsStart).toBe(d.open + 62 * 60_000);
    // The first refusal of each path at once, then one a minute per path, each within the lock.
    const minute = (f: StoreFaultReport): number => Math.floor((f.ts - d.open) / 60_000);
    expect(faults.map((f) => [f.where, minute(f), f.fault.code])).toEqual([
      ['a tick', 60, 'SQLITE_BUSY'],
      ["the bots' closed-bar instant", 61, 'SQLITE_BUSY'],
      ['the session bar recorder', 61, 'SQLITE_BUSY'],
      ['a tick', 61, 'SQLITE_BUSY'],
      ["the bots' closed-bar instant", 62, 'SQLITE_BUSY'],
      ['the session bar recorder', 62, 'SQLITE_BUSY'],
      ['a tick', 62, 'SQLITE_BUSY'],
      ["the bots' closed-bar instant", 63, 'SQLITE_BUSY'],
      ['the session bar recorder', 63, 'SQLITE_BUSY'],
    ]);
    // The recorder kept the minutes it could not write, and wrote them once it could (checked below).

    d.store.sqlite.pragma('busy_timeout = 5000');
    const reported = faults.length;
    await d.runTo(120);
    expect(faults).toHaveLength(reported);
    expect(d.engine.status().storeFault).toBeUndefined();
    const recorded = d.store.sqlite.prepare("SELECT ts_start FROM bars WHERE instrument_id = ? AND timeframe = '1m' AND ts_start BETWEEN ? AND ? ORDER BY ts_start").pluck().all(NIFTY, d.open + 59 * 60_000, d.open + 64 * 60_000);
    expect(recorded).toEqual([59, 60, 61, 62, 63, 64].map((m) => d.open + m * 60_000));
    const signalsAfter = d.store.sqlite.prepare('SELECT count(*) FROM signals').pluck().get() as number;
    expect(signalsAfter).toBeGreaterThan(signalsBefore);
    // Nothing the engine holds is missing from the store, and nothing was sent twice.
    const orders = d.engine.trading.orders();
    expect(d.store.sqlite.prepare('SELECT count(*) FROM orders').pluck().get()).toBe(orders.length);
    expect(new Set(orders.map((o) => o.order.clientOrderId)).size).toBe(orders.length);
    expect(d.engine.bots().map((b) => b.state)).toEqual(['running', 'running', 'running', 'running']);
  }, 120_000);
});
