import { describe, expect, it } from 'vitest';
import type { VarRowDto } from '#contract/risk-analytics-dto';
import { horizonTitle, sparkPoints, varLines, varSeries } from './var-view.ts';

const row = (method: VarRowDto['method'], horizon: string, confidence: number, v: number, ts = 1000): VarRowDto => ({ ts, method, horizon, confidence, var: v, es: v * 1.2, varLow: v * 0.9, varHigh: v * 1.1, scenarios: 250, legs: 2, worst: 'x' });

describe('the VaR table and its history', () => {
  it('groups the figures into lines: historical before Monte Carlo, the one-day horizon first', () => {
    const lines = varLines([row('monte-carlo', '75m', 0.95, 1), row('historical', '75m', 0.99, 2), row('monte-carlo', '1d', 0.99, 3), row('historical', '1d', 0.95, 4), row('historical', '1d', 0.99, 5)]);
    expect(lines.map((l) => `${l.method} ${l.horizon}`)).toEqual(['historical 1d', 'historical 75m', 'monte-carlo 1d', 'monte-carlo 75m']);
    expect(lines[0]!.at.get(0.99)?.var).toBe(5);
    expect(lines[0]!.at.get(0.95)?.var).toBe(4);
    expect(horizonTitle('75m')).toBe('75 min');
    expect(horizonTitle('1d')).toBe('1 day');
  });

  it('draws one method’s one-day series on shared scales, oldest left, zero at the bottom', () => {
    const history = [row('historical', '1d', 0.99, 200, 3000), row('historical', '1d', 0.99, 100, 1000), row('historical', '75m', 0.99, 999, 2000), row('monte-carlo', '1d', 0.99, 50, 2000)];
    const s = varSeries(history, 'historical', 0.99);
    expect(s).toEqual([{ ts: 1000, value: 100 }, { ts: 3000, value: 200 }]);
    expect(sparkPoints(s, { t0: 1000, t1: 3000, max: 200 }, 100, 50)).toBe('0.0,25.0 100.0,0.0');
  });
});
