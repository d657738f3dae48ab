import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BotParamsDto } from '#contract/bot-dto';
import type { BridgeResult } from '#contract/dto';

const calls: { channel: string; input: Record<string, unknown> }[] = [];
let answer: (channel: string, input: Record<string, unknown>) => BridgeResult<unknown>;
vi.mock('#renderer/stores/bridge.ts', () => ({
  getBridge: () => ({
    invoke: (channel: string, input: Record<string, unknown>) => {
      calls.push({ channel, input });
      return Promise.resolve(answer(channel, input));
    },
  }),
}));
const { useBotParamsStore, VALIDATE_DELAY_MS } = await import('./bot-params-store.ts');

const dto: BotParamsDto = {
  botId: 'short-straddle',
  kind: 'short-straddle',
  fields: [{ key: 'stopLossPct', kind: 'number', label: 'Stop loss', default: 40, min: 5, max: 300, step: 5, integer: false, unit: '%' }],
  values: { stopLossPct: 40 },
  allocation: 250_000,
  maxAllocation: 250_000,
  execution: 'paper',
  regimes: ['ranging', 'volatile'],
};

beforeEach(() => {
  vi.useFakeTimers();
  calls.length = 0;
  answer = (channel) => (channel === 'bot:params:get' ? { ok: true, value: dto } : { ok: true, value: dto });
});
afterEach(() => {
  useBotParamsStore.getState().close();
  vi.useRealTimers();
});

const s = () => useBotParamsStore.getState();

describe('the parameter editor', () => {
  it('refuses a value out of range at once, without asking the engine', async () => {
    await s().open('short-straddle');
    s().edit('stopLossPct', '500');
    expect(s().errors).toEqual({ stopLossPct: 'Must be from 5 to 300 %.' });
    await vi.advanceTimersByTimeAsync(VALIDATE_DELAY_MS * 2);
    expect(calls.map((c) => c.channel)).toEqual(['bot:params:get']);
  });

  it('asks the engine to check only the latest draft, and shows its refusal under the field', async () => {
    answer = (channel, input) =>
      channel === 'bot:params:validate' ? { ok: false, error: { kind: 'invalid-input', message: `short-straddle parameters: stopLossPct: must stay under the credit of ${String((input['params'] as Record<string, unknown>)['stopLossPct'])}` } } : { ok: true, value: dto };
    await s().open('short-straddle');
    s().edit('stopLossPct', '60');
    s().edit('stopLossPct', '70');
    await vi.advanceTimersByTimeAsync(VALIDATE_DELAY_MS + 10);
    const validations = calls.filter((c) => c.channel === 'bot:params:validate');
    expect(validations).toEqual([{ channel: 'bot:params:validate', input: { botId: 'short-straddle', params: { stopLossPct: 70 } } }]);
    expect(s().errors).toEqual({ stopLossPct: 'Must stay under the credit of 70.' });
  });

  it('keeps the allocation within what risk allows, and says so', async () => {
    await s().open('short-straddle');
    s().setAllocation('3,00,000');
    expect(s().errors['allocation']).toBe('At most ₹2,50,000, the capital risk allows this bot (risk.bots.short-straddle.capital in config.json).');
    s().setAllocation('1,50,000');
    expect(s().errors).toEqual({});
  });

  it('saves only the change, says when it takes effect, and says when there was nothing to save', async () => {
    await s().open('short-straddle');
    await s().save();
    expect(s().saved).toBe('Nothing to save: every value is as it is in force.');
    answer = (channel) => (channel === 'bot:params:set' ? { ok: true, value: { ...dto, pending: { stopLossPct: 60 } } } : { ok: true, value: dto });
    s().edit('stopLossPct', '60');
    s().setRegimes(['ranging']);
    await s().save();
    expect(calls.filter((c) => c.channel === 'bot:params:set').map((c) => c.input)).toEqual([{ botId: 'short-straddle', params: { stopLossPct: 60 }, regimes: ['ranging'] }]);
    expect(s().saved).toMatch(/next evaluation/);
    // The field shows the value waiting to apply, not the one it replaces.
    expect(s().draft['stopLossPct']).toBe('60');
  });
});
