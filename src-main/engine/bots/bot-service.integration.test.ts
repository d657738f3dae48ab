import { afterEach, describe, expect, it } from 'vitest';
import { intentId } from '#model/ids';
import type { Signal } from '#model/signal';
import { momentumRider } from '#bots/momentum-rider/bot';
import type { AnyBotDefinition } from './definitions.ts';
import { BOT_IDS, BotDay } from './testing/bot-day.ts';

const DAY = '2026-11-25';
let open: BotDay[] = [];
const start = async (o: Partial<Parameters<typeof BotDay.start>[0]> = {}): Promise<BotDay> => {
  const d = await BotDay.start({ day: DAY, seed: 8, session: 's1', ...o });
  open.push(d);
  return d;
};
afterEach(async () => {
  for (const d of open) await d.close();
  open = [];
});

const audit = (d: BotDay, kinds: string[]): { kind: string; actor: string; subject: string | null; payload: Record<string, unknown> }[] =>
  (d.store.sqlite.prepare(`SELECT kind, actor, subject, payload FROM audit_log WHERE kind IN (${kinds.map(() => '?').join(', ')}) ORDER BY seq`).all(...kinds) as { kind: string; actor: string; subject: string | null; payload: string }[]).map(
    (r) => ({ ...r, payload: JSON.parse(r.payload) as Record<string, unknown> }),
  );
const signalsOf = (d: BotDay, botId: string): Signal[] => d.engine.signals(10_000, botId) as Signal[];

describe('the bot manager on the engine', () => {
  it('lists the four bots as available, and takes each through start, pause, resume and stop, audited', async () => {
    const d = await start();
    expect(d.engine.bots().map((b) => [b.id, b.state, b.available])).toEqual(BOT_IDS.map((id) => [id, 'stopped', true]));
    expect(d.engine.startBot('short-straddle')).toMatchObject({ ok: true, value: { state: 'running', execution: 'paper' } });
    expect(d.engine.startBot('short-straddle')).toMatchObject({ ok: false, error: { kind: 'invalid-state' } });
    expect(d.engine.pauseBot('short-straddle')).toMatchObject({ ok: true, value: { state: 'paused' } });
    expect(d.engine.pauseBot('short-straddle')).toMatchObject({ ok: false, error: { kind: 'invalid-state', message: 'cannot pause a bot that is paused' } });
    expect(d.engine.resumeBot('short-straddle')).toMatchObject({ ok: true, value: { state: 'running' } });
    expect(d.engine.stopBot('short-straddle')).toMatchObject({ ok: true, value: { state: 'stopped' } });
    expect(d.engine.startBot('no-such-bot')).toMatchObject({ ok: false, error: { kind: 'not-found' } });
    const trail = audit(d, ['start', 'stop', 'bot:pause', 'bot:resume']).filter((a) => a.subject === 'short-straddle');
    expect(trail.map((a) => [a.kind, a.actor])).toEqual([
      ['start', 'trader'],
      ['bot:pause', 'trader'],
      ['bot:pause', 'trader'],
      ['bot:resume', 'trader'],
      ['stop', 'trader'],
    ]);
    expect(trail[2]!.payload).toMatchObject({ refused: 'cannot pause a bot that is paused' });
  });

  it('the kill switch stops every bot; while trading is halted none may start', async () => {
    const d = await start();
    d.startBots();
    await d.runTo(35);
    const report = await d.until(d.engine.trading.kill('bridge'));
    expect([...report.botsStopped].sort()).toEqual([...BOT_IDS].sort());
    expect(d.engine.bots().every((b) => b.state === 'stopped')).toBe(true);
    const again = d.engine.startBot('iron-condor');
    expect(!again.ok && again.error.message).toMatch(/trading is halted/);
  }, 60_000);

  it('a bot whose hook throws goes to error with the reason; the engine and the other bots go on', async () => {
    let calls = 0;
    const faulty: AnyBotDefinition = {
      ...(momentumRider as AnyBotDefinition),
      hooks: {
        ...momentumRider.hooks,
        onBar: (bar, ctx) => {
          if (++calls === 20) throw new Error('a bug in the strategy');
          return (momentumRider.hooks.onBar as NonNullable<AnyBotDefinition['hooks']['onBar']>)(bar, ctx);
        },
      },
    };
    const d = await start({ definitions: { 'momentum-rider': faulty } });
    d.startBots();
    await d.runTo(30);
    const rider = d.engine.bots().find((b) => b.id === 'momentum-rider')!;
    expect(rider.state).toBe('error');
    expect(rider.message).toMatch(/momentum-rider onBar threw: a bug in the strategy/);
    const faultAt = audit(d, ['bot:fault'])[0]!;
    expect(faultAt).toMatchObject({ actor: 'engine', subject: 'momentum-rider', payload: { hook: 'onBar', kind: 'threw' } });
    const others = (): number => d.engine.signals(10_000).filter((s) => s.botId !== 'momentum-rider').length;
    const before = others();
    await d.runTo(50);
    expect(d.engine.bots().filter((b) => b.id !== 'momentum-rider').every((b) => b.state === 'running')).toBe(true);
    expect(others()).toBeGreaterThan(before);
    // Start from error resets it (audited) and runs it again.
    expect(d.engine.startBot('momentum-rider')).toMatchObject({ ok: true, value: { state: 'running' } });
    expect(audit(d, ['bot:reset'])[0]).toMatchObject({ actor: 'trader', payload: { fault: expect.stringMatching(/a bug in the strategy/) } });
  }, 60_000);

  it('checks a parameter change against the bot’s schema, and applies it at the next evaluation with nothing in flight', async () => {
    const d = await start();
    const bad = d.engine.validateBotParams('short-straddle', { params: { stopLossPct: 1000, targetPct: 'high' } });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.message).toMatch(/stopLossPct.*targetPct|targetPct.*stopLossPct/);
    expect(d.engine.validateBotParams('short-straddle', { params: { stopLossPct: 60 } })).toMatchObject({ ok: true, value: { values: { stopLossPct: 60 } } });
    expect(d.engine.botParams('short-straddle')).toMatchObject({ ok: true, value: { values: { stopLossPct: 40 } } });
    expect(d.engine.setBotParams('short-straddle', { params: { stopLossPct: 1000 } })).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    d.startBots();
    // Inside the bots' entry window (from 09:30), where risk takes a bot's order.
    await d.runTo(16);
    // A working order of the bot: the change must wait for it.
    const chain = d.engine.market.chains.cache.read('NIFTY', d.engine.market.chains.cache.expiries('NIFTY')[0]!, d.clock.now())!;
    const ce = chain.rows.find((r) => r.strike === chain.atmStrike)!.ce!;
    // 15 % under the bid: inside the paper broker's ±20 % band, far from a fill in ten minutes.
    const parked = await d.engine.trading.submit({ kind: 'place', intentId: intentId('parked'), botId: 'short-straddle' as never, instrumentId: `NFO:${ce.symbol}` as never, side: 'BUY', quantity: 65, type: 'LIMIT', limitPrice: Math.round(ce.bid * 0.85 * 20) / 20, product: 'NRML', reason: 'test: a working order' });
    expect(parked).toMatchObject({ ok: true });
    const set = d.engine.setBotParams('short-straddle', { params: { stopLossPct: 60 } });
    expect(set).toMatchObject({ ok: true, value: { values: { stopLossPct: 40 }, pending: { stopLossPct: 60 } } });
    await d.runTo(25);
    expect(d.engine.botParams('short-straddle')).toMatchObject({ ok: true, value: { values: { stopLossPct: 40 }, pending: { stopLossPct: 60 } } });
    const order = d.engine.trading.orders().find((o) => o.order.intentId === 'parked')!;
    expect(order.order.status).toBe('accepted');
    await d.engine.trading.submit({ kind: 'cancel', intentId: intentId('unpark'), botId: 'short-straddle' as never, clientOrderId: order.order.clientOrderId, reason: 'test' });
    await d.runTo(27);
    const now = d.engine.botParams('short-straddle');
    expect(now.ok && now.value.values['stopLossPct']).toBe(60);
    expect(now.ok && now.value.pending).toBeUndefined();
    const changes = audit(d, ['config-change']).filter((a) => a.subject === 'short-straddle');
    expect(changes.map((a) => a.actor)).toEqual(['trader', 'trader', 'trader', 'engine']);
    expect(changes[0]!.payload).toMatchObject({ refused: expect.stringMatching(/stopLossPct/) });
    expect(changes[3]!.payload).toMatchObject({ applied: { stopLossPct: 60 } });
  }, 60_000);

  it('holds back opening intents of a paused bot and of a bot outside its regimes, and says so in the signal', async () => {
    const d = await start();
    d.startBots();
    expect(d.engine.setBotParams('iron-condor', { regimes: [] }).ok).toBe(true);
    expect(d.engine.pauseBot('short-straddle').ok).toBe(true);
    await d.runTo(40);
    const condor = signalsOf(d, 'iron-condor').filter((s) => s.decision.reason.startsWith('held back by the bot manager'));
    const straddle = signalsOf(d, 'short-straddle').filter((s) => s.decision.reason.startsWith('held back by the bot manager'));
    expect(condor.length).toBeGreaterThan(0);
    expect(condor[0]!.decision.reason).toMatch(/opening is switched off/);
    expect(straddle[0]!.decision.reason).toMatch(/Short straddle is paused: no new positions/);
    expect(straddle[0]!.notes.join()).toMatch(/the bot's own rules had decided to trade/);
    const owners = new Set(d.engine.trading.orders().map((o) => o.order.botId));
    expect(owners.has('iron-condor' as never)).toBe(false);
    expect(owners.has('short-straddle' as never)).toBe(false);
  }, 60_000);

  it('stores every signal whole and streams the same', async () => {
    const d = await start();
    const streamed: Signal[] = [];
    d.engine.events.subscribe('signal', (s) => streamed.push(s));
    d.startBots();
    await d.runTo(35);
    expect(streamed.length).toBeGreaterThan(0);
    const stored = d.engine.signals(10_000);
    expect(JSON.parse(JSON.stringify(stored))).toEqual(JSON.parse(JSON.stringify(streamed)));
    for (const s of stored) expect(s.decision.reason.length).toBeGreaterThan(0);
  }, 60_000);

  it('restores each bot with its settings, lifecycle and state after a restart on the same data folder', async () => {
    const d = await start();
    d.startBots();
    expect(d.engine.pauseBot('momentum-rider').ok).toBe(true);
    await d.runTo(40);
    const before = d.engine.bots();
    const params = BOT_IDS.map((id) => d.engine.botParams(id));
    const rows = (b: BotDay): unknown => (b.store.sqlite.prepare('SELECT bot_id, state, settings FROM bot_state ORDER BY bot_id').all() as { state: string; settings: string }[]).map((r) => ({ ...r, state: JSON.parse(r.state), settings: JSON.parse(r.settings) }));
    const states = rows(d);
    await d.close(false);
    open = [];
    const again = await start({ dir: d.dir, startMinute: 40, session: 's2' });
    expect(again.engine.bots().map((b) => [b.id, b.state, b.openPositions])).toEqual(before.map((b) => [b.id, b.state, b.openPositions]));
    expect(BOT_IDS.map((id) => again.engine.botParams(id))).toEqual(params);
    expect(rows(again)).toEqual(states);
    expect(audit(again, ['bot:restored']).map((a) => [a.subject, a.payload['state']])).toEqual(BOT_IDS.map((id) => [id, id === 'momentum-rider' ? 'paused' : 'running']));
  }, 60_000);
});
