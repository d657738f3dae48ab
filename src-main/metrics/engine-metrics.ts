import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Unsubscribe } from '#core/bus';
import { barEndOf } from '#calendar/bar-end';
import type { Timeframe } from '#model/bar';
import type { ClientOrderId } from '#model/ids';
import type { OrderStatus } from '#model/order';
import type { EngineApi } from '#engine/engine-api';
import { ReasonLabels } from './reject-reason.ts';
import { registerScrapeGauges } from './scrape-gauges.ts';
import { TickStats } from './tick-stats.ts';

export interface EngineMetricsOptions {
  readonly engine: EngineApi;
  /** The engine's clock: lags and delays are measured on the time the engine lives in. */
  readonly now: () => number;
  /** `risk.orderRate.maxPerSecond` from the config. */
  readonly ordersPerSecondLimit: number;
  /** Node's own process metrics (memory, CPU, event-loop lag, GC); on unless a test turns them off. */
  readonly processMetrics?: boolean;
}

export interface EngineMetrics {
  readonly registry: Registry;
  /** The exposition format's content type, for the HTTP answer. */
  readonly contentType: string;
  /** The text exposition of every metric, as Prometheus scrapes it. */
  text(): Promise<string>;
  /** Stops listening to the engine. */
  close(): void;
}

const LINT_FAILING_DEFAULTS = ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total'];

/** Statuses that are still waiting for the broker's first answer to a sent order. */
const AWAITING_ANSWER: ReadonlySet<OrderStatus> = new Set<OrderStatus>(['initialized', 'submitted']);
const REJECTED: ReadonlySet<OrderStatus> = new Set<OrderStatus>(['denied', 'rejected']);

/**
 * The engine's Prometheus metrics in a registry of their own (never prom-client's global one, which any
 * library in the process could write to). Event handlers only bump numbers; everything that needs the
 * book (P&L, Greeks, limits, states) is read when Prometheus scrapes.
 */
export function createEngineMetrics(options: EngineMetricsOptions): EngineMetrics {
  const { engine, now } = options;
  const registry = new Registry();
  const registers = [registry];
  if (options.processMetrics !== false) {
    collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 10 });
    // Gauges named like counters, which Prometheus' linter (promtool check metrics) refuses; nothing here needs them.
    for (const name of LINT_FAILING_DEFAULTS) registry.removeSingleMetric(name);
  }

  const ticks = new TickStats();
  new Counter({
    name: 'terminal_ticks_total',
    help: 'Market data ticks received, per instrument (rate() gives ticks per second)',
    labelNames: ['instrument'],
    registers,
    collect() {
      for (const [id, e] of ticks.entries()) {
        if (e.count > e.reported) this.inc({ instrument: id }, e.count - e.reported);
        e.reported = e.count;
      }
    },
  });
  new Gauge({
    name: 'terminal_tick_lag_seconds',
    help: 'Engine clock minus the exchange timestamp of the latest tick, per instrument',
    labelNames: ['instrument'],
    registers,
    collect() {
      for (const [id, e] of ticks.entries()) this.set({ instrument: id }, e.lagMs / 1000);
    },
  });
  const barDelay = new Histogram({
    name: 'terminal_bar_close_delay_seconds',
    help: 'How long after its end a bar was closed (the first tick past it, or the clock), per timeframe',
    labelNames: ['timeframe'],
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60],
    registers,
  });
  const barDelayBy = new Map<Timeframe, Histogram.Internal<'timeframe'>>();
  const roundTrip = new Histogram({
    name: 'terminal_order_round_trip_seconds',
    help: 'From sending an order to the broker’s first answer (accepted, rejected, filled, cancelled)',
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers,
  });
  const sent = new Counter({ name: 'terminal_orders_sent_total', help: 'Orders sent to the broker (rate() gives orders per second)', registers });
  const rejects = new Counter({
    name: 'terminal_order_rejects_total',
    help: 'Orders refused: denied by the terminal (risk, not sent) or rejected by the broker, by reason',
    labelNames: ['status', 'reason'],
    registers,
  });
  const fills = new Counter({ name: 'terminal_fills_total', help: 'Fills received', registers });
  const refusals = new Counter({
    name: 'terminal_store_write_refusals_total',
    help: 'Writes the database refused on a path that goes on (locked by another program, disk full), by path; counted as reported, at most a minute late',
    labelNames: ['where'],
    registers,
  });
  registerScrapeGauges(registry, engine, options.ordersPerSecondLimit);

  const startedAt = now();
  const reasons = new ReasonLabels();
  const awaiting = new Set<ClientOrderId>();
  const seen = new Set<ClientOrderId>();
  const subscriptions: Unsubscribe[] = [
    engine.events.subscribe('tick', (t) => ticks.record(t.instrumentId, t.tsEvent, now())),
    engine.events.subscribe('bar', (bar) => {
      let child = barDelayBy.get(bar.timeframe);
      if (child === undefined) {
        child = barDelay.labels({ timeframe: bar.timeframe });
        barDelayBy.set(bar.timeframe, child);
      }
      child.observe(Math.max(0, now() - barEndOf(bar.instrumentId, bar.timeframe, bar.tsStart)) / 1000);
    }),
    engine.events.subscribe('fill', () => fills.inc()),
    engine.events.subscribe('store-fault', (r) => refusals.inc({ where: r.where }, r.count)),
    engine.events.subscribe('order', (record) => {
      const { order, sentAt } = record;
      const id = order.clientOrderId;
      // An order sent before these metrics existed (a restart's resumed book) is neither counted nor timed.
      if (sentAt !== undefined && !seen.has(id) && sentAt >= startedAt) {
        seen.add(id);
        sent.inc();
        if (AWAITING_ANSWER.has(order.status)) awaiting.add(id);
        else roundTrip.observe(Math.max(0, now() - sentAt) / 1000);
      } else if (awaiting.has(id) && !AWAITING_ANSWER.has(order.status)) {
        awaiting.delete(id);
        // An unknown outcome is no answer: reconciliation settles it later, off the round trip.
        if (order.status !== 'unknown' && sentAt !== undefined) roundTrip.observe(Math.max(0, now() - sentAt) / 1000);
      }
      if (REJECTED.has(order.status)) {
        if (order.tsLast >= startedAt) rejects.inc({ status: order.status, reason: reasons.label(order.reason) });
        seen.delete(id);
        awaiting.delete(id);
      } else if (order.status === 'filled' || order.status === 'cancelled' || order.status === 'expired') {
        seen.delete(id);
        awaiting.delete(id);
      }
    }),
  ];
  return {
    registry,
    contentType: registry.contentType,
    text: () => registry.metrics(),
    close() {
      for (const off of subscriptions.splice(0)) off();
    },
  };
}
