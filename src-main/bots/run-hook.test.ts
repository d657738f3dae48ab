import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { nseCalendar } from '#calendar/nse-calendar';
import { istToEpoch } from '#core/time-ist';
import { botId, instrumentId, intentId, signalId, structureId } from '#model/ids';
import type { Intent } from '#model/intent';
import type { Signal } from '#model/signal';
import { tableSpecs } from '#options/contract-specs';
import type { BotDefinition, HookResult } from './contract/bot.ts';
import type { BotContext } from './contract/context.ts';
import { paramsSchema } from './contract/params.ts';
import type { BotRequirements } from './contract/requirements.ts';
import { createBotContext } from './context/create-context.ts';
import { StudiesHub } from './context/studies.ts';
import { faultedState, runHook } from './run-hook.ts';

type State = { n: number };
const NIFTY = instrumentId('NSE_INDEX', 'NIFTY');
const NOTHING: BotRequirements = { instruments: [], series: [], indicators: [], priceAction: [], chains: [], ivHistory: [] };
const COLD: BotRequirements = { ...NOTHING, series: [{ instrumentId: NIFTY, timeframe: '5m', bars: 10 }] };

function botWith(onStart: (ctx: BotContext<Record<string, never>, State>) => HookResult<State>): BotDefinition<Record<string, never>, State> {
  return { kind: 'short-straddle', params: paramsSchema({}), state: { schema: z.strictObject({ n: z.number().int() }), initial: () => ({ n: 0 }) }, requirements: () => NOTHING, hooks: { onStart } };
}

function ctx(req: BotRequirements = NOTHING): BotContext<Record<string, never>, State> {
  let i = 0;
  const empty = { instrumentId: NIFTY, lastTick: () => undefined, bars: () => [], lastBar: () => undefined };
  return createBotContext({
    botId: botId('b1'),
    kind: 'short-straddle',
    now: istToEpoch(2026, 8, 19, 10, 0),
    params: {},
    state: { n: 1 },
    requirements: req,
    sources: { market: () => empty, studies: new StudiesHub(), chain: () => undefined, ivHistory: () => [], specs: tableSpecs, calendar: nseCalendar() },
    book: { positions: [], openOrders: [], structures: [], capital: { allocation: 1, deployed: 0, maxLots: 1, maxPositions: 1 } },
    ids: { intent: () => intentId(`i${++i}`), signal: () => signalId(`s${++i}`) },
  });
}

const place = (c: BotContext<Record<string, never>, State>, over: Partial<Extract<Intent, { kind: 'place' }>> = {}): Intent => ({
  kind: 'place',
  intentId: c.ids.intent(),
  botId: c.botId,
  instrumentId: NIFTY,
  side: 'BUY',
  quantity: 65,
  type: 'MARKET',
  product: 'MIS',
  reason: 'test',
  ...over,
});
const signal = (c: BotContext<Record<string, never>, State>, over: Partial<Signal> = {}): Signal => ({
  id: c.ids.signal(),
  botId: c.botId,
  instrumentId: NIFTY,
  tsEvent: c.now,
  kind: 'entry',
  rule: 'test',
  direction: 'long',
  strength: 0.5,
  scores: {},
  inputs: {},
  sources: [],
  decision: { kind: 'filtered', reason: 'because' },
  notes: [],
  intentIds: [],
  ...over,
});

describe('runHook: the guard every hook call goes through', () => {
  it('returns what a well-behaved hook returns, and keeps the state when none is returned', () => {
    const c = ctx();
    const out = runHook(botWith((x) => ({ intents: [place(x)], signals: [], state: { n: x.state.n + 1 } })), { hook: 'onStart' }, c);
    expect(out.ok && out.value.state).toEqual({ n: 2 });
    const same = runHook(botWith(() => ({ intents: [], signals: [] })), { hook: 'onStart' }, c);
    expect(same.ok && same.value.state).toBe(c.state);
    expect(runHook(botWith(() => ({ intents: [], signals: [] })), { hook: 'onStop' }, c).ok).toBe(true);
  });

  it('contains a throw as a fault; the bot state machine moves the bot to error', () => {
    const out = runHook(botWith(() => { throw new Error('division by zero'); }), { hook: 'onStart' }, ctx());
    expect(out).toMatchObject({ ok: false, error: { kind: 'threw', hook: 'onStart', message: 'short-straddle onStart threw: division by zero' } });
    expect(['starting', 'running', 'paused', 'stopping'].map((s) => faultedState(s as never))).toEqual(['error', 'error', 'error', 'error']);
  });

  it('contains a write to the frozen context as a fault', () => {
    const out = runHook(botWith((x) => { (x.state as { n: number }).n = 5; return { intents: [], signals: [] }; }), { hook: 'onStart' }, ctx());
    expect(out).toMatchObject({ ok: false, error: { kind: 'threw' } });
  });

  it.each([
    ['garbage', () => ({ intents: 'x' }) as never, /must return/],
    ['another bot', (x: BotContext<Record<string, never>, State>) => ({ intents: [place(x, { botId: botId('b2') })], signals: [] }), /signed by b2/],
    ['a repeated id', (x: BotContext<Record<string, never>, State>) => ({ intents: [place(x, { intentId: intentId('dup') }), place(x, { intentId: intentId('dup') })], signals: [] }), /used twice/],
    ['a fractional quantity', (x: BotContext<Record<string, never>, State>) => ({ intents: [place(x, { quantity: 32.5 })], signals: [] }), /positive whole number/],
    ['a strength above 1', (x: BotContext<Record<string, never>, State>) => ({ intents: [], signals: [signal(x, { strength: 1.2 })] }), /outside 0..1/],
    ['a signal naming an intent it did not emit', (x: BotContext<Record<string, never>, State>) => ({ intents: [], signals: [signal(x, { intentIds: [intentId('ghost')] })] }), /did not emit/],
    ['a state off its schema', () => ({ intents: [], signals: [], state: { n: 'one' } }) as never, /does not match its schema/],
  ])('refuses %s as a contract violation', (_name, hook, message) => {
    const out = runHook(botWith(hook as never), { hook: 'onStart' }, ctx());
    expect(out.ok).toBe(false);
    expect(!out.ok && out.error.kind).toBe('contract-violation');
    expect(!out.ok && out.error.message).toMatch(message);
  });

  it('parses a returned state again only when it differs from one that passed lately', () => {
    let parses = 0;
    const item = z.strictObject({ n: z.number().int() });
    const schema = z.strictObject({ items: z.array(item) }).refine(() => ++parses > 0);
    type Items = z.infer<typeof schema>;
    const returning = (state: Items): BotDefinition<Record<string, never>, Items> => ({ ...botWith(() => ({ intents: [], signals: [] })), state: { schema, initial: () => ({ items: [] }) }, hooks: { onStart: () => ({ intents: [], signals: [], state }) } }) as never;
    const run = (state: Items) => runHook(returning(state), { hook: 'onStart' }, ctx() as never);
    const [a, b] = [Object.freeze({ n: 1 }), Object.freeze({ n: 2 })];
    expect([run({ items: [a, b] }).ok, run({ items: [b, a] }).ok, parses]).toEqual([true, true, 2]);
    expect([run({ items: [a, b] }).ok, run({ items: [b, { n: 1 }] }).ok, parses]).toEqual([true, true, 2]);
    const open = { n: 1 };
    expect([run({ items: [open] }).ok, run({ items: [open] }).ok, parses]).toEqual([true, true, 4]);
    expect(run({ items: [a, Object.freeze({ n: 2.5 })] }).ok).toBe(false);
  });

  it('refuses an opening intent before warm-up, lets an exit through', () => {
    const cold = ctx(COLD);
    expect(cold.warm).toBe(false);
    const open = runHook(botWith((x) => ({ intents: [place(x)], signals: [] })), { hook: 'onStart' }, cold);
    expect(!open.ok && open.error.message).toMatch(/opening intent \(place\) before the warm-up/);
    const exit = runHook(botWith((x) => ({ intents: [{ kind: 'exit-structure', intentId: x.ids.intent(), botId: x.botId, structureId: structureId('st-1'), reason: 'stop' }], signals: [] })), { hook: 'onStart' }, cold);
    expect(exit.ok).toBe(true);
  });
});
