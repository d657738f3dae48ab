import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { istDateFromKey } from '#core/time-ist';
import type { Signal } from '#model/signal';
import { openStore } from '#store/database';
import { BotDay, DAY_SETTINGS } from '#engine/bots/testing/bot-day';
import { shadowFile } from './shadow-order-path.ts';

/**
 * Kelly sizing on a shadow variant reads the variant's own closed trades, in its own database, never the
 * real bot's. The real bot's book holds 12 winning trades; the variant's own file holds 12 trades, 8 of
 * them winning ₹3,000 and 4 losing ₹2,000 (W = 2/3, R = 1.5, full Kelly 2/3 − (1/3) ÷ 1.5 = 4/9); a second
 * variant has no trades of its own and is refused, whatever the real bot holds.
 */
const BOT = 'momentum-rider';
const KELLY = { policy: 'kelly', stopPct: 50, minTrades: 10, fraction: 0.5, maxRiskPct: 20 } as const;
const PARAMS = {
  ...(DAY_SETTINGS[BOT] as { params: Record<string, number> }).params,
  underlyings: ['NIFTY'],
  minCombinedScore: 0.3,
  ...Object.fromEntries(['volatile', 'trending', 'ranging'].flatMap((r) => [[`${r}Consensus`, 0.5], [`${r}Confirmation`, 0.4]])),
};
const LOT = 65;

/** Closed round trips (a buy, then a sell `pnl` rupees higher for one lot) written as filled orders of `botId`, on 20 Nov. */
function seedTrips(file: string, botId: string, pnls: readonly number[]): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const opened = openStore(file, 0);
  if (!opened.ok) throw new Error(opened.error.message);
  const db = opened.value.sqlite;
  const order = db.prepare("INSERT INTO orders (client_order_id, broker_order_id, bot_id, instrument_id, side, type, product, quantity, limit_price, status, filled_quantity, avg_fill_price, ts_init, ts_last) VALUES (?, ?, ?, 'NFO:NIFTY25NOV2625000CE', ?, 'LIMIT', 'NRML', ?, ?, 'filled', ?, ?, ?, ?)");
  const fill = db.prepare("INSERT INTO fills (trade_id, client_order_id, broker_order_id, instrument_id, side, quantity, price, charges, ts_event) VALUES (?, ?, ?, 'NFO:NIFTY25NOV2625000CE', ?, ?, ?, 0, ?)");
  let ts = istDateFromKey('2026-11-20') + 4 * 3_600_000;
  db.transaction(() => {
    pnls.forEach((pnl, k) => {
      for (const [side, price] of [['BUY', 100], ['SELL', 100 + pnl / LOT]] as const) {
        ts += 60_000;
        const id = `${botId}-${k}-${side}`;
        order.run(id, `b-${id}`, botId, side, LOT, price, LOT, price, ts, ts);
        fill.run(`t-${id}`, id, `b-${id}`, side, LOT, price, ts);
      }
    });
  })();
  void opened.value.close();
}

let day: BotDay;
const sized: Record<'own' | 'fresh', Signal | undefined> = { own: undefined, fresh: undefined };

beforeAll(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shadow-kelly-'));
  const main = path.join(dir, 'terminal.sqlite');
  seedTrips(main, BOT, Array.from({ length: 12 }, () => 5000));
  seedTrips(shadowFile(main, `${BOT}~own`), `shadow:${BOT}~own`, [...Array.from({ length: 8 }, () => 3000), ...Array.from({ length: 4 }, () => -2000)]);
  day = await BotDay.start({ dir, day: '2026-11-25', seed: 8, session: 'kelly', underlyings: ['NIFTY'] });
  const shadow = day.engine.botManager.shadow;
  for (const label of ['own', 'fresh'] as const) {
    const v = shadow.start({ botId: BOT, label, params: PARAMS, sizing: KELLY });
    if (!v.ok) throw new Error(v.error);
  }
  const find = (label: 'own' | 'fresh') => shadow.signals(`${BOT}~${label}`, 10_000).find((s) => 'sizing.policy' in s.inputs || s.notes.some((n) => n.startsWith('sizing')) || /sizing/.test(s.decision.kind === 'filtered' ? s.decision.reason : ''));
  for (let m = 15; m <= 240 && !(sized.own && sized.fresh); m++) {
    await day.runTo(m);
    sized.own ??= find('own');
    sized.fresh ??= find('fresh');
  }
}, 600_000);

afterAll(async () => day?.close());

describe("Kelly sizing on a shadow variant", () => {
  it("estimates from the variant's own stored trades, not the real bot's", () => {
    const s = sized.own;
    expect(s).toBeDefined();
    expect(s!.inputs['sizing.trades']).toBe(12);
    expect(s!.inputs['sizing.winRate']).toBeCloseTo(8 / 12, 12);
    expect(s!.inputs['sizing.payoff']).toBeCloseTo(1.5, 12);
    expect(s!.inputs['sizing.fullKelly']).toBeCloseTo(4 / 9, 12);
    expect(s!.notes.join(' ')).toContain('Kelly 0.444 from 12 trades × 0.5');
  });

  it('refuses a variant with too few trades of its own, though the real bot has enough', () => {
    const s = sized.fresh;
    expect(s).toBeDefined();
    expect(JSON.stringify(s)).toContain('Kelly needs at least 10 closed trades of this bot; it has 0');
  });
});
