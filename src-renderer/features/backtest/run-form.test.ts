import { describe, expect, it } from 'vitest';
import type { BotParamsDto } from '#contract/bot-dto';
import { buildStart, defaultRange, type RunForm } from './run-form.ts';

const PARAMS: BotParamsDto = {
  botId: 'short-straddle',
  kind: 'short-straddle',
  fields: [
    { key: 'targetPct', kind: 'number', label: 'Target', default: 25, min: 5, max: 80, unit: '%' },
    { key: 'entryStart', kind: 'time', label: 'Entry from', default: '09:20', min: '09:15', max: '15:00' },
    { key: 'underlyings', kind: 'set', label: 'Underlyings', default: ['NIFTY'], options: ['NIFTY', 'BANKNIFTY'] },
  ],
  values: { targetPct: 30, entryStart: '09:30', underlyings: ['NIFTY', 'BANKNIFTY'] },
  allocation: 250_000,
  maxAllocation: 500_000,
  execution: 'paper',
  regimes: ['ranging'],
};

const form = (patch: Partial<RunForm> = {}): RunForm => ({ bots: ['short-straddle'], params: { 'short-straddle': PARAMS }, drafts: {}, from: '2026-11-24', to: '2026-11-27', source: 'simulator', seed: '8', label: '', ...patch });

describe('the run form', () => {
  it('sends the bot’s current values with the trader’s edits, the days and the market', () => {
    const r = buildStart(form({ drafts: { 'short-straddle': { targetPct: '40' } }, label: ' wider target ' }));
    expect(r).toEqual({
      ok: true,
      value: {
        bots: [{ botId: 'short-straddle', params: { targetPct: 40, entryStart: '09:30', underlyings: ['NIFTY', 'BANKNIFTY'] } }],
        from: '2026-11-24',
        to: '2026-11-27',
        data: { kind: 'simulator', seed: 8 },
        label: 'wider target',
      },
    });
    expect(buildStart(form({ source: 'history', seed: '' }))).toMatchObject({ ok: true, value: { data: { kind: 'history' } } });
  });

  it('names every problem under its field', () => {
    const r = buildStart(form({ bots: [], from: '2026-11-27', to: '2026-11-24', seed: '-1' }));
    expect(r).toEqual({ ok: false, errors: { bots: 'Choose at least one bot.', to: 'The last day is before the first.', seed: 'A whole number from 0.' } });
    expect(buildStart(form({ from: '2025-01-01', to: '2026-11-27' }))).toMatchObject({ ok: false, errors: { to: 'At most 366 days in one run.' } });
    expect(buildStart(form({ drafts: { 'short-straddle': { targetPct: '900' } } }))).toMatchObject({ ok: false, errors: { 'short-straddle.targetPct': expect.stringMatching(/^Must be from 5 to 80 %/) } });
    expect(buildStart(form({ params: {} }))).toMatchObject({ ok: false, errors: { bots: 'The parameters of short-straddle are still loading.' } });
  });

  it('starts with the week before the engine’s day', () => {
    expect(defaultRange('2026-11-30')).toEqual({ from: '2026-11-23', to: '2026-11-29' });
  });
});
