import { describe, expect, it } from 'vitest';
import { seriesPlan } from './study-plan.ts';

describe('which series the chart draws for the studies switched on', () => {
  it('overlays the price studies and gives oscillators panes, in a fixed order', () => {
    const plan = seriesPlan(['macd', 'ema20', 'supertrend', 'price-action']);
    expect(plan.map((p) => p.key)).toEqual(['ema20', 'st.value', 'macd.macd', 'macd.signal', 'macd.histogram']);
    expect(plan.filter((p) => p.pane).map((p) => p.study)).toEqual(['macd', 'macd', 'macd']);
    expect(plan.find((p) => p.key === 'macd.histogram')!.kind).toBe('histogram');
  });
});
