import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { istToEpoch } from '#core/time-ist';
import { DATABASE_FILE_NAME, openStore } from '#store/database';

/**
 * A recorded paper session with one cause of slippage planted in each decision, written into a real
 * store (its migrations, its `orders`, `fills` and `bars` tables). The option's 1-minute bars are flat
 * and climb ₹0.5 a minute from ₹100 at 09:15 IST, so the replayed price at 09:15 + m minutes is
 * 100 + m/2 and every figure below can be worked by hand.
 */
export const OPTION = 'NFO:NIFTY26N1724000CE';
export const NO_BARS = 'NFO:NIFTY26N1724000PE';
const DAY = [2026, 11, 16] as const;
export const at = (hh: number, mm: number, ss = 0): number => istToEpoch(...DAY, hh, mm, ss);
export const SESSION = { fromMs: at(9, 15), toMs: at(10, 10) };
const priceAtMinute = (m: number): number => 100 + m / 2;

/** What each planted decision must be charged with, rupees (a cost > 0 lost the session money). */
export const PLANTED = {
  // BUY 50 decided 09:20 (₹102.5), filled whole at 09:23 at the market (₹104).
  latency: { key: 'i-latency', costs: { latency: 75, spread: 0, partial: 0, freeze: 0 } },
  // SELL 50 decided and filled at 09:30, ₹0.35 under the market (₹107.5).
  spread: { key: 'i-spread', costs: { latency: 0, spread: 17.5, partial: 0, freeze: 0 } },
  // BUY 50 decided 09:40: 25 filled then at ₹112.5, the other 25 at 09:45 at ₹115.
  partial: { key: 'i-partial', costs: { latency: 0, spread: 0, partial: 62.5, freeze: 0 } },
  // BUY 50 decided 09:50, sent as slices of 20, 20, 10 filled at 09:50, 09:51, 09:52 at the market.
  freeze: { key: 'i-freeze', costs: { latency: 0, spread: 0, partial: 0, freeze: 20 } },
  // SELL 40 decided 10:00: 30 filled at ₹122.5, 10 never; by the session's end (₹127, the 10:09 bar) that
  // short would have lost ₹45, which the session saved.
  unfilled: { key: 'i-unfilled', costs: { latency: 0, spread: 0, partial: -45, freeze: 0 } },
} as const;
/** Σ side·(end price ₹127 − decision price)·quantity over the five decisions. */
export const BACKTEST_PNL = 1225 - 975 + 725 + 475 - 180;
export const TOTAL_COST = 75 + 17.5 + 62.5 + 20 - 45;

export interface PlantedStore {
  readonly dir: string;
  readonly file: string;
  remove(): void;
}

export async function plantedSessionStore(): Promise<PlantedStore> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parity-'));
  const file = path.join(dir, DATABASE_FILE_NAME);
  const opened = openStore(file, at(9, 0));
  if (!opened.ok) throw new Error(opened.error.message);
  const db = opened.value.sqlite;
  const bar = db.prepare("INSERT INTO bars (instrument_id, timeframe, ts_start, open, high, low, close, volume, source) VALUES (?, '1m', ?, ?, ?, ?, ?, 1000, 'feed')");
  for (let m = 0; m < 75; m++) {
    const p = priceAtMinute(m);
    bar.run(OPTION, at(9, 15) + m * 60_000, p, p, p, p);
  }
  const intent = db.prepare("INSERT INTO intents (intent_id, bot_id, kind, payload, ts_init) VALUES (?, ?, 'open', '{}', ?)");
  const order = db.prepare(
    `INSERT INTO orders (client_order_id, intent_id, bot_id, instrument_id, side, type, product, quantity, status, filled_quantity, avg_fill_price, ts_init, ts_last, sent_at)
     VALUES (?, ?, ?, ?, ?, 'MARKET', 'MIS', ?, ?, ?, 0, ?, ?, ?)`,
  );
  const fill = db.prepare('INSERT INTO fills (trade_id, client_order_id, instrument_id, side, quantity, price, charges, ts_event) VALUES (?, ?, ?, ?, ?, ?, 20, ?)');
  let trades = 0;
  const place = (o: { id: string; intentId: string; bot?: string; instrument?: string; side: 'BUY' | 'SELL'; qty: number; at: number; sent?: boolean; fills: [qty: number, price: number, at: number][] }): void => {
    const instrument = o.instrument ?? OPTION;
    const filled = o.fills.reduce((n, f) => n + f[0], 0);
    order.run(o.id, o.intentId, o.bot ?? 'short-straddle', instrument, o.side, o.qty, filled === o.qty ? 'FILLED' : 'CANCELLED', filled, o.at, o.at, o.sent === false ? null : o.at);
    for (const [qty, price, ts] of o.fills) fill.run(`t${++trades}`, o.id, instrument, o.side, qty, price, ts);
  };
  const decide = (id: string, ts: number, bot = 'short-straddle'): void => void intent.run(id, bot, ts);
  db.transaction(() => {
    decide('i-latency', at(9, 20));
    place({ id: 'o1', intentId: 'i-latency', side: 'BUY', qty: 50, at: at(9, 20), fills: [[50, 104, at(9, 23)]] });
    decide('i-spread', at(9, 30));
    place({ id: 'o2', intentId: 'i-spread', side: 'SELL', qty: 50, at: at(9, 30), fills: [[50, 107.15, at(9, 30)]] });
    decide('i-partial', at(9, 40));
    place({ id: 'o3', intentId: 'i-partial', side: 'BUY', qty: 50, at: at(9, 40), fills: [[25, 112.5, at(9, 40)], [25, 115, at(9, 45)]] });
    decide('i-freeze', at(9, 50));
    place({ id: 'o4a', intentId: 'i-freeze', side: 'BUY', qty: 20, at: at(9, 50), fills: [[20, 117.5, at(9, 50)]] });
    place({ id: 'o4b', intentId: 'i-freeze', side: 'BUY', qty: 20, at: at(9, 50, 1), fills: [[20, 118, at(9, 51)]] });
    place({ id: 'o4c', intentId: 'i-freeze', side: 'BUY', qty: 10, at: at(9, 50, 2), fills: [[10, 118.5, at(9, 52)]] });
    decide('i-unfilled', at(10, 0));
    place({ id: 'o5', intentId: 'i-unfilled', side: 'SELL', qty: 40, at: at(10, 0), fills: [[30, 122.5, at(10, 0)]] });
    // Not part of the report: refused before sending; another bot's; after the session; no bars to price it.
    decide('i-refused', at(9, 25));
    place({ id: 'o6', intentId: 'i-refused', side: 'BUY', qty: 50, at: at(9, 25), sent: false, fills: [] });
    decide('i-other', at(9, 35), 'iron-condor');
    place({ id: 'o7', intentId: 'i-other', bot: 'iron-condor', side: 'BUY', qty: 50, at: at(9, 35), fills: [[50, 140, at(9, 35)]] });
    decide('i-late', at(10, 20));
    place({ id: 'o8', intentId: 'i-late', side: 'BUY', qty: 50, at: at(10, 20), fills: [[50, 130, at(10, 20)]] });
    decide('i-unpriced', at(9, 55));
    place({ id: 'o9', intentId: 'i-unpriced', instrument: NO_BARS, side: 'BUY', qty: 50, at: at(9, 55), fills: [[50, 80, at(9, 55)]] });
  })();
  await opened.value.close();
  return { dir, file, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
