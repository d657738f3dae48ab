import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEngineMetrics } from './engine-metrics.ts';
import type { EngineApi } from '#engine/engine-api';
import { metricNamesIn } from './promql-names.ts';

const DASHBOARD = path.resolve(import.meta.dirname, '..', '..', 'resources', 'grafana', 'trading-terminal.json');

interface Panel {
  readonly title: string;
  readonly targets?: readonly { readonly expr: string }[];
}

const noEvents = { subscribe: () => () => undefined };

function registryNames(): Set<string> {
  const m = createEngineMetrics({ engine: { events: noEvents } as unknown as EngineApi, now: () => 0, ordersPerSecondLimit: 10 });
  m.close();
  return new Set(m.registry.getMetricsAsArray().map((x) => x.name));
}

describe('the Grafana dashboard', () => {
  const dashboard = JSON.parse(fs.readFileSync(DASHBOARD, 'utf8')) as { panels: Panel[]; templating: { list: { definition: string }[] } };
  const exprs = [...dashboard.panels.flatMap((p) => (p.targets ?? []).map((t) => ({ where: p.title, expr: t.expr }))), ...dashboard.templating.list.map((v) => ({ where: 'variables', expr: v.definition }))];

  it('reads only metrics the terminal exports', () => {
    const known = registryNames();
    expect(exprs.length).toBeGreaterThan(10);
    for (const { where, expr } of exprs) {
      const names = metricNamesIn(expr);
      expect(names.size, `${where}: ${expr}`).toBeGreaterThan(0);
      for (const name of names) expect(known.has(name), `${where}: ${name} is not exported`).toBe(true);
    }
  });

  it('shows every terminal metric somewhere', () => {
    const shown = new Set(exprs.flatMap(({ expr }) => [...metricNamesIn(expr)]));
    const terminal = [...registryNames()].filter((n) => n.startsWith('terminal_'));
    expect(terminal.filter((n) => !shown.has(n))).toEqual([]);
  });
});

describe('metric names in PromQL', () => {
  it('finds the series behind functions, matchers and histogram suffixes', () => {
    expect(metricNamesIn('histogram_quantile(0.95, sum by (le, timeframe) (rate(terminal_bar_close_delay_seconds_bucket{job="$job"}[5m])))')).toEqual(new Set(['terminal_bar_close_delay_seconds']));
    expect(metricNamesIn('sum(a_total{kind=~"x|y"}) - sum(b{kind="charges"}) == 1')).toEqual(new Set(['a_total', 'b']));
    expect(metricNamesIn('label_values(terminal_ticks_total, job)')).toEqual(new Set(['terminal_ticks_total']));
  });
});
