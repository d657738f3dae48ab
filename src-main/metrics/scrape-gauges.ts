import { Gauge, type Registry } from 'prom-client';
import { BOT_TRANSITIONS, type BotState } from '#bots/bot-fsm';
import { FeedState } from '#market/feed';
import { STATE_TABLE } from '#risk/trading-state';
import type { EngineApi } from '#engine/engine-api';

const BOT_STATES = Object.keys(BOT_TRANSITIONS) as BotState[];
const FEED_STATES = Object.values(FeedState);
const TRADING_STATES = Object.keys(STATE_TABLE);
const GREEKS = [
  ['delta', 'deltaLots'],
  ['gamma', 'gammaLots'],
  ['vega', 'vega'],
  ['theta', 'theta'],
] as const;
/** SEBI treats more than ten orders a second from one client as a registered algo. */
export const SEBI_ORDERS_PER_SECOND = 10;

/**
 * The OpenAlgo broker session as the feed reveals it: OpenAlgo keeps accepting its key after the 03:00 IST
 * logout, so *expired* on its feed is the only signal; `not-used` when another feed (the simulator) runs.
 */
export function openAlgoSession(feedName: string, state: FeedState): 'active' | 'expired' | 'down' | 'not-used' {
  if (feedName !== 'openalgo') return 'not-used';
  if (state === 'expired') return 'expired';
  return state === 'connected' || state === 'stale' ? 'active' : 'down';
}

/**
 * The value computed by the first gauge that asks during a scrape and shared with the others: the
 * registry runs every collect in one synchronous pass, so the cache is dropped on the next turn.
 */
export function oncePerScrape<T>(compute: () => T): () => T {
  let cached: { value: T } | undefined;
  return () => {
    if (cached === undefined) {
      cached = { value: compute() };
      setImmediate(() => (cached = undefined));
    }
    return cached.value;
  };
}

const SESSION_STATES = ['active', 'expired', 'down', 'not-used'] as const;

/**
 * Gauges read from the engine when Prometheus scrapes, never on the hot path: P&L, Greeks, limit usage,
 * bot, feed, session and trading states. One state per series set to 1, the others 0 (Prometheus' enum idiom).
 */
export function registerScrapeGauges(registry: Registry, engine: EngineApi, configuredOrdersPerSecond: number): void {
  const registers = [registry];
  const positions = oncePerScrape(() => engine.trading.positions());
  const risk = oncePerScrape(() => engine.trading.risk());
  new Gauge({
    name: 'terminal_pnl_rupees',
    help: 'Book P&L in rupees: realised (before charges), unrealised (marked to market) and charges',
    labelNames: ['kind'],
    registers,
    collect() {
      const p = positions();
      this.set({ kind: 'realised' }, p.realizedPnl);
      this.set({ kind: 'charges' }, p.charges);
      // Without a mark for every leg there is no honest total: the series is left out, not zeroed.
      if (p.unrealizedPnl === undefined) this.remove({ kind: 'unrealised' });
      else this.set({ kind: 'unrealised' }, p.unrealizedPnl);
    },
  });
  new Gauge({
    name: 'terminal_portfolio_greek',
    help: 'Portfolio Greeks: delta and gamma in lots (gamma per 1 % move), vega in rupees per IV point, theta in rupees per day',
    labelNames: ['greek'],
    registers,
    collect() {
      const g = positions().greeks;
      for (const [label, field] of GREEKS) {
        if (g === undefined) this.remove({ greek: label });
        else this.set({ greek: label }, g[field]);
      }
    },
  });
  new Gauge({
    name: 'terminal_risk_limit_usage_ratio',
    help: 'Each risk limit: |used| / limit (1 = at the limit; +Inf when the limit is 0 and something is used)',
    labelNames: ['check', 'scope', 'limit'],
    registers,
    collect() {
      this.reset();
      for (const l of risk().limits) this.set({ check: l.check, scope: l.scope, limit: l.label }, l.pct / 100);
    },
  });
  new Gauge({
    name: 'terminal_orders_last_second',
    help: 'Orders sent in the last second of the engine clock (what the order-rate limit counts)',
    registers,
    collect() {
      const row = risk().limits.find((l) => l.check === 'order-rate');
      this.set(row?.used ?? 0);
    },
  });
  const limit = new Gauge({ name: 'terminal_order_rate_limit_per_second', help: 'Orders per second allowed: the configured limit and the SEBI threshold', labelNames: ['source'], registers });
  limit.set({ source: 'configured' }, configuredOrdersPerSecond);
  limit.set({ source: 'sebi' }, SEBI_ORDERS_PER_SECOND);
  new Gauge({
    name: 'terminal_trading_state',
    help: 'The trading state above every bot (active, reducing, halted): 1 for the current one',
    labelNames: ['state'],
    registers,
    collect() {
      const now = risk().state.state;
      for (const s of TRADING_STATES) this.set({ state: s }, s === now ? 1 : 0);
    },
  });
  new Gauge({
    name: 'terminal_live_armed',
    help: '1 while live trading is armed',
    registers,
    collect() {
      this.set(engine.trading.status().armed ? 1 : 0);
    },
  });
  new Gauge({
    name: 'terminal_bot_state',
    help: 'Each bot’s lifecycle state: 1 for the current one',
    labelNames: ['bot', 'state'],
    registers,
    collect() {
      for (const b of engine.bots()) for (const s of BOT_STATES) this.set({ bot: b.id, state: s }, s === b.state ? 1 : 0);
    },
  });
  new Gauge({
    name: 'terminal_feed_state',
    help: 'The market data feed’s state: 1 for the current one',
    labelNames: ['feed', 'state'],
    registers,
    collect() {
      const s = engine.status();
      this.reset();
      for (const state of FEED_STATES) this.set({ feed: s.feedName, state }, state === s.feed.state ? 1 : 0);
    },
  });
  new Gauge({
    name: 'terminal_openalgo_session',
    help: 'The OpenAlgo broker session (active, expired, down, not-used): 1 for the current one',
    labelNames: ['state'],
    registers,
    collect() {
      const s = engine.status();
      const now = openAlgoSession(s.feedName, s.feed.state);
      for (const state of SESSION_STATES) this.set({ state }, state === now ? 1 : 0);
    },
  });
}
