import type { VarHistoryDto, VarRowDto } from '#contract/risk-analytics-dto';

export interface VarLine {
  readonly method: VarRowDto['method'];
  readonly horizon: string;
  /** Keyed by confidence: 0.95, 0.99. */
  readonly at: ReadonlyMap<number, VarRowDto>;
}

const METHOD_ORDER: readonly VarRowDto['method'][] = ['historical', 'monte-carlo'];

export const methodTitle = (m: VarRowDto['method']): string => (m === 'historical' ? 'Historical' : 'Monte Carlo');
export const horizonTitle = (h: string): string => (h === '1d' ? '1 day' : h.endsWith('m') ? `${h.slice(0, -1)} min` : h);

/** The latest figures as table lines: method, then the one-day horizon before the intraday one. */
export function varLines(rows: readonly VarRowDto[]): VarLine[] {
  const lines = new Map<string, { method: VarRowDto['method']; horizon: string; at: Map<number, VarRowDto> }>();
  for (const r of rows) {
    const key = `${r.method}|${r.horizon}`;
    const line = lines.get(key) ?? { method: r.method, horizon: r.horizon, at: new Map<number, VarRowDto>() };
    line.at.set(r.confidence, r);
    lines.set(key, line);
  }
  return [...lines.values()].sort((a, b) => METHOD_ORDER.indexOf(a.method) - METHOD_ORDER.indexOf(b.method) || (a.horizon === '1d' ? -1 : b.horizon === '1d' ? 1 : a.horizon.localeCompare(b.horizon)));
}

/** One series of the history chart: a method's one-day VaR at one confidence, oldest first. */
export function varSeries(history: VarHistoryDto['history'], method: VarRowDto['method'], confidence: number): { ts: number; value: number }[] {
  return history.filter((r) => r.method === method && r.horizon === '1d' && r.confidence === confidence).map((r) => ({ ts: r.ts, value: r.var })).sort((a, b) => a.ts - b.ts);
}

/** SVG polyline points for the series in a box of `width` × `height`, on shared time and value scales. */
export function sparkPoints(series: readonly { ts: number; value: number }[], scale: { t0: number; t1: number; max: number }, width: number, height: number): string {
  const span = Math.max(1, scale.t1 - scale.t0);
  const top = scale.max > 0 ? scale.max : 1;
  return series.map((p) => `${(((p.ts - scale.t0) / span) * width).toFixed(1)},${(height - (p.value / top) * height).toFixed(1)}`).join(' ');
}
