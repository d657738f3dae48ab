/** PromQL words that are not metric names: functions, aggregations, keywords. */
const PROMQL_WORDS = new Set([
  'sum', 'min', 'max', 'avg', 'count', 'stddev', 'stdvar', 'topk', 'bottomk', 'quantile', 'count_values', 'group',
  'by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'bool', 'and', 'or', 'unless', 'offset',
  'rate', 'irate', 'increase', 'delta', 'idelta', 'deriv', 'histogram_quantile', 'abs', 'clamp_min', 'clamp_max',
  'avg_over_time', 'max_over_time', 'min_over_time', 'sum_over_time', 'last_over_time', 'label_values', 'vector', 'scalar', 'time', 'absent',
]);

/**
 * The metric names a PromQL expression reads: label matchers, grouping lists, strings, ranges and numbers
 * removed, what is left minus PromQL's own words. A histogram's `_bucket`/`_sum`/`_count` series name
 * their family.
 */
export function metricNamesIn(expr: string): Set<string> {
  const stripped = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    // Grafana's variable query: its second argument is a label, not a metric.
    .replace(/label_values\(\s*([^,)]+?)\s*,[^)]*\)/g, '$1')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ');
  const names = new Set<string>();
  for (const m of stripped.matchAll(/[A-Za-z_:][A-Za-z0-9_:]*/g)) {
    const word = m[0];
    if (PROMQL_WORDS.has(word)) continue;
    names.add(word.replace(/_(?:bucket|sum|count)$/, ''));
  }
  return names;
}
