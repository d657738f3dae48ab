import { describe, expect, it } from 'vitest';
import type { SignalDto } from '#contract/bot-dto';
import { DECISION_LABEL, formatInput, inputLabel, signalHeadline, splitInputs } from './explain.ts';

describe('a signal’s explanation', () => {
  it('separates the limits a rule compared against from the values it read', () => {
    const { thresholds, values } = splitInputs({ spot: 24_512.35, ivPercentile: 81, ivPercentileMin: 72, minCombinedScore: 0.65, maxSpreadPct: 2, ivSource: 'vix' });
    expect(thresholds.map(([k]) => k)).toEqual(['ivPercentileMin', 'minCombinedScore', 'maxSpreadPct']);
    expect(values.map(([k]) => k)).toEqual(['spot', 'ivPercentile', 'ivSource']);
  });

  it('reads names and values as a trader would', () => {
    expect(inputLabel('ivPercentileMin')).toBe('iv percentile min');
    expect(inputLabel('atmIV')).toBe('atm iv');
    expect(formatInput(2_451_235)).toBe('24,51,235');
    expect(formatInput(24_512.345)).toBe('24,512.35');
    expect(formatInput(0.01234)).toBe('0.0123');
    expect(formatInput(null)).toBe('—');
    expect(formatInput(false)).toBe('no');
  });

  it('heads a feed row with the kind, the rule and the underlying', () => {
    const s = { kind: 'entry', rule: 'short-straddle/entry', instrumentId: 'NSE_INDEX:NIFTY' } as SignalDto;
    expect(signalHeadline(s)).toBe('entry · NIFTY');
    expect(signalHeadline({ ...s, kind: 'exit', rule: 'iron-condor/stop' })).toBe('exit: stop · NIFTY');
  });

  it('names every decision the engine sends, refused apart from taken', () => {
    expect(DECISION_LABEL).toEqual({ taken: 'Taken', filtered: 'Filtered', refused: 'Refused' });
  });
});
