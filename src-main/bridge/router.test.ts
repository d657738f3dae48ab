import { describe, expect, it, vi } from 'vitest';
import { Bus } from '#core/bus';
import { silentLogger } from '#core/log';
import { instrumentId } from '#model/ids';
import type { Bar } from '#model/bar';
import type { EngineApi, EngineEvents, EngineStatus } from '#engine/engine-api';
import { COMMAND_NAMES, STREAM_NAMES } from '#contract/channels';
import { barDto, botDto, feedDto, sessionDto } from '#contract/dto';
import { createRouter } from './router.ts';
import { FILL, ORDER, RISK, fakeTrading } from './testing/fake-trading.ts';
import { fakeMarket } from './testing/fake-market.ts';
import { killReportDto, orderDto, riskDto, tradeDto, tradingStatusDto } from '#contract/trading-dto';
import { z } from 'zod';

const NIFTY = instrumentId('NSE_INDEX', 'NIFTY');
const status: EngineStatus = {
  version: '0.0.0',
  mode: 'simulation',
  now: 1_700_000_000_000,
  marketOpen: true,
  feedName: 'simulator',
  feed: { state: 'connected', tsEvent: 1 },
  chartInstrument: NIFTY,
};
const bar: Bar = { instrumentId: NIFTY, timeframe: '1m', tsStart: 60_000, open: 1, high: 2, low: 0.5, close: 1.5, volume: 0, closed: true };
const bot = { id: 'short-straddle', kind: 'short-straddle', name: 'Short straddle', description: 'd', state: 'stopped', available: false } as const;

function fakeEngine() {
  const events = new Bus<EngineEvents>();
  const api = {
    events,
    status: vi.fn(() => status),
    instruments: vi.fn(() => []),
    bars: vi.fn((id: string) => (id === NIFTY ? [bar] : undefined)),
    formingBar: vi.fn(() => ({ ...bar, tsStart: 120_000, closed: false })),
    bots: vi.fn(() => [bot]),
    startBot: vi.fn((id: string) => (id === 'short-straddle' ? { ok: false as const, error: { kind: 'not-available' as const, message: 'not yet' } } : { ok: false as const, error: { kind: 'not-found' as const, message: 'no bot' } })),
    stopBot: vi.fn(() => ({ ok: true as const, value: bot })),
    pauseBot: vi.fn(() => ({ ok: true as const, value: bot })),
    resumeBot: vi.fn(() => ({ ok: true as const, value: bot })),
    botParams: vi.fn((): ReturnType<EngineApi['botParams']> => ({ ok: false, error: { kind: 'not-found', message: 'no bot' } })),
    validateBotParams: vi.fn((): ReturnType<EngineApi['validateBotParams']> => ({ ok: false, error: { kind: 'not-found', message: 'no bot' } })),
    setBotParams: vi.fn((): ReturnType<EngineApi['setBotParams']> => ({ ok: false, error: { kind: 'not-found', message: 'no bot' } })),
    signals: vi.fn(() => []),
    connection: vi.fn(async () => ({ ok: true as const, value: { baseUrl: 'http://127.0.0.1:5000', wsUrl: 'ws://127.0.0.1:8765', hasApiKey: false, keyStorage: 'file' } })),
    saveConnection: vi.fn(async () => ({ ok: true as const, value: { baseUrl: 'http://127.0.0.1:5000', wsUrl: 'ws://127.0.0.1:8765', hasApiKey: true, keyStorage: 'file' } })),
    testConnection: vi.fn(async () => ({ ok: false as const, error: { kind: 'unavailable' as const, message: 'OpenAlgo auth: Invalid openalgo apikey' } })),
    reconnectFeed: vi.fn((): ReturnType<EngineApi['reconnectFeed']> => ({ ok: true, value: { state: 'connecting', tsEvent: 5 } })),
    trading: fakeTrading(),
    ...fakeMarket(),
  } satisfies EngineApi;
  return { api, router: createRouter(api, silentLogger()) };
}

describe('bridge router: input validation', () => {
  it.each([
    ['a missing field', {}],
    ['a wrong type', { botId: 42 }],
    ['an unknown key', { botId: 'short-straddle', force: true }],
    ['an id with forbidden characters', { botId: '../../etc' }],
    ['not an object', 'short-straddle'],
  ])('rejects %s with invalid-input and never calls the engine', async (_what, input) => {
    const { api, router } = fakeEngine();
    const r = await router.invoke('bot:start', input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.kind).toBe('invalid-input');
    expect(api.startBot).not.toHaveBeenCalled();
  });

  it('rejects a malformed connection profile before it is saved, without echoing the key', async () => {
    const { api, router } = fakeEngine();
    const r = await router.invoke('connection:save', { baseUrl: 'javascript:alert(1)', apiKey: 'abc def secret' });
    expect(!r.ok && r.error.kind).toBe('invalid-input');
    expect(JSON.stringify(r)).not.toContain('secret');
    expect(api.saveConnection).not.toHaveBeenCalled();
  });

  it('passes an OpenAlgo failure of the connection test through as unavailable', async () => {
    const { router } = fakeEngine();
    const r = await router.invoke('connection:test', {});
    expect(r).toEqual({ ok: false, error: { kind: 'unavailable', message: 'OpenAlgo auth: Invalid openalgo apikey' } });
  });

  it('names the offending field', async () => {
    const { router } = fakeEngine();
    const r = await router.invoke('bot:start', { botId: 7 });
    expect(!r.ok && r.error.path).toBe('botId');
  });

  it('rejects an unknown channel, including prototype keys', async () => {
    const { router } = fakeEngine();
    for (const ch of ['bot:explode', '__proto__', 'constructor', 42]) {
      const r = await router.invoke(ch, {});
      expect(!r.ok && r.error.kind).toBe('unknown-channel');
    }
  });

  it('passes the engine error kind through: a bot not in this build', async () => {
    const { router } = fakeEngine();
    const r = await router.invoke('bot:start', { botId: 'short-straddle' });
    expect(r).toEqual({ ok: false, error: { kind: 'not-available', message: 'not yet' } });
    const missing = await router.invoke('bot:start', { botId: 'nope' });
    expect(!missing.ok && missing.error.kind).toBe('not-found');
  });

  it('turns a throwing handler into an internal error, not a crash', async () => {
    const { api, router } = fakeEngine();
    api.status.mockImplementation(() => {
      throw new Error('boom');
    });
    const r = await router.invoke('app:status', {});
    expect(!r.ok && r.error.kind).toBe('internal');
  });

  it('answers with DTOs that satisfy the contract', async () => {
    const { router } = fakeEngine();
    const r = await router.invoke('app:status', {});
    expect(r.ok && sessionDto.parse(r.value)).toBeTruthy();
    const s = await router.invoke('bot:stop', { botId: 'short-straddle' });
    expect(s.ok && botDto.parse(s.value)).toBeTruthy();
  });
});

describe('bridge router: feed reconnect', () => {
  it('asks the engine to reconnect and answers with the feed state', async () => {
    const { api, router } = fakeEngine();
    const r = await router.invoke('connection:reconnect', {});
    expect(api.reconnectFeed).toHaveBeenCalledOnce();
    expect(r.ok && feedDto.parse(r.value)).toEqual({ name: 'simulator', state: 'connecting', since: 5 });
  });

  it('passes a feed that cannot reconnect through as not-available', async () => {
    const { api, router } = fakeEngine();
    api.reconnectFeed.mockReturnValueOnce({ ok: false, error: { kind: 'not-available', message: 'the simulator feed does not reconnect' } });
    const r = await router.invoke('connection:reconnect', {});
    expect(!r.ok && r.error.kind).toBe('not-available');
  });

  it('carries the time the feed entered its state in the session DTO', async () => {
    const { router } = fakeEngine();
    const r = await router.invoke('app:status', {});
    expect(r.ok && sessionDto.parse(r.value).feed).toEqual({ name: 'simulator', state: 'connected', since: 1 });
  });
});

describe('bridge router: coverage of the contract', () => {
  it('has a handler for every command in the contract', async () => {
    const { router } = fakeEngine();
    for (const channel of COMMAND_NAMES) {
      const r = await router.invoke(channel, {});
      expect(!r.ok && r.error.kind, channel).not.toBe('unknown-channel');
    }
  });

  it('opens every stream in the contract with a snapshot', () => {
    const { router } = fakeEngine();
    const params: Record<string, unknown> = {
      bars: { instrumentId: NIFTY, timeframe: '1m' },
      studies: { instrumentId: NIFTY, timeframe: '1m', studies: ['ema20'] },
      chain: { underlying: 'NIFTY' },
    };
    for (const stream of STREAM_NAMES) {
      const snapshot = vi.fn();
      const r = router.subscribe(stream, params[stream] ?? {}, { snapshot, delta: vi.fn() });
      expect(r.ok, stream).toBe(true);
      expect(snapshot, stream).toHaveBeenCalledTimes(1);
    }
  });
});

describe('bridge router: streams', () => {
  it('sends a snapshot, then matching deltas, and stops after unsubscribe', () => {
    const { api, router } = fakeEngine();
    const snapshots: unknown[] = [];
    const deltas: unknown[] = [];
    const r = router.subscribe('bars', { instrumentId: NIFTY, timeframe: '1m' }, { snapshot: (d) => snapshots.push(d), delta: (d) => deltas.push(d) });
    if (!r.ok) throw new Error(r.error.message);
    expect(snapshots).toEqual([[barDto.parse({ time: 60_000, open: 1, high: 2, low: 0.5, close: 1.5, volume: 0, closed: true })]]);
    api.events.publish('bar', { ...bar, tsStart: 120_000 });
    api.events.publish('bar', { ...bar, instrumentId: instrumentId('NSE_INDEX', 'BANKNIFTY') });
    api.events.publish('bar', { ...bar, timeframe: '5m' });
    expect(deltas).toHaveLength(1);
    api.events.publish('tick', { instrumentId: NIFTY, tsEvent: 130_000, ltp: 1.6 });
    api.events.publish('tick', { instrumentId: instrumentId('NSE_INDEX', 'BANKNIFTY'), tsEvent: 130_000, ltp: 1.6 });
    expect(deltas).toEqual([expect.objectContaining({ time: 120_000, closed: true }), expect.objectContaining({ time: 120_000, closed: false })]);
    r.value();
    api.events.publish('bar', bar);
    api.events.publish('tick', { instrumentId: NIFTY, tsEvent: 140_000, ltp: 1.7 });
    expect(deltas).toHaveLength(2);
  });

  it('rejects bad stream params and unknown streams', () => {
    const { router } = fakeEngine();
    const sink = { snapshot: vi.fn(), delta: vi.fn() };
    const bad = router.subscribe('bars', { instrumentId: 'nifty', timeframe: '2m' }, sink);
    expect(!bad.ok && bad.error.kind).toBe('invalid-input');
    const unknown = router.subscribe('order-book', {}, sink);
    expect(!unknown.ok && unknown.error.kind).toBe('unknown-channel');
    expect(sink.snapshot).not.toHaveBeenCalled();
  });

  it('reports an instrument the engine does not follow', () => {
    const { router } = fakeEngine();
    const r = router.subscribe('bars', { instrumentId: 'NSE:RELIANCE', timeframe: '1m' }, { snapshot: vi.fn(), delta: vi.fn() });
    expect(!r.ok && r.error.kind).toBe('not-found');
  });
});

describe('bridge router: trading commands and streams', () => {
  it('passes the kill source on, and defaults to the bridge', async () => {
    const { api, router } = fakeEngine();
    const r = await router.invoke('risk:kill', { source: 'shortcut' });
    expect(r.ok && killReportDto.parse(r.value).source).toBe('shortcut');
    await router.invoke('risk:kill', {});
    expect(api.trading.kill.mock.calls.map((c) => c[0])).toEqual(['shortcut', 'bridge']);
  });

  it.each([
    ['risk:kill', { source: 'api' }],
    ['risk:resume', {}],
    ['risk:resume', { reason: 'x'.repeat(501) }],
    ['trading:arm', { broker: 'zerodha', host: '127.0.0.1:5000' }],
    ['trading:arm', { broker: 'zerodha', host: '127.0.0.1:5000', rememberToday: 'yes' }],
    ['order:resolve-unknown', { clientOrderId: 'ord-1', answer: { kind: 'placed' } }],
    ['order:resolve-unknown', { clientOrderId: 'ord 1; drop', answer: { kind: 'not-placed' } }],
    ['finding:clear', { findingId: 'f-1', resolution: '' }],
  ])('%s rejects %j before the engine hears of it', async (channel, input) => {
    const { api, router } = fakeEngine();
    const r = await router.invoke(channel, input);
    expect(!r.ok && r.error.kind).toBe('invalid-input');
    for (const fn of Object.values(api.trading)) expect(fn).not.toHaveBeenCalled();
  });

  it('answers arming and trader answers with contract DTOs, and passes refusals through', async () => {
    const { api, router } = fakeEngine();
    const armed = await router.invoke('trading:arm', { broker: 'zerodha', host: '127.0.0.1:5000', rememberToday: true });
    expect(armed.ok && tradingStatusDto.parse(armed.value)).toMatchObject({ armed: true, liveOrders: true });
    expect(api.trading.arm).toHaveBeenCalledWith({ broker: 'zerodha', host: '127.0.0.1:5000', rememberToday: true, source: 'bridge' });
    const resolved = await router.invoke('order:resolve-unknown', { clientOrderId: 'ord-1', answer: { kind: 'placed', brokerOrderId: '2511250001' } });
    expect(resolved.ok && orderDto.parse(resolved.value).clientOrderId).toBe('ord-1');
    expect(api.trading.resolveUnknownOutcome).toHaveBeenCalledWith('ord-1', { kind: 'placed', brokerOrderId: '2511250001' });
    const cleared = await router.invoke('finding:clear', { findingId: 'f-1', resolution: 'closed at the broker' });
    expect(cleared).toEqual({ ok: false, error: { kind: 'not-found', message: 'there is no open finding f-1' } });
  });

  it('names its door in the kill switch’s and live arming’s audit: the REST API’s router says http-api, whatever the client sends', async () => {
    const { api } = fakeEngine();
    const router = createRouter(api, silentLogger(), 'http-api');
    await router.invoke('risk:kill', {});
    await router.invoke('trading:arm', { broker: 'zerodha', host: '127.0.0.1:5000', rememberToday: false });
    await router.invoke('trading:disarm', {});
    expect(api.trading.kill.mock.calls.map((c) => c[0])).toEqual(['http-api']);
    expect(api.trading.arm).toHaveBeenCalledWith({ broker: 'zerodha', host: '127.0.0.1:5000', rememberToday: false, source: 'http-api' });
    expect(api.trading.disarm).toHaveBeenCalledWith('http-api');
    expect((await router.invoke('trading:arm', { broker: 'zerodha', host: '127.0.0.1:5000', rememberToday: false, source: 'bridge' })).ok).toBe(false);
  });

  it('streams risk with an unbounded share as null (JSON has no Infinity)', () => {
    const { api, router } = fakeEngine();
    const snapshots: unknown[] = [];
    const deltas: unknown[] = [];
    const r = router.subscribe('risk', {}, { snapshot: (d) => snapshots.push(d), delta: (d) => deltas.push(d) });
    expect(r.ok).toBe(true);
    const dto = riskDto.parse(snapshots[0]);
    expect(dto.limits.map((l) => l.pct)).toEqual([0, null]);
    api.events.publish('risk', { ...RISK, state: { state: 'halted', cause: 'kill-switch', since: 5 } });
    expect(riskDto.parse(deltas[0])).toMatchObject({ state: 'halted', cause: 'kill-switch' });
  });

  it('streams orders and fills as deltas after their snapshots', () => {
    const { api, router } = fakeEngine();
    const seen: unknown[] = [];
    const o = router.subscribe('orders', {}, { snapshot: (d) => seen.push(d), delta: (d) => seen.push(d) });
    const t = router.subscribe('trades', {}, { snapshot: (d) => seen.push(d), delta: (d) => seen.push(d) });
    if (!o.ok || !t.ok) throw new Error('subscribe');
    api.events.publish('order', ORDER);
    api.events.publish('fill', FILL);
    expect(z.array(orderDto).parse(seen[0])).toHaveLength(1);
    expect(z.array(tradeDto).parse(seen[1])[0]).toMatchObject({ tradeId: 't-1', botId: 'short-straddle' });
    expect(orderDto.parse(seen[2]).status).toBe('filled');
    expect(tradeDto.parse(seen[3]).price).toBe(120);
  });
});
