import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { istToEpoch } from '#core/time-ist';
import type { Bar } from '#model/bar';
import { instrumentId } from '#model/ids';
import { roundToTick } from '#model/instrument';
import { VIX_ID } from '#market/feeds/simulator/instruments';
import { createSqliteBarCache } from '#market/history/bar-cache';
import { HISTORY_SCHEMA_SQL } from '#market/history/schema';
import { nseCalendar } from '#market/session-calendar';
import { black76Price } from '#options/black';
import { yearsToExpiry } from '#options/expiry';
import type { ChainVolQuery } from '#engine/trading/sim-option-quotes';
import { importedChains } from './imported-chains.ts';

const r = 0.0525;
const EXPIRY = '2026-12-01';
const EXPIRY_TS = istToEpoch(2026, 12, 1, 15, 30);
const MON = nseCalendar.sessionOn('2026-11-23', 'fno')!;
const WED = istToEpoch(2026, 11, 25, 10, 0);
const query = (ts: number, vix: number): ChainVolQuery => ({ underlying: 'NIFTY', expiry: EXPIRY, expiryTs: EXPIRY_TS, ts, spot: 26_000, forward: 26_000, T: yearsToExpiry(ts, EXPIRY_TS, 'calendar'), vix });

let dir: string;
let db: Database.Database;

/** Daily bars of the 1 Dec NIFTY options on `session`'s day at a flat `vol`, as a bhavcopy import writes them. */
function options(session: { open: number; close: number }, vol: number): Bar[] {
  const T = yearsToExpiry(session.close, EXPIRY_TS, 'calendar');
  const F = 26_000 * Math.exp(r * T);
  const out: Bar[] = [];
  for (let K = 25_500; K <= 26_500; K += 100) {
    for (const right of ['CE', 'PE'] as const) {
      const close = roundToTick(black76Price(right, F, K, T, r, vol), 0.05);
      out.push({ instrumentId: instrumentId('NFO', `NIFTY01DEC26${K}${right}`), timeframe: '1d', tsStart: session.open, open: close, high: close, low: close, close, volume: 10, closed: true });
    }
  }
  return out;
}

const vixBar = (tsStart: number, close: number): Bar => ({ instrumentId: VIX_ID, timeframe: '1d', tsStart, open: close, high: close, low: close, close, volume: 0, closed: true });

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'imported-chains-'));
  db = new Database(path.join(dir, 'history.sqlite'));
  db.exec(HISTORY_SCHEMA_SQL);
});

afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('option vols from imported bhavcopies', () => {
  it('prices Wednesday from Monday’s closes (Tuesday 24 Nov 2026 is a holiday), scaled by VIX now ÷ Monday’s close', () => {
    createSqliteBarCache(db).save([...options(MON, 0.2), vixBar(MON.open, 12.5)], 'bhavcopy');
    const chains = importedChains({ database: db, r, modelReason: 'n/a' });
    const vols = chains.source(query(WED, 15));
    expect(vols?.atm).toBeCloseTo(0.2 * (15 / 12.5), 3);
    expect(chains.days(['2026-11-25'])).toEqual([{ day: '2026-11-25', source: 'imported', imported: [`NIFTY ${EXPIRY}`], modelled: [], intraday: [] }]);
  });

  it('never reads the day’s own closes, and says why a chain falls back to the model', () => {
    const wed = nseCalendar.sessionOn('2026-11-25', 'fno')!;
    // Only Wednesday's own rows: at 10:00 on Wednesday they are the future.
    createSqliteBarCache(db).save([...options(wed, 0.2), vixBar(MON.open, 12.5), vixBar(wed.open, 13)], 'bhavcopy');
    const chains = importedChains({ database: db, r, modelReason: 'n/a' });
    expect(chains.source(query(WED, 15))).toBeUndefined();
    // Thursday reads them, scaled by Wednesday's India VIX close (13).
    expect(chains.source(query(istToEpoch(2026, 11, 26, 10, 0), 13))?.atm).toBeCloseTo(0.2, 3);
    expect(chains.days(['2026-11-25', '2026-11-26', '2026-11-27'])).toEqual([
      { day: '2026-11-25', source: 'model', imported: [], modelled: [{ chain: `NIFTY ${EXPIRY}`, reason: 'no imported bhavcopy rows of this expiry on 2026-11-23' }], intraday: [] },
      { day: '2026-11-26', source: 'imported', imported: [`NIFTY ${EXPIRY}`], modelled: [], intraday: [] },
      { day: '2026-11-27', source: 'none', imported: [], modelled: [], intraday: [] },
    ]);
  });

  it('without India VIX’s previous close, with too few usable closes, or with no database, the model prices the chain', () => {
    createSqliteBarCache(db).save(options(MON, 0.2), 'bhavcopy');
    const noVix = importedChains({ database: db, r, modelReason: 'n/a' });
    expect(noVix.source(query(WED, 15))).toBeUndefined();
    expect(noVix.days(['2026-11-25'])[0]!.modelled).toEqual([{ chain: `NIFTY ${EXPIRY}`, reason: 'no India VIX close on 2026-11-23 to scale the smile by' }]);

    db.prepare("UPDATE bars SET volume = 0 WHERE instrument_id NOT LIKE '%26000CE' AND instrument_id NOT LIKE '%26000PE'").run();
    createSqliteBarCache(db).save([vixBar(MON.open, 12.5)], 'bhavcopy');
    const thin = importedChains({ database: db, r, modelReason: 'n/a' });
    expect(thin.source(query(WED, 15))).toBeUndefined();
    expect(thin.days(['2026-11-25'])[0]!.modelled[0]!.reason).toMatch(/^the 2026-11-23 bhavcopy gives no smile: 1 strike\(s\) with a usable close/);

    const model = importedChains({ r, modelReason: 'the request asks for the model (optionPrices: model)' });
    expect(model.source(query(WED, 15))).toBeUndefined();
    expect(model.days(['2026-11-25'])[0]).toEqual({ day: '2026-11-25', source: 'model', imported: [], modelled: [{ chain: `NIFTY ${EXPIRY}`, reason: 'the request asks for the model (optionPrices: model)' }], intraday: [] });
  });
});
