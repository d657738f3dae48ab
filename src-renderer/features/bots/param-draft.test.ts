import { describe, expect, it } from 'vitest';
import type { BotParamsDto, ParamFieldDto } from '#contract/bot-dto';
import { changedParams, parseField, splitEngineErrors, toDraft } from './param-draft.ts';

const stopLoss: ParamFieldDto = { key: 'stopLossPct', kind: 'number', label: 'Stop loss', default: 40, min: 5, max: 300, step: 5, integer: false, unit: '%' };
const lots: ParamFieldDto = { key: 'lots', kind: 'number', label: 'Lots', default: 1, min: 1, max: 10, step: 1, integer: true };
const start: ParamFieldDto = { key: 'entryStart', kind: 'time', label: 'Entries from', default: '09:30', min: '09:15', max: '15:00', stepMinutes: 5 };
const underlyings: ParamFieldDto = { key: 'underlyings', kind: 'set', label: 'Underlyings', default: ['NIFTY'], options: ['NIFTY', 'BANKNIFTY', 'FINNIFTY'], minItems: 1 };
const events: ParamFieldDto = { key: 'eventDays', kind: 'dates', label: 'Event days', default: [] };

describe('the parameter editor’s own checks', () => {
  it('reads numbers against the declared range, naming the range and unit', () => {
    expect(parseField(stopLoss, '45')).toEqual({ ok: true, value: 45 });
    expect(parseField(stopLoss, '1,000')).toEqual({ ok: false, error: 'Must be from 5 to 300 %.' });
    expect(parseField(stopLoss, '')).toEqual({ ok: false, error: 'Enter a number from 5 to 300 %.' });
    expect(parseField(stopLoss, 'abc')).toEqual({ ok: false, error: '“abc” is not a number.' });
    expect(parseField(lots, '1.5')).toEqual({ ok: false, error: 'Must be a whole number.' });
  });

  it('reads times, sets and dated lists', () => {
    expect(parseField(start, '09:45')).toEqual({ ok: true, value: '09:45' });
    expect(parseField(start, '9:45')).toMatchObject({ ok: false });
    expect(parseField(start, '15:30')).toEqual({ ok: false, error: 'Must be from 09:15 to 15:00.' });
    expect(parseField(underlyings, [])).toEqual({ ok: false, error: 'Choose at least one.' });
    expect(parseField(underlyings, ['FINNIFTY', 'NIFTY'])).toEqual({ ok: true, value: ['NIFTY', 'FINNIFTY'] });
    expect(parseField(events, '2026-02-01 Union Budget\n\n2026-12-05 RBI policy')).toEqual({
      ok: true,
      value: [
        { date: '2026-02-01', name: 'Union Budget' },
        { date: '2026-12-05', name: 'RBI policy' },
      ],
    });
    expect(parseField(events, '2026-02-01\n')).toEqual({ ok: false, error: 'Line 1: write a date and a name, e.g. 2026-02-01 Union Budget.' });
    expect(toDraft(events, [{ date: '2026-02-01', name: 'Union Budget' }])).toBe('2026-02-01 Union Budget');
  });

  it('sends only what differs from the values in force', () => {
    const dto: BotParamsDto = { botId: 'short-straddle', kind: 'short-straddle', fields: [stopLoss, lots, underlyings], values: { stopLossPct: 40, lots: 1, underlyings: ['NIFTY'] }, allocation: 1, maxAllocation: 1, execution: 'paper', regimes: ['ranging'] };
    expect(changedParams(dto, { stopLossPct: '40', lots: '2', underlyings: ['NIFTY'] })).toEqual({ params: { lots: 2 }, errors: {} });
    expect(changedParams(dto, { stopLossPct: '400', lots: '1' })).toEqual({ params: {}, errors: { stopLossPct: 'Must be from 5 to 300 %.' } });
  });

  it('puts each of the engine’s refusals under its own field', () => {
    const keys = ['stopLossPct', 'lots', 'allocation'];
    expect(splitEngineErrors('short-straddle parameters: stopLossPct: Too big: expected number to be <=300; lots: Invalid input', keys)).toEqual({
      fields: { stopLossPct: 'Too big: expected number to be <=300.', lots: 'Invalid input.' },
    });
    expect(splitEngineErrors('allocation ₹5,00,000 is above the ₹2,50,000 risk allows this bot', keys)).toEqual({ fields: {}, general: 'Allocation ₹5,00,000 is above the ₹2,50,000 risk allows this bot.' });
    expect(splitEngineErrors('short-straddle parameters: (parameters): entry window must start before it ends', keys)).toEqual({ fields: {}, general: 'Entry window must start before it ends.' });
  });
});
