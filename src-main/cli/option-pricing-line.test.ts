import { describe, expect, it } from 'vitest';
import type { BacktestResult, OptionPricingDay } from '#backtest/types';
import { optionPricingLine } from './backtest-output.ts';

const day = (d: string, source: OptionPricingDay['source']): OptionPricingDay => ({ day: d, source, imported: [], modelled: [] });

describe('the line saying what priced the options', () => {
  it('counts the sessions by source, and says nothing for a result kept before sources were recorded', () => {
    const days = [day('2026-11-25', 'imported'), day('2026-11-26', 'model'), day('2026-11-27', 'imported'), day('2026-11-30', 'mixed'), day('2026-12-01', 'none')];
    expect(optionPricingLine({ optionPricing: days } as BacktestResult)).toBe('options priced, by session: 2 from imported bhavcopies, 1 mixed, 1 from the model surface, 1 with no chain priced');
    expect(optionPricingLine({} as BacktestResult)).toBeUndefined();
  });

  it('counts the sessions where intraday option bars priced legs', () => {
    const chain = (live: number) => ({ chain: 'NIFTY 2026-12-01', contracts: 82, timeframes: ['1m'], reprices: 100, live, fallbacks: [] });
    const days = [{ ...day('2026-11-25', 'imported'), intraday: [chain(99)] }, { ...day('2026-11-26', 'model'), intraday: [chain(0)] }, day('2026-11-27', 'model')];
    expect(optionPricingLine({ optionPricing: days } as BacktestResult)).toBe('options priced, by session: 1 from imported bhavcopies, 0 mixed, 2 from the model surface, 1 with legs from intraday option bars');
  });
});
