import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimClock } from '#core/clock';
import { silentLogger } from '#core/log';
import { istDateFromKey, istDateKey } from '#core/time-ist';
import { nseCalendar } from '#calendar/nse-calendar';
import type { Broker, PlaceOrderRequest } from '#execution/broker';
import { UNDERLYINGS } from '#market/feeds/simulator/instruments';
import { createSimulatorFeed } from '#market/feeds/simulator/simulator-feed';
import { openStore, type Store } from '#store/database';
import type { ConnectionService } from '#engine/connection-service';
import { createEngine, type Engine } from '#engine/engine';
import { paperTrading } from '#engine/trading-wiring';
import type { Config } from '#config/schema';
import { DAY_CONFIG, DAY_SETTINGS } from '#engine/bots/testing/bot-day';
import type { ComparisonReport, SideStats } from './comparison.ts';
import { shadowFile } from './shadow-order-path.ts';

/**
 * A simulated week of the real momentum rider beside a shadow variant of it (other parameters) in one
 * engine: the real bot trades through the terminal's broker, the variant through its own risk gate,
 * order manager, store and paper broker. The engine restarts mid-week; the variant carries on.
 */
const BOT = 'momentum-rider';
const VARIANT = `${BOT}~wide`;
const SEED = 8;
/** The day test's lowered thresholds, lower still so that a week of NIFTY alone (half the work) trades. */
const REAL_PARAMS = {
  ...(DAY_SETTINGS[BOT] as { params: Record<string, number> }).params,
  underlyings: ['NIFTY'],
  minCombinedScore: 0.3,
  ...Object.fromEntries(['volatile', 'trending', 'ranging'].flatMap((r) => [[`${r}Consensus`, 0.5], [`${r}Confirmation`, 0.4]])),
};
/** Less risk per trade and a smaller move to enter on: other sizes, other entries. */
const VARIANT_PARAMS = { ...REAL_PARAMS, riskPct: 2, minMovePct: 0.1 };

/** A second variant sizes 5 lots a trade; the bot's own limit of 2 lots holds it, as it holds the bot. */
const CAPPED = `${BOT}~five`;
const CONFIG: Config = { ...DAY_CONFIG, risk: { ...DAY_CONFIG.risk, bots: { [BOT]: { ...DAY_CONFIG.risk.defaultBot, maxLots: 2 } } } };

const cal = nseCalendar();
const DAYS: string[] = [];
for (let d = '2026-11-23'; DAYS.length < 5; d = cal.nextTradingDay(d)) if (cal.isTradingDay(d)) DAYS.push(d);
const openOf = (day: string): number => istDateFromKey(day) + (9 * 60 + 15) * 60_000;
const CLOSE_MIN = 375;

/** Every order the terminal's own broker was asked to place (the live broker's seat in a live terminal). */
const placed: PlaceOrderRequest[] = [];
function recording(b: Broker): Broker {
  return new Proxy(b, {
    get(target, prop, receiver) {
      if (prop === 'place') return (r: PlaceOrderRequest) => (placed.push(r), target.place(r));
      const v: unknown = Reflect.get(target, prop, receiver);
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

interface Run {
  readonly store: Store;
  readonly engine: Engine;
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shadow-week-'));
const clock = new SimClock(openOf(DAYS[0]!));

async function settle(): Promise<void> {
  for (let i = 0; i < 8; i++) await new Promise((r) => setImmediate(r));
}

async function boot(session: string): Promise<Run> {
  const opened = openStore(path.join(dir, 'terminal.sqlite'), clock.now());
  if (!opened.ok) throw new Error(opened.error.message);
  const feed = createSimulatorFeed({ clock, seed: SEED, warmupSessions: 5, dailyHistorySessions: 250, underlyings: UNDERLYINGS.filter((u) => u.name === 'NIFTY') });
  const paper = paperTrading(CONFIG, clock, session, true);
  const engine = createEngine({
    clock,
    feed,
    instruments: feed.instruments(),
    store: opened.value,
    config: CONFIG,
    logger: silentLogger(),
    version: 'test',
    connection: {} as ConnectionService,
    trading: { ...paper, broker: (parts) => { const p = paper.broker(parts); return { ...p, broker: recording(p.broker) }; } },
    dailyHistory: () => feed.dailyHistory(),
  });
  await engine.start();
  await settle();
  return { store: opened.value, engine };
}

async function runSession(day: string): Promise<void> {
  const open = openOf(day);
  if (clock.now() < open) clock.advanceTo(open, { coalesceIntervals: true });
  await settle();
  for (let t = clock.now() + 1000; t <= open + CLOSE_MIN * 60_000; t += 1000) {
    clock.advanceTo(t);
    await settle();
  }
}

async function shutdown(r: Run): Promise<void> {
  await r.engine.stop();
  await r.store.close();
}

interface FillRow {
  readonly side: string;
  readonly quantity: number;
  readonly price: number;
  readonly charges: number;
  readonly ts_event: number;
  readonly instrument_id: string;
  /** The order's limit price: the price the bot decided at. */
  readonly ref: number | null;
}

/** Closed trades as the trader counts them, recomputed from stored fill rows: flat to flat over the bot's book. */
function tripsOf(rows: readonly FillRow[]) {
  const trips: { day: string; net: number; charges: number }[] = [];
  const held = new Map<string, number>();
  let cash = 0;
  let charges = 0;
  for (const r of rows) {
    const q = r.side === 'BUY' ? r.quantity : -r.quantity;
    cash -= q * r.price;
    charges += r.charges;
    held.set(r.instrument_id, (held.get(r.instrument_id) ?? 0) + q);
    if ([...held.values()].every((x) => x === 0)) {
      trips.push({ day: istDateKey(r.ts_event), net: cash - charges, charges });
      held.clear();
      cash = charges = 0;
    }
  }
  return trips;
}

function expectMatches(side: SideStats, rows: readonly FillRow[], days: readonly string[]): void {
  const trips = tripsOf(rows).filter((t) => days.includes(t.day));
  expect(side.trades).toBe(trips.length);
  expect(side.netPnl).toBeCloseTo(trips.reduce((s, t) => s + t.net, 0), 6);
  expect(side.charges).toBeCloseTo(trips.reduce((s, t) => s + t.charges, 0), 6);
  expect(side.hitRate).toBeCloseTo(trips.length ? trips.filter((t) => t.net > 0).length / trips.length : 0, 12);
  days.forEach((day, i) => expect(side.daily[i]).toBeCloseTo(trips.filter((t) => t.day === day).reduce((s, t) => s + t.net, 0), 6));
  let peak = 0;
  let eq = 0;
  let dd = 0;
  for (const p of side.daily) {
    eq += p;
    peak = Math.max(peak, eq);
    dd = Math.max(dd, peak - eq);
  }
  expect(side.maxDrawdown).toBeCloseTo(dd, 6);
  const priced = rows.filter((r) => r.ref !== null);
  const units = priced.reduce((s, r) => s + r.quantity, 0);
  const slip = priced.reduce((s, r) => s + (r.side === 'BUY' ? r.price - r.ref! : r.ref! - r.price) * r.quantity, 0);
  if (units === 0) expect(side.slippagePerUnit).toBeNull();
  else expect(side.slippagePerUnit).toBeCloseTo(slip / units, 9);
}

const FILL_ROWS = 'SELECT f.side, f.quantity, f.price, f.charges, f.ts_event, f.instrument_id, o.limit_price AS ref FROM fills f JOIN orders o USING (client_order_id) WHERE o.bot_id = ? ORDER BY f.ts_event, f.rowid';

let report: ComparisonReport;
let run: Run;
const realRows: FillRow[] = [];
const variantRows: FillRow[] = [];
const cappedRows: FillRow[] = [];

beforeAll(async () => {
  run = await boot('w1');
  const e = run.engine;
  const set = e.setBotParams(BOT, { params: REAL_PARAMS });
  if (!set.ok) throw new Error(set.error.message);
  const started = e.startBot(BOT);
  if (!started.ok) throw new Error(started.error.message);
  const v = e.shadow!.start({ botId: BOT, label: 'wide', params: VARIANT_PARAMS });
  if (!v.ok) throw new Error(v.error);
  const capped = e.shadow!.start({ botId: BOT, label: 'five', params: REAL_PARAMS, sizing: { policy: 'fixed-lots', lots: 5 } });
  if (!capped.ok) throw new Error(capped.error);
  await runSession(DAYS[0]!);
  await runSession(DAYS[1]!);
  // A restart between sessions: the bot and its variant come back on their stores.
  await shutdown(run);
  run = await boot('w2');
  for (const day of DAYS.slice(2)) await runSession(day);
  const r = run.engine.shadow!.compare(VARIANT);
  if (!r.ok) throw new Error(r.error);
  report = r.value;
  realRows.push(...(run.store.sqlite.prepare(FILL_ROWS).all(BOT) as typeof realRows));
  const vs = openStore(shadowFile(path.join(dir, 'terminal.sqlite'), VARIANT), clock.now());
  if (!vs.ok) throw new Error(vs.error.message);
  variantRows.push(...(vs.value.sqlite.prepare(FILL_ROWS).all(`shadow:${VARIANT}`) as typeof variantRows));
  await vs.value.close();
  const cs = openStore(shadowFile(path.join(dir, 'terminal.sqlite'), CAPPED), clock.now());
  if (!cs.ok) throw new Error(cs.error.message);
  cappedRows.push(...(cs.value.sqlite.prepare(FILL_ROWS).all(`shadow:${CAPPED}`) as typeof cappedRows));
  await cs.value.close();
}, 600_000);

afterAll(async () => {
  await shutdown(run);
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('shadow A/B of the momentum rider over a simulated week', () => {
  it('trades the bot and its variant apart, each on its own order path', () => {
    expect(report.days).toEqual(DAYS);
    expect(realRows.length).toBeGreaterThan(0);
    expect(variantRows.length).toBeGreaterThan(0);
    const main = run.store.sqlite;
    // Nothing of the variant in the real book: no order, no signal; its signals are in the shadow table.
    expect(main.prepare("SELECT COUNT(*) FROM orders WHERE bot_id LIKE 'shadow:%'").pluck().get()).toBe(0);
    expect(main.prepare("SELECT COUNT(*) FROM signals WHERE bot_id LIKE 'shadow:%'").pluck().get()).toBe(0);
    expect(main.prepare('SELECT COUNT(*) FROM shadow_signals WHERE variant_id = ?').pluck().get(VARIANT)).toBeGreaterThan(0);
    // The terminal's broker saw the real bot's orders and never one of the variant's.
    expect(placed.length).toBeGreaterThan(0);
    expect(placed.filter((p) => p.strategy.includes('shadow'))).toEqual([]);
    expect(placed.length).toBe(main.prepare("SELECT COUNT(*) FROM orders WHERE broker_order_id IS NOT NULL AND bot_id = ?").pluck().get(BOT));
  });

  it("holds a variant to the bot's own limits: its sizing of 5 lots is cut to the bot's 2", () => {
    expect(cappedRows.length).toBeGreaterThan(0);
    expect(Math.max(...cappedRows.map((r) => r.quantity))).toBe(2 * 65);
  });

  it("reports what both bots' stored trades say", () => {
    expectMatches(report.real, realRows, DAYS);
    expectMatches(report.variant, variantRows, DAYS);
    expect(report.test).not.toBeNull();
    // Five sessions are below the 20-session minimum: no verdict, whatever the numbers say.
    expect(report.verdict.kind).toBe('insufficient');
    expect(report.verdict.reason).toContain('5 of 20 sessions');
  });

  it('promotes the variant with one audited action', () => {
    const e = run.engine;
    const promoted = e.shadow!.promote(VARIANT);
    expect(promoted).toMatchObject({ ok: true, value: { status: 'promoted' } });
    const params = e.botParams(BOT);
    if (!params.ok) throw new Error(params.error.message);
    expect(params.value.pending ?? params.value.values).toMatchObject({ riskPct: 2, minMovePct: 0.1 });
    const kinds = run.store.sqlite
      .prepare("SELECT kind FROM audit_log WHERE kind LIKE 'bot:shadow-%' AND json_extract(payload, '$.variantId') = ? ORDER BY seq")
      .pluck()
      .all(VARIANT);
    expect(kinds).toEqual(['bot:shadow-start', 'bot:shadow-stop', 'bot:shadow-promote']);
    expect(e.shadow!.promote(VARIANT)).toEqual({ ok: false, error: `variant ${VARIANT} was promoted already` });
    // The stopped variant's report still reads its own file.
    const again = e.shadow!.compare(VARIANT);
    expect(again.ok && again.value.variant.trades).toBe(report.variant.trades);
  });
});
