import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { istDateKey } from '#core/time-ist';
import type { Fill } from '#model/fill';
import { fillCharges } from '#options/charges';
import { BOT_IDS, BotDay } from './testing/bot-day.ts';

/**
 * A whole simulated trading day (25 Nov 2026, 09:15–15:30 IST, seed 8) with the four bots on NIFTY and
 * BANKNIFTY through the paper broker, at full speed: trades happen, every order traces to a stored signal
 * that took it, every filtered signal says why, no risk limit is used beyond 100 %, P&L is the fold of
 * fills and charges to the paisa, and the same seed gives the same bytes twice.
 */
const paise = (x: number): number => Math.round(x * 100);

interface DayRun {
  readonly exported: Buffer;
  readonly breaches: string[];
}

async function runDay(): Promise<DayRun> {
  const d = await BotDay.start({ day: '2026-11-25', seed: 8, session: 's1' });
  const breaches: string[] = [];
  try {
    d.startBots();
    await d.runTo(375, () => {
      const risk = d.engine.trading.risk();
      if (risk.state.state !== 'active') breaches.push(`trading ${risk.state.state} at ${d.clock.now()}`);
      for (const l of risk.limits) if (l.used > l.limit) breaches.push(`${l.check} ${l.used} > ${l.limit} at ${d.clock.now()}`);
    });
    checkDay(d);
    const file = path.join(d.dir, 'day.json');
    fs.writeFileSync(file, exportDay(d));
    return { exported: fs.readFileSync(file), breaches };
  } finally {
    await d.close();
  }
}

/** Everything the day produced that a trader could look at, in a stable order. */
function exportDay(d: BotDay): string {
  const e = d.engine;
  return JSON.stringify(
    {
      signals: e.signals(100_000),
      orders: e.trading.orders().map((r) => r.order),
      fills: e.trading.fills(),
      bots: e.bots(),
      state: d.store.sqlite.prepare('SELECT bot_id, kind, state, settings, ts_last FROM bot_state ORDER BY bot_id').all(),
      risk: e.trading.risk(),
    },
    null,
    1,
  );
}

function checkDay(d: BotDay): void {
  const e = d.engine;
  const orders = e.trading.orders().filter((r) => r.order.botId !== undefined);
  const fills = e.trading.fills();
  const signals = e.signals(100_000);

  // Trades happen: every bot has orders that filled.
  for (const id of BOT_IDS) expect(orders.filter((r) => r.order.botId === id && r.order.filledQuantity > 0).length, `${id} traded`).toBeGreaterThan(0);

  // Every order traces to a stored signal that took it, with its reason; every filtered signal says why.
  const taken = new Map(signals.filter((s) => s.decision.kind === 'taken').flatMap((s) => s.intentIds.map((id) => [id as string, s] as const)));
  for (const r of orders) {
    const s = taken.get(r.order.intentId!);
    expect(s, `order ${r.order.clientOrderId} of intent ${r.order.intentId}`).toBeDefined();
    expect(s!.botId).toBe(r.order.botId);
    expect(s!.decision.reason.length).toBeGreaterThan(0);
  }
  for (const s of signals) expect(s.decision.reason.trim().length, `${s.id} ${s.rule}`).toBeGreaterThan(0);
  expect(signals.filter((s) => s.decision.kind === 'filtered').length).toBeGreaterThan(0);

  // Charges: each fill exactly what the options module says, brokerage on the first fill of each order.
  const seen = new Set<string>();
  for (const f of fills) {
    const instrument = e.core.manager.order(f.clientOrderId)!;
    const symbol = instrument.order.instrumentId;
    const expected = fillCharges({
      date: istDateKey(f.tsEvent),
      instrument: symbol.endsWith('FUT') ? 'future' : 'option',
      exchange: symbol.startsWith('BFO:') ? 'BFO' : 'NFO',
      side: f.side,
      price: f.price,
      quantity: f.quantity,
      orders: seen.has(f.clientOrderId) ? 0 : 1,
    }).total;
    seen.add(f.clientOrderId);
    expect(paise(f.charges), `charges of ${f.tradeId}`).toBe(paise(expected));
  }

  // P&L: each bot's figure is its fills' cash flow less charges plus what it holds at the marks.
  let book = 0;
  for (const id of BOT_IDS) {
    const mine = fills.filter((f) => e.trading.ownerOf(f.clientOrderId) === id);
    const cash = mine.reduce((s: number, f: Fill) => s + (f.side === 'SELL' ? 1 : -1) * f.quantity * f.price - f.charges, 0);
    const held = new Map<string, number>();
    for (const f of mine) held.set(f.instrumentId, (held.get(f.instrumentId) ?? 0) + (f.side === 'BUY' ? f.quantity : -f.quantity));
    let marked = 0;
    for (const [instrument, q] of held) if (q !== 0) marked += q * (markOf(d, instrument) ?? Number.NaN);
    const fromFills = cash + marked;
    expect(paise(d.engine.bots().find((b) => b.id === id)!.pnlToday ?? Number.NaN), `${id} P&L today`).toBe(paise(fromFills));
    book += fromFills;
  }
  expect(paise(e.trading.risk().pnl)).toBe(paise(book));
}

function markOf(d: BotDay, instrument: string): number | undefined {
  const q = d.engine.trading.positions().positions.find((p) => p.instrumentId === instrument);
  return q?.mark;
}

describe('a full simulated trading day with the four bots', () => {
  it('trades NIFTY and BANKNIFTY within every risk limit, explains itself, reconciles to the paisa, and repeats byte for byte', async () => {
    const first = await runDay();
    expect(first.breaches).toEqual([]);
    const second = await runDay();
    expect(second.exported.equals(first.exported)).toBe(true);
  }, 600_000);
});
