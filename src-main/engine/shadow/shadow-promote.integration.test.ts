import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isTerminal } from '#model/order';
import { BotDay, DAY_SETTINGS } from '#engine/bots/testing/bot-day';

/**
 * Promoting a variant end to end, on a simulated day: the trader promotes while the real bot has an order
 * working; the variant's parameters wait, and become the bot's at its first evaluation with nothing in
 * flight. One audited action (`bot:shadow-promote`), then the engine's `config-change` when they apply.
 */
const BOT = 'momentum-rider';
const VARIANT = `${BOT}~tight`;
const PARAMS = {
  ...(DAY_SETTINGS[BOT] as { params: Record<string, number> }).params,
  underlyings: ['NIFTY'],
  minCombinedScore: 0.3,
  ...Object.fromEntries(['volatile', 'trending', 'ranging'].flatMap((r) => [[`${r}Consensus`, 0.5], [`${r}Confirmation`, 0.4]])),
};
const VARIANT_PARAMS = { ...PARAMS, riskPct: 2, minMovePct: 0.1 };

let day: BotDay;
let promotedAt = 0;
let appliedAt = 0;
/** The bot's parameters as the trader saw them right after the promotion. */
let afterPromote: { values: Record<string, unknown>; pending?: Record<string, unknown> } | undefined;
let workingAtSwap = true;

const working = (): boolean => day.engine.core.manager.orders().some((r) => r.order.botId === BOT && !isTerminal(r.order.status));
const view = () => {
  const p = day.engine.botParams(BOT);
  if (!p.ok) throw new Error(p.error.message);
  return p.value as unknown as { values: Record<string, unknown>; pending?: Record<string, unknown> };
};

beforeAll(async () => {
  day = await BotDay.start({ day: '2026-11-25', seed: 8, session: 'promote', underlyings: ['NIFTY'] });
  const e = day.engine;
  if (!e.setBotParams(BOT, { params: PARAMS }).ok || !e.startBot(BOT).ok) throw new Error('the bot did not start');
  const v = e.shadow!.start({ botId: BOT, label: 'tight', params: VARIANT_PARAMS });
  if (!v.ok) throw new Error(v.error);
  const end = day.open + 360 * 60_000;
  // Second by second until the bot's evaluation has just written an order (before the broker has it): promote then.
  while (day.clock.now() < end && !promotedAt) {
    day.clock.advanceTo(day.clock.now() + 1000);
    if (working()) {
      const r = e.shadow!.promote(VARIANT);
      if (!r.ok) throw new Error(r.error);
      promotedAt = day.clock.now();
      afterPromote = view();
    }
    await day.settle();
  }
  // Then until the parameters swap: what was working when the evaluation that swapped them began.
  while (day.clock.now() < end && view().pending) {
    const before = working();
    day.clock.advanceTo(day.clock.now() + 1000);
    if (!view().pending) {
      appliedAt = day.clock.now();
      workingAtSwap = before;
    }
    await day.settle();
  }
}, 600_000);

afterAll(async () => day?.close());

describe('promoting a shadow variant', () => {
  it('is one audited action, taken while the bot had an order working', () => {
    expect(promotedAt).toBeGreaterThan(0);
    const rows = day.store.sqlite.prepare("SELECT kind, actor, payload FROM audit_log WHERE kind = 'bot:shadow-promote'").all() as { kind: string; actor: string; payload: string }[];
    expect(rows).toHaveLength(1);
    expect(rows[0]!.actor).toBe('trader');
    expect(JSON.parse(rows[0]!.payload)).toMatchObject({ variantId: VARIANT, botId: BOT, settings: { params: VARIANT_PARAMS }, verdict: { kind: 'insufficient' } });
    expect(day.engine.shadow!.list()).toEqual([expect.objectContaining({ variantId: VARIANT, status: 'promoted' })]);
  });

  it('does not swap the parameters mid-order: they wait, and apply at the next evaluation with nothing in flight', () => {
    expect(afterPromote!.values).toMatchObject({ riskPct: 3, minMovePct: 0.15 });
    expect(afterPromote!.pending).toMatchObject({ riskPct: 2, minMovePct: 0.1 });
    expect(appliedAt).toBeGreaterThan(promotedAt);
    expect(workingAtSwap).toBe(false);
    expect(view().values).toMatchObject({ riskPct: 2, minMovePct: 0.1 });
    expect(view().pending).toBeUndefined();
    const applied = day.store.sqlite.prepare("SELECT ts, actor, payload FROM audit_log WHERE kind = 'config-change' AND json_extract(payload, '$.applied') IS NOT NULL").all() as { ts: number; actor: string; payload: string }[];
    expect(applied).toHaveLength(1);
    expect(applied[0]!.actor).toBe('engine');
    expect(applied[0]!.ts).toBe(appliedAt);
    expect(JSON.parse(applied[0]!.payload)).toMatchObject({ botId: BOT, applied: { riskPct: 2, minMovePct: 0.1 }, requestedAt: promotedAt });
  });
});
