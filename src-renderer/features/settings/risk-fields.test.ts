import { describe, expect, it } from 'vitest';
import { draftOf, riskErrors, riskPatch } from './risk-fields.ts';

const saved = { capital: 1_000_000, dailyLoss: { limit: 20_000, action: 'reducing', flatten: false }, orderRate: { maxPerSecond: 10 }, defaultBot: { capital: 250_000, maxPositions: 1, maxLots: 4 } };

describe('the risk limits form', () => {
  it('starts from the saved limits and sends only what changed, nested as config.json nests it', () => {
    const draft = draftOf(saved);
    expect(draft['dailyLoss.limit']).toBe('20,000');
    expect(draft['dailyLoss.flatten']).toBe(false);
    expect(riskPatch(saved, draft)).toEqual({ patch: {}, errors: {} });
    expect(riskPatch(saved, { ...draft, 'dailyLoss.limit': '15,000', 'dailyLoss.flatten': true, 'defaultBot.maxLots': '2' })).toEqual({
      patch: { dailyLoss: { limit: 15_000, flatten: true }, defaultBot: { maxLots: 2 } },
      errors: {},
    });
  });

  it('names a field that is not a number, and leaves the range to the engine', () => {
    expect(riskPatch(saved, { ...draftOf(saved), capital: 'ten lakh', 'orderRate.maxPerSecond': '2.5' }).errors).toEqual({ capital: 'Enter a number.', 'orderRate.maxPerSecond': 'Must be a whole number.' });
    expect(riskPatch(saved, { ...draftOf(saved), capital: '-1' }).patch).toEqual({ capital: -1 });
  });

  it('puts each of the engine’s refusals under its field', () => {
    expect(riskErrors('risk.dailyLoss.limit: Too small: expected number to be >0; risk.orderRate.maxPerSecond: SEBI treats more than 10 orders per second as a registered algo; the terminal stays at or under it')).toEqual({
      fields: { 'dailyLoss.limit': 'Too small: expected number to be >0', 'orderRate.maxPerSecond': 'SEBI treats more than 10 orders per second as a registered algo; the terminal stays at or under it' },
    });
    expect(riskErrors('The risk limits could not be saved: disk full')).toEqual({ fields: {}, general: 'The risk limits could not be saved: disk full' });
  });
});
