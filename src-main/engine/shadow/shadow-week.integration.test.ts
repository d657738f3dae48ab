import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { SimClock } from '#core/clock';
import { silentLogger } from '#core/log';
import { ok } from '#core/result';
import { istToEpoch } from '#core/time-ist';
import { DEFAULT_RISK_CONFIG } from '#config/risk-schema';
import type { Bar } from '#model/bar';
import { botId } from '#model/ids';
import type { Intent } from '#model/intent';
import { BOT_CATALOG } from '#bots/catalog';
import type { BotDefinition } from '#bots/contract/bot';
import { param } from '#bots/contract/params';
import { nseCalendar } from '#calendar/nse-calendar';
import { tableSpecs } from '#options/contract-specs';
import { FakeMarket, niftyFuture } from '#risk/test-support';
import { instrumentsFrom } from '#execution/instruments';
import { openStore, type Store } from '#store/database';
import { BotRunner } from '#engine/bots/bot-runner';
import type { AnyBotDefinition } from '#engine/bots/definitions';
import type { RegimeGate } from '#engine/bots/regime-gate';
import { createShadowHost } from './shadow-host.ts';

const FUT = niftyFuture();
const DAYS = ['2026-03-09', '2026-03-10', '2026-03-11', '2026-03-12', '2026-03-13'];

/** A scripted bot: buys `lots` of the NIFTY future on a quarter hour when flat and sells it `holdBars` bars later. */
const params = z.strictObject({
  holdBars: param.integer({ label: 'Hold', default: 3, min: 1, max: 30, step: 1 }),
  lots: param.integer({ label: 'Lots', default: 1, min: 1, max: 5, step: 1 }),
});
type P = z.infer<typeof params>;
const stateSchema = z.object({ heldSince: z.number().nullable(), n: z.number() });
type S = z.infer<typeof stateSchema>;
const scripted: BotDefinition<P, S> = {
  kind: 'momentum-rider',
  params,
  state: { schema: stateSchema, initial: () => ({ heldSince: null, n: 0 }) },
  requirements: () => ({ instruments: [], series: [], indicators: [], priceAction: [], chains: [], ivHistory: [] }),
  hooks: {
    onBar: (bar, ctx) => {
      const minute = Math.round((bar.tsStart % 86_400_000) / 60_000);
      const n = ctx.state.n + 1;
      const intent = (side: 'BUY' | 'SELL'): Intent => ({ kind: 'place', intentId: ctx.ids.intent(), botId: ctx.botId, instrumentId: FUT.id, side, quantity: ctx.params.lots * 65, type: 'MARKET', product: 'NRML', reason: side === 'BUY' ? 'entry' : 'exit' });
      // Holding is read from the book, so a restart that keeps the position keeps the trade.
      const held = ctx.positions.some((p) => p.netQuantity !== 0);
      if (!held && minute % 15 === 0) return { intents: [intent('BUY')], signals: [], state: { heldSince: n, n } };
      const since = ctx.state.heldSince ?? n;
      if (held && n - since >= ctx.params.holdBars) return { intents: [intent('SELL')], signals: [], state: { heldSince: null, n } };
      if (held) return { intents: [], signals: [], state: { heldSince: since, n } };
      return { intents: [], signals: [], state: { ...ctx.state, n } };
    },
  },
};

let dir: string;
let store: Store;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shadow-'));
  const r = openStore(path.join(dir, 'terminal.sqlite'), 1);
  if (!r.ok) throw new Error(r.error.message);
  store = r.value;
});
afterEach(async () => {
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The real bot's week as the order manager would have stored it: 3 round trips a day at fixed prices. */
function storeRealTrades(): void {
  const order = store.sqlite.prepare("INSERT INTO orders (client_order_id, bot_id, instrument_id, side, type, product, quantity, limit_price, status, filled_quantity, avg_fill_price, ts_init, ts_last) VALUES (?, 'momentum-rider', ?, ?, 'LIMIT', 'NRML', 65, ?, 'filled', 65, ?, ?, ?)");
  const fill = store.sqlite.prepare('INSERT INTO fills (trade_id, client_order_id, instrument_id, side, quantity, price, charges, ts_event) VALUES (?, ?, ?, ?, 65, ?, 25, ?)');
  let n = 0;
  DAYS.forEach((day, d) => {
    const [y, m, dd] = day.split('-').map(Number) as [number, number, number];
    for (let k = 0; k < 3; k++) {
      const open = istToEpoch(y, m, dd, 9, 30 + 15 * k);
      const exitPrice = 23_000 + ((d + k) % 3 === 0 ? -12 : 9);
      for (const [side, price, ts] of [['BUY', 23_000, open], ['SELL', exitPrice, open + 5 * 60_000]] as const) {
        const id = `real-${++n}`;
        order.run(id, FUT.id, side, price, price, ts, ts);
        fill.run(`rt-${n}`, id, FUT.id, side, price + (side === 'BUY' ? 0.5 : -0.5), ts);
      }
    }
  });
}

/** A shadow host over the test database, the scripted bot as the real `momentum-rider`. */
function shadowHost(clock: SimClock) {
  const market = new FakeMarket();
  const audit: { kind: string; payload: Record<string, unknown> }[] = [];
  const promoted: unknown[] = [];
  const def = scripted as unknown as AnyBotDefinition;
  const settings = { version: 1 as const, params: { holdBars: 3, lots: 1 }, allocation: 250_000, execution: 'paper' as const, regimes: [] };
  const real = new BotRunner(botId('momentum-rider'), BOT_CATALOG.find((d) => d.kind === 'momentum-rider')!, def, settings, settings.params, undefined);
  const host = createShadowHost({
    clock,
    logger: silentLogger(),
    sqlite: store.sqlite,
    shared: {
      clock,
      logger: silentLogger(),
      sources: { market: () => { throw new Error('no market reads in this bot'); }, studies: {} as never, chain: () => undefined, ivHistory: () => [], specs: tableSpecs, calendar: nseCalendar() },
      regime: { decide: () => ({ allowed: true, reason: 'test' }) } as unknown as RegimeGate,
      models: () => ({}) as never,
      instruments: instrumentsFrom([FUT]),
    },
    market,
    limits: () => DEFAULT_RISK_CONFIG,
    size: undefined,
    realRunner: (id) => (id === 'momentum-rider' ? real : undefined),
    require: () => undefined,
    notifyFill: () => undefined,
    realFills: () => {
      const rows = store.sqlite.prepare('SELECT f.*, o.limit_price FROM fills f JOIN orders o USING (client_order_id) WHERE o.bot_id = ? ORDER BY f.ts_event').all('momentum-rider') as { trade_id: string; client_order_id: string; instrument_id: string; side: 'BUY' | 'SELL'; quantity: number; price: number; charges: number; ts_event: number; limit_price: number }[];
      return rows.map((r) => ({ tradeId: r.trade_id, clientOrderId: r.client_order_id, instrumentId: r.instrument_id, side: r.side, quantity: r.quantity, price: r.price, charges: r.charges, tsEvent: r.ts_event, reference: r.limit_price }) as never);
    },
    promote: (id, patch) => {
      promoted.push({ id, patch });
      return ok(undefined);
    },
    audit: (kind, payload) => audit.push({ kind, payload: { ...payload } }),
  });
  return { host, market, audit, promoted };
}

describe('shadow A/B over a simulated week', () => {
  it("runs a variant on paper beside the bot and reports what both bots' stored trades say", () => {
    const clock = new SimClock(istToEpoch(2026, 3, 9, 9, 15));
    const { host, market, audit, promoted } = shadowHost(clock);
    storeRealTrades();
    expect(host.start({ botId: 'momentum-rider', label: 'bad label!' })).toEqual({ ok: false, error: 'a variant label is 1–32 letters, digits, - or _' });
    expect(host.start({ botId: 'momentum-rider', label: 'hold5', params: { holdBars: 99 } })).toMatchObject({ ok: false });
    const started = host.start({ botId: 'momentum-rider', label: 'hold5', params: { holdBars: 5 } });
    expect(started).toMatchObject({ ok: true, value: { variantId: 'momentum-rider~hold5', status: 'running' } });
    const [runner] = host.runners();

    // A week: each session's first hour of 1-minute bars of the future, quoted half a rupee each side of the close.
    DAYS.forEach((day, d) => {
      const [y, m, dd] = day.split('-').map(Number) as [number, number, number];
      const open = istToEpoch(y, m, dd, 9, 15);
      for (let k = 0; k < 60; k++) {
        const close = 23_000 + 25 * Math.sin((k + 11 * d) / 6);
        const bar: Bar = { instrumentId: FUT.id, timeframe: '1m', tsStart: open + k * 60_000, open: close, high: close, low: close, close, volume: 100, closed: true };
        clock.advanceTo(bar.tsStart + 60_000);
        market.marks.set(FUT.id, close);
        market.quotes.set(FUT.id, { bid: close - 0.5, ask: close + 0.5 });
        host.run(runner!, { hook: 'onBar', bar });
      }
    });

    const report = host.compare('momentum-rider~hold5');
    if (!report.ok) throw new Error(report.error);
    const r = report.value;
    expect(r.days).toEqual(DAYS);

    // Every figure again, straight from the two sets of stored rows.
    const fromRows = (sql: string, ...args: unknown[]) => store.sqlite.prepare(sql).all(...args) as { side: string; quantity: number; price: number; charges: number; ts_event: number; ref?: number }[];
    const realRows = fromRows("SELECT f.side, f.quantity, f.price, f.charges, f.ts_event, o.limit_price AS ref FROM fills f JOIN orders o USING (client_order_id) WHERE o.bot_id = 'momentum-rider' ORDER BY f.ts_event");
    const shadowRows = fromRows("SELECT f.side, f.quantity, f.price, f.charges, f.ts_event, o.reference_price AS ref FROM shadow_fills f JOIN shadow_orders o USING (variant_id, order_id) WHERE f.variant_id = 'momentum-rider~hold5' ORDER BY f.ts_event, f.rowid");
    const expectFrom = (rows: typeof realRows, side: typeof r.real) => {
      // Both bots are flat after every exit: consecutive pairs are the round trips.
      const trips: { day: string; net: number; charges: number }[] = [];
      for (let i = 0; i + 1 < rows.length; i += 2) {
        const [a, b] = [rows[i]!, rows[i + 1]!];
        const gross = (b.price - a.price) * a.quantity * (a.side === 'BUY' ? 1 : -1);
        trips.push({ day: new Date(b.ts_event + 5.5 * 3_600_000).toISOString().slice(0, 10), net: gross - a.charges - b.charges, charges: a.charges + b.charges });
      }
      expect(side.trades).toBe(trips.length);
      expect(side.netPnl).toBeCloseTo(trips.reduce((s, t) => s + t.net, 0), 6);
      expect(side.charges).toBeCloseTo(trips.reduce((s, t) => s + t.charges, 0), 6);
      expect(side.hitRate).toBeCloseTo(trips.filter((t) => t.net > 0).length / trips.length, 12);
      DAYS.forEach((day, i) => expect(side.daily[i]).toBeCloseTo(trips.filter((t) => t.day === day).reduce((s, t) => s + t.net, 0), 6));
      let peak = 0;
      let eq = 0;
      let dd = 0;
      for (const p of side.daily) {
        eq += p;
        peak = Math.max(peak, eq);
        dd = Math.max(dd, peak - eq);
      }
      expect(side.maxDrawdown).toBeCloseTo(dd, 6);
    };
    expect(realRows).toHaveLength(30);
    expect(shadowRows.length).toBeGreaterThan(10);
    expectFrom(realRows, r.real);
    expectFrom(shadowRows, r.variant);
    // The variant crosses half a rupee of spread on every fill; the real fills were stored half a rupee off their limits.
    expect(r.variant.slippagePerUnit).toBeCloseTo(0.5, 9);
    expect(r.real.slippagePerUnit).toBeCloseTo(0.5, 9);
    // Held 5 bars instead of 3: each trip of the variant lasted 5 minutes of bars.
    expect(r.variant.trades).toBe(shadowRows.length / 2);
    // Five sessions are below the 20-session minimum: no verdict, whatever the numbers say.
    expect(r.verdict).toEqual({ kind: 'insufficient', reason: 'not enough to judge yet: 5 of 20 sessions' });
    expect(r.test).not.toBeNull();

    // Nothing of the variant entered the real book.
    expect(store.sqlite.prepare("SELECT COUNT(*) FROM orders WHERE bot_id != 'momentum-rider' OR bot_id IS NULL").pluck().get()).toBe(0);

    const promote = host.promote('momentum-rider~hold5');
    expect(promote).toMatchObject({ ok: true, value: { status: 'promoted' } });
    expect(promoted).toEqual([{ id: 'momentum-rider', patch: { params: { holdBars: 5 } } }]);
    expect(audit.map((a) => a.kind)).toEqual(['bot:shadow-start', 'bot:shadow-stop', 'bot:shadow-promote']);
    expect(audit[2]!.payload).toMatchObject({ variantId: 'momentum-rider~hold5', verdict: { kind: 'insufficient' }, days: 5 });
    expect(host.runners()).toEqual([]);
    expect(host.promote('momentum-rider~hold5')).toEqual({ ok: false, error: 'variant momentum-rider~hold5 was promoted already' });
  });
  it('brings a running variant back after a restart with its open position, and ids that do not collide', () => {
    const clock = new SimClock(istToEpoch(2026, 3, 9, 9, 15));
    const first = shadowHost(clock);
    expect(first.host.start({ botId: 'momentum-rider', label: 'hold5', params: { holdBars: 5 } }).ok).toBe(true);
    const bar = (k: number): Bar => ({ instrumentId: FUT.id, timeframe: '1m', tsStart: istToEpoch(2026, 3, 9, 9, 15 + k), open: 23_000, high: 23_000, low: 23_000, close: 23_000, volume: 1, closed: true });
    first.market.marks.set(FUT.id, 23_000);
    // 09:15 and 09:30 are quarter hours: bought at 09:15, sold at 09:20, bought again at 09:30 and held.
    for (let k = 0; k <= 15; k++) {
      clock.advanceTo(bar(k).tsStart + 60_000);
      first.host.run(first.host.runners()[0]!, { hook: 'onBar', bar: bar(k) });
    }
    expect(store.sqlite.prepare('SELECT side FROM shadow_fills ORDER BY ts_event, rowid').pluck().all()).toEqual(['BUY', 'SELL', 'BUY']);

    const second = shadowHost(clock);
    second.market.marks.set(FUT.id, 23_000);
    expect(second.host.runners()).toEqual([]);
    second.host.restore();
    const [runner] = second.host.runners();
    expect(runner?.botId).toBe('shadow:momentum-rider~hold5');
    // The restored position is in the variant's book: it is sold 5 bars on, not bought twice; new ids follow the stored ones.
    for (let k = 16; k <= 40; k++) {
      clock.advanceTo(bar(k).tsStart + 60_000);
      second.host.run(runner!, { hook: 'onBar', bar: bar(k) });
    }
    expect(store.sqlite.prepare('SELECT side FROM shadow_fills ORDER BY ts_event, rowid').pluck().all()).toEqual(['BUY', 'SELL', 'BUY', 'SELL', 'BUY', 'SELL']);
  });
});
