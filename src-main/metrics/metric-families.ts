/**
 * Every metric family the README's table and the Grafana dashboard promise, by name: a scrape of a
 * running terminal must hold each (checked in engine-metrics.test.ts and e2e/api-metrics.spec.ts).
 */
export const METRIC_FAMILIES = [
  'terminal_ticks_total',
  'terminal_tick_lag_seconds',
  'terminal_bar_close_delay_seconds',
  'terminal_order_round_trip_seconds',
  'terminal_orders_sent_total',
  'terminal_order_rejects_total',
  'terminal_fills_total',
  'terminal_store_write_refusals_total',
  'terminal_orders_last_second',
  'terminal_order_rate_limit_per_second',
  'terminal_pnl_rupees',
  'terminal_portfolio_greek',
  'terminal_risk_limit_usage_ratio',
  'terminal_trading_state',
  'terminal_live_armed',
  'terminal_bot_state',
  'terminal_feed_state',
  'terminal_openalgo_session',
  'nodejs_eventloop_lag_seconds',
  'process_resident_memory_bytes',
  'nodejs_heap_size_used_bytes',
] as const;

/** The sum of a family's samples in a text exposition (every label set; a histogram's own name only). */
export function sampleSum(text: string, name: string): number {
  return text
    .split('\n')
    .filter((l) => l.startsWith(`${name}{`) || l.startsWith(`${name} `))
    .reduce((acc, l) => acc + Number(l.slice(l.lastIndexOf(' ') + 1)), 0);
}
