import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { botId, intentId } from '#model/ids';
import { TradingHarness } from '#engine/testing/trading-harness';
import { createEngineMetrics, type EngineMetrics } from './engine-metrics.ts';
import { METRIC_FAMILIES, sampleSum } from './metric-families.ts';

const PROMTOOL = process.env.PROMTOOL_PATH ?? '/usr/bin/promtool';

/** One sample's value from the text exposition, by metric name and an exact label set (`{}` for none). */
function sample(text: string, name: string, labels = ''): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name}${labels} `));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

let h: TradingHarness | undefined;
let scraped = '';
let metrics: EngineMetrics | undefined;
afterEach(async () => {
  metrics?.close();
  await h?.close();
  h = undefined;
  metrics = undefined;
});

describe('metrics scraped during a simulated session', () => {
  it('has every family, and values that move with the session', async () => {
    h = await TradingHarness.open();
    const clock = h.clock;
    metrics = createEngineMetrics({ engine: h.engine, now: () => clock.now(), ordersPerSecondLimit: h.config.risk.orderRate.maxPerSecond });
    await h.advance(2000);
    const first = await metrics.text();

    await h.submit(h.straddle());
    // Over the per-order lot limit: the order is written, then denied by risk before it is sent.
    await h.until(h.engine.trading.submit({ kind: 'place', intentId: intentId('too-big'), botId: botId('short-straddle'), instrumentId: h.option(0, 'CE'), side: 'SELL', quantity: 65 * 50, type: 'MARKET', product: 'NRML', reason: 'test' }));
    await h.advance(65_000);
    h.engine.events.publish('store-fault', { where: 'a tick', consequence: '', fault: { code: 'SQLITE_BUSY', message: 'database is locked' }, count: 3, ts: clock.now() });
    const second = await metrics.text();

    for (const family of METRIC_FAMILIES) expect(second, family).toContain(`# TYPE ${family} `);
    expect(sampleSum(second, 'terminal_ticks_total')).toBeGreaterThan(sampleSum(first, 'terminal_ticks_total'));
    expect(sample(second, 'terminal_ticks_total', '{instrument="NSE_INDEX:NIFTY"}')).toBeGreaterThan(0);
    expect(sample(second, 'terminal_tick_lag_seconds', '{instrument="NSE_INDEX:NIFTY"}')).toBeGreaterThanOrEqual(0);
    expect(sample(second, 'terminal_bar_close_delay_seconds_count', '{timeframe="1m"}')).toBeGreaterThan(0);
    expect(sample(first, 'terminal_orders_sent_total')).toBe(0);
    expect(sample(second, 'terminal_orders_sent_total')).toBe(2);
    expect(sample(second, 'terminal_order_round_trip_seconds_count')).toBe(2);
    expect(sample(second, 'terminal_fills_total')).toBe(2);
    expect(sample(second, 'terminal_store_write_refusals_total', '{where="a tick"}')).toBe(3);
    expect(sampleSum(second, 'terminal_order_rejects_total')).toBeGreaterThanOrEqual(1);
    expect(second).toMatch(/terminal_order_rejects_total\{status="denied",reason="[^"]+"\} [1-9]/);
    expect(sample(second, 'terminal_pnl_rupees', '{kind="charges"}')).toBeGreaterThan(0);
    expect(sample(second, 'terminal_pnl_rupees', '{kind="unrealised"}')).not.toBeUndefined();
    expect(sample(second, 'terminal_portfolio_greek', '{greek="vega"}')).toBeLessThan(0);
    expect(sample(second, 'terminal_order_rate_limit_per_second', '{source="sebi"}')).toBe(10);
    expect(sample(second, 'terminal_trading_state', '{state="active"}')).toBe(1);
    expect(sample(second, 'terminal_feed_state', '{feed="simulator",state="connected"}')).toBe(1);
    expect(sample(second, 'terminal_openalgo_session', '{state="not-used"}')).toBe(1);
    expect(sample(second, 'terminal_bot_state', '{bot="short-straddle",state="stopped"}')).toBe(1);
    expect(second).toMatch(/terminal_risk_limit_usage_ratio\{check="lot-limit",scope="bot:short-straddle",limit="Open lots"\} 0\.\d+/);
    scraped = second;
  }, 120_000);

  it.skipIf(!fs.existsSync(PROMTOOL))(`passes Prometheus' own parser and linter (promtool check metrics; skipped: ${PROMTOOL} missing, apt-get install prometheus)`, () => {
    expect(scraped, 'the session test above scraped').not.toBe('');
    const check = spawnSync(PROMTOOL, ['check', 'metrics'], { input: scraped, encoding: 'utf8' });
    expect(`${check.stdout}${check.stderr}`.trim()).toBe('');
    expect(check.status).toBe(0);
  });

  it('stops counting once closed', async () => {
    h = await TradingHarness.open();
    const clock = h.clock;
    metrics = createEngineMetrics({ engine: h.engine, now: () => clock.now(), ordersPerSecondLimit: 10, processMetrics: false });
    await h.advance(2000);
    metrics.close();
    const before = sampleSum(await metrics.text(), 'terminal_ticks_total');
    await h.advance(5000);
    expect(sampleSum(await metrics.text(), 'terminal_ticks_total')).toBe(before);
    expect(await metrics.text()).not.toContain('process_resident_memory_bytes');
  }, 60_000);
});

describe('orders from before the metrics started', () => {
  it('are neither counted as sent nor timed when their answer arrives', async () => {
    h = await TradingHarness.open();
    await h.submit(h.straddle());
    await h.advance(2000);
    const clock = h.clock;
    metrics = createEngineMetrics({ engine: h.engine, now: () => clock.now(), ordersPerSecondLimit: 10, processMetrics: false });
    // The resumed book is published again, as after a restart's reconciliation.
    for (const record of h.engine.trading.orders()) h.engine.events.publish('order', record);
    const text = await metrics.text();
    expect(sample(text, 'terminal_orders_sent_total')).toBe(0);
    expect(sample(text, 'terminal_order_round_trip_seconds_count')).toBe(0);
  }, 60_000);
});
