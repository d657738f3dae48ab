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
});
