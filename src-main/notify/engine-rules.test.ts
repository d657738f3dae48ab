import { describe, expect, it } from 'vitest';
import { Bus } from '#core/bus';
import { istToEpoch } from '#core/time-ist';
import type { EngineEvents, EngineStatus } from '#engine/engine-api';
import type { PositionsView } from '#engine/trading/positions-view';
import type { StateValue } from '#risk/trading-state';
import type { Notification } from './notification.ts';
import { watchEngine } from './engine-rules.ts';

function fakeSource() {
  const events = new Bus<EngineEvents>();
  let state: StateValue = { state: 'active', cause: null, since: 0 };
  const book: PositionsView = { ts: 0, positions: [], structures: [], realizedPnl: 1500, charges: 120.5, unrealizedPnl: -300 };
  const sent: Notification[] = [];
  const stop = watchEngine({ events, tradingState: () => state, positions: () => book, ownerOf: () => undefined, now: () => MORNING }, (n) => sent.push(n));
  const beat = (now: number) => events.publish('heartbeat', { now } as EngineStatus);
  return { events, sent, stop, beat, setState: (s: StateValue) => (state = s) };
}

const MORNING = istToEpoch(2026, 11, 25, 10, 0);

describe('notification rules', () => {
  it('tells of a halt, naming its cause, and of trading resuming, once each', () => {
    const f = fakeSource();
    f.beat(MORNING);
    f.setState({ state: 'halted', cause: 'daily-loss', since: MORNING });
    f.beat(MORNING + 1000);
    f.beat(MORNING + 2000);
    f.setState({ state: 'active', cause: null, since: MORNING + 3000 });
    f.beat(MORNING + 3000);
    expect(f.sent.map((n) => [n.kind, n.title, n.body, n.urgent])).toEqual([
      ['risk', 'Trading halted', "by the day's loss limit", true],
      ['risk', 'Trading active again', 'was halted', false],
    ]);
  });

  it('tells of feed problems once per change, and of the recovery', () => {
    const f = fakeSource();
    f.events.publish('feed-status', { state: 'connected', tsEvent: 1 });
    f.events.publish('feed-status', { state: 'expired', message: 'OpenAlgo session expired: log in to your broker in OpenAlgo', tsEvent: 2 });
    f.events.publish('feed-status', { state: 'expired', message: 'again', tsEvent: 3 });
    f.events.publish('feed-status', { state: 'connecting', tsEvent: 4 });
    f.events.publish('feed-status', { state: 'stale', tsEvent: 5 });
    f.events.publish('feed-status', { state: 'connected', tsEvent: 6 });
    expect(f.sent.map((n) => n.title)).toEqual(['OpenAlgo session expired', 'Market data feed stale', 'Market data feed connected again']);
    expect(f.sent[0]!.body).toBe('OpenAlgo session expired: log in to your broker in OpenAlgo');
  });

  it('tells of a write the database refused, with where, what it cost and how many since the last report', () => {
    const f = fakeSource();
    const fault = { code: 'SQLITE_BUSY', message: "database is locked (another program held the database's write lock for more than 5 s)" };
    f.events.publish('store-fault', { where: 'a tick', consequence: 'the risk state is written with a later tick', fault, count: 1, ts: MORNING });
    f.events.publish('store-fault', { where: "the bots' closed-bar instant", consequence: "the bots did not evaluate this instant's bars (they evaluate the next)", fault, count: 40, ts: MORNING + 60_000 });
    expect(f.sent.map((n) => [n.kind, n.title, n.urgent, n.tsEvent])).toEqual([
      ['risk', 'The database refused a write', true, MORNING],
      ['risk', 'The database refused a write', true, MORNING + 60_000],
    ]);
    expect(f.sent[0]!.body).toBe(
      "on a tick: database is locked (another program held the database's write lock for more than 5 s); the risk state is written with a later tick. No order is sent before it is written, so none goes out while this lasts: close the program holding terminal.sqlite or free disk space.",
    );
    expect(f.sent[1]!.body).toContain("the bots did not evaluate this instant's bars (they evaluate the next) (40 refused writes since the last report).");
  });

  it('sends one summary when the session ends, also when the clock jumps straight to the next open', () => {
    const f = fakeSource();
    f.beat(MORNING);
    f.beat(istToEpoch(2026, 11, 25, 15, 29));
    expect(f.sent).toEqual([]);
    // The simulation jumps from 15:30 to the next session's open.
    f.beat(istToEpoch(2026, 11, 26, 9, 15));
    f.beat(istToEpoch(2026, 11, 26, 9, 16));
    expect(f.sent).toHaveLength(1);
    expect(f.sent[0]).toMatchObject({ kind: 'summary', title: 'Session 2026-11-25 closed' });
    expect(f.sent[0]!.body).toContain('realised ₹1,500.00, charges ₹120.50');
    expect(f.sent[0]!.body).toContain('unrealised -₹300.00');
    // …and the live clock that passes the evening: one more, for the 26th.
    f.beat(istToEpoch(2026, 11, 26, 16, 0));
    f.beat(istToEpoch(2026, 11, 26, 17, 0));
    expect(f.sent.map((n) => n.title)).toEqual(['Session 2026-11-25 closed', 'Session 2026-11-26 closed']);
  });

  it('tells of a refusal once, and not of one from before it started (a resumed book published again)', () => {
    const f = fakeSource();
    const order = { clientOrderId: 'c1', instrumentId: 'NFO:NIFTY01DEC2625900CE', side: 'SELL', quantity: 65, botId: 'short-straddle', status: 'rejected', reason: 'RMS: margin exceeds', tsLast: MORNING + 5 };
    f.events.publish('order', { order, reduceOnly: false } as unknown as EngineEvents['order']);
    f.events.publish('order', { order: { ...order, clientOrderId: 'c0', tsLast: MORNING - 60_000 }, reduceOnly: false } as unknown as EngineEvents['order']);
    f.events.publish('order', { order: { ...order, status: 'accepted' }, reduceOnly: false } as unknown as EngineEvents['order']);
    expect(f.sent.map((n) => [n.kind, n.title, n.body, n.urgent])).toEqual([
      ['rejection', 'Order rejected by the broker: NIFTY01DEC2625900CE', 'SELL 65 (bot short-straddle): RMS: margin exceeds', true],
    ]);
  });

  it('listens to nothing once stopped', () => {
    const f = fakeSource();
    f.stop();
    f.events.publish('feed-status', { state: 'error', tsEvent: 1 });
    expect(f.sent).toEqual([]);
    expect(f.events.subscriberCount('heartbeat')).toBe(0);
  });
});
