import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '#store/database';
import type { Config } from '#config/schema';
import { BotDay, DAY_CONFIG, DAY_SETTINGS } from '#engine/bots/testing/bot-day';
import { shadowFile } from './shadow-order-path.ts';

/**
 * A shadow variant's own risk layer on a simulated day (25 Nov 2026, seed 8, NIFTY): its live monitor sees
 * every tick of the feed, as the real one does, so its loss limits act on its own book; and the terminal's
 * KILL halts every variant and closes its paper book through the variant's own order path.
 */
const BOT = 'momentum-rider';
const VARIANT = `${BOT}~probe`;
/** The week test's thresholds: the rider trades NIFTY alone on this day. */
const PARAMS = {
  ...(DAY_SETTINGS[BOT] as { params: Record<string, number> }).params,
  underlyings: ['NIFTY'],
  minCombinedScore: 0.3,
  ...Object.fromEntries(['volatile', 'trending', 'ranging'].flatMap((r) => [[`${r}Consensus`, 0.5], [`${r}Confirmation`, 0.4]])),
};

let day: BotDay | undefined;
afterEach(async () => {
  await day?.close();
  day = undefined;
});

const start = async (session: string, config: Config = DAY_CONFIG): Promise<BotDay> => {
  day = await BotDay.start({ day: '2026-11-25', seed: 8, session, underlyings: ['NIFTY'], config });
  return day;
};

/** Net quantity per instrument of the variant's stored fills, read from its own database file. */
function variantFile(d: BotDay) {
  const opened = openStore(shadowFile(d.store.sqlite.name, VARIANT), d.clock.now());
  if (!opened.ok) throw new Error(opened.error.message);
  const db = opened.value.sqlite;
  const net = db.prepare("SELECT f.instrument_id AS id, SUM(CASE f.side WHEN 'BUY' THEN f.quantity ELSE -f.quantity END) AS net FROM fills f JOIN orders o USING (client_order_id) WHERE o.bot_id = ? GROUP BY f.instrument_id").all(`shadow:${VARIANT}`) as { id: string; net: number }[];
  const state = db.prepare('SELECT trading_state AS state, cause FROM risk_state').get() as { state: string; cause: string | null };
  const audit = db.prepare('SELECT kind, payload FROM audit_log ORDER BY seq').all() as { kind: string; payload: string }[];
  return { net, state, audit, close: () => opened.value.close() };
}

describe("a shadow variant's own risk layer", () => {
  it("judges the variant's loss limit on every tick and flattens its book alone", async () => {
    const config: Config = { ...DAY_CONFIG, risk: { ...DAY_CONFIG.risk, dailyLoss: { limit: 300, action: 'halted', flatten: true } } };
    const d = await start('r1', config);
    const shadow = d.engine.botManager.shadow;
    expect(shadow.start({ botId: BOT, label: 'probe', params: PARAMS }).ok).toBe(true);
    let heldAtBreach = 0;
    let held = 0;
    let haltedAt: number | undefined;
    await d.runTo(300, () => {
      const state = shadow.tradingState(VARIANT);
      if (state?.state === 'active') held = Math.max(held, shadow.manager(VARIANT)?.fills().length ?? 0);
      else {
        heldAtBreach ||= held;
        haltedAt ??= d.clock.now();
      }
    });
    await d.until(shadow.released());
    // What the bot's rules decided after the halt reads "refused" with the variant's own risk's reason, not "taken".
    const afterHalt = shadow.signals(VARIANT, 10_000).filter((s) => s.tsEvent > haltedAt! && s.intentIds.length > 0);
    expect(afterHalt.length).toBeGreaterThan(0);
    for (const s of afterHalt) expect(s.decision).toEqual({ kind: 'refused', reason: expect.stringMatching(/^refused by risk: .*daily loss limit/) });

    expect(shadow.tradingState(VARIANT)).toMatchObject({ state: 'halted', cause: 'daily-loss' });
    expect(shadow.list()).toEqual([expect.objectContaining({ variantId: VARIANT, status: 'running', trading: { state: 'halted', cause: 'daily-loss' } })]);
    expect(heldAtBreach).toBeGreaterThan(0);
    // The real terminal's book never traded and its own ledger never moved.
    expect(d.engine.core.ledger.state().state).toBe('active');
    expect(d.engine.core.manager.orders()).toEqual([]);
    const file = variantFile(d);
    try {
      expect(file.state.state).toBe('halted');
      const kinds = file.audit.map((a) => a.kind);
      expect(kinds).toContain('risk:flatten-requested');
      const flattened = file.audit.filter((a) => a.kind === 'risk:flatten').map((a) => JSON.parse(a.payload) as { done?: boolean; flat?: boolean; closeOrders?: number });
      expect(flattened.find((f) => f.done)).toMatchObject({ done: true, flat: true });
      expect(flattened.find((f) => f.done)!.closeOrders).toBeGreaterThan(0);
      expect(file.net.every((p) => p.net === 0)).toBe(true);
    } finally {
      await file.close();
    }
  }, 600_000);

  it('KILL halts every variant and closes its paper positions through its own order path', async () => {
    const d = await start('k1');
    const shadow = d.engine.botManager.shadow;
    expect(shadow.start({ botId: BOT, label: 'probe', params: PARAMS }).ok).toBe(true);
    const holds = (): boolean => (shadow.manager(VARIANT)?.positions.byInstrument() ?? []).some((p) => p.netQuantity !== 0);
    for (let m = 15; m <= 360 && !holds(); m++) await d.runTo(m);
    expect(holds()).toBe(true);

    const report = await d.until(d.engine.core.kill('button'));
    expect(report.flat).toBe(true);
    await d.until(shadow.released());

    expect(shadow.list()).toEqual([expect.objectContaining({ variantId: VARIANT, status: 'stopped' })]);
    const stops = d.store.sqlite.prepare("SELECT payload FROM audit_log WHERE kind = 'bot:shadow-stop'").pluck().all() as string[];
    expect(stops.map((p) => JSON.parse(p) as object)).toEqual([expect.objectContaining({ variantId: VARIANT, why: 'kill switch (button)', flatten: true })]);
    const file = variantFile(d);
    try {
      expect(file.net.length).toBeGreaterThan(0);
      expect(file.net.filter((p) => p.net !== 0)).toEqual([]);
      expect(file.state).toEqual({ state: 'halted', cause: 'kill-switch' });
      const kill = file.audit.filter((a) => a.kind === 'kill').map((a) => JSON.parse(a.payload) as { source: string; done?: boolean; flat?: boolean; closeOrders?: number });
      expect(kill.find((k) => k.done)).toMatchObject({ source: 'button', done: true, flat: true });
      expect(kill.find((k) => k.done)!.closeOrders).toBeGreaterThan(0);
    } finally {
      await file.close();
    }
  }, 600_000);
});
