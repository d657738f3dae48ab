import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { istDateFromKey } from '#core/time-ist';
import type { Bar } from '#model/bar';
import type { InstrumentId } from '#model/ids';
import { createSqliteBarCache } from '#market/history/bar-cache';
import { openStore } from '#store/database';
import { BotDay, DAY_SETTINGS } from '#engine/bots/testing/bot-day';

/**
 * A whole engine on the simulator, the short straddle trading through the paper broker: while it runs,
 * the closed 1-minute bars of the underlyings, India VIX and every leg it sent an order for land in the
 * store's `bars` table, each minute as it closes. Read from a second connection while the engine still
 * runs, which is what a killed terminal leaves behind.
 */
const DAY = '2026-11-25';
const OPEN = istDateFromKey(DAY) + (9 * 60 + 15) * 60_000;
const START_MINUTE = 10;
const NOW_MINUTE = 40;
const NIFTY = 'NSE_INDEX:NIFTY' as InstrumentId;
/** A downloaded bar already in the store for a minute the terminal will record: it must stand. */
const DOWNLOADED: Bar = { instrumentId: NIFTY, timeframe: '1m', tsStart: OPEN + 20 * 60_000, open: 1, high: 2, low: 0.5, close: 1.5, volume: 7, closed: true };

interface Row {
  instrument_id: string;
  ts_start: number;
  open: number;
  close: number;
  volume: number;
}

describe('the terminal records its session’s 1-minute bars', () => {
  let day: BotDay;
  let rows: Row[];
  let legs: string[];

  beforeAll(async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'session-bars-'));
    const pre = openStore(path.join(dir, 'terminal.sqlite'), OPEN);
    if (!pre.ok) throw new Error(pre.error.message);
    createSqliteBarCache(pre.value.sqlite).save([DOWNLOADED], 'openalgo');
    await pre.value.close();

    day = await BotDay.start({ dir, day: DAY, seed: 8, session: 's1', startMinute: START_MINUTE });
    expect(day.engine.setBotParams('short-straddle', DAY_SETTINGS['short-straddle'])).toMatchObject({ ok: true });
    expect(day.engine.startBot('short-straddle')).toMatchObject({ ok: true });
    await day.runTo(NOW_MINUTE);
    // Half a minute into the next bar: the terminal "dies" here, with that minute forming.
    day.clock.advanceTo(day.clock.now() + 30_000);
    await day.settle();
    const reader = new Database(path.join(dir, 'terminal.sqlite'), { readonly: true, fileMustExist: true });
    rows = reader.prepare("SELECT instrument_id, ts_start, open, close, volume FROM bars WHERE timeframe = '1m' ORDER BY instrument_id, ts_start").all() as Row[];
    reader.close();
    legs = [...new Set(day.engine.trading.orders().map((o) => o.order.instrumentId as string))];
  }, 120_000);
  afterAll(() => day.close());

  const minutesOf = (id: string): number[] => rows.filter((r) => r.instrument_id === id).map((r) => (r.ts_start - OPEN) / 60_000);
  const range = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, i) => from + i);

  it('every minute of the underlyings and India VIX since the start, up to the forming one', () => {
    for (const id of ['NSE_INDEX:NIFTY', 'NSE_INDEX:BANKNIFTY', 'NSE_INDEX:INDIAVIX']) expect(minutesOf(id), id).toEqual(range(START_MINUTE, NOW_MINUTE));
  });

  it('each leg the bot traded, from the minute it decided to the forming one', () => {
    expect(legs.length).toBeGreaterThanOrEqual(2);
    for (const id of legs) {
      const firstOrder = Math.min(...day.engine.trading.orders().filter((o) => o.order.instrumentId === id).map((o) => o.order.tsInit));
      const first = Math.floor((firstOrder - OPEN) / 60_000);
      expect(minutesOf(id), id).toEqual(range(first, NOW_MINUTE));
      for (const r of rows.filter((x) => x.instrument_id === id)) expect(r.open, id).toBeGreaterThan(0);
    }
  });

  it('leaves a stored bar of higher authority as it was, and writes nothing of the feed’s warm-up', () => {
    const kept = rows.find((r) => r.instrument_id === NIFTY && r.ts_start === DOWNLOADED.tsStart);
    expect(kept).toMatchObject({ open: 1, close: 1.5, volume: 7 });
    expect(rows.filter((r) => r.ts_start < OPEN + START_MINUTE * 60_000)).toEqual([]);
  });
});
