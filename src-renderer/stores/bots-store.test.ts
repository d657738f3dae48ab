import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { BotDto, BridgeResult } from '#contract/dto';

const calls: string[] = [];
let release: (() => void) | undefined;
let answer: BridgeResult<BotDto>;
vi.mock('./bridge.ts', () => ({
  getBridge: () => ({
    invoke: (channel: string) => {
      calls.push(channel);
      return new Promise((resolve) => {
        release = () => resolve(answer);
      });
    },
  }),
}));
const { useBotsStore } = await import('./bots-store.ts');

const bot: BotDto = { id: 'iron-condor', kind: 'iron-condor', name: 'Iron condor', description: 'd', state: 'stopped', available: true };

beforeEach(() => {
  calls.length = 0;
  useBotsStore.setState({ bots: [bot], errors: {}, pending: {} });
});

describe('the bots store', () => {
  it('sends one command per bot at a time: a second click while the first is out is ignored', async () => {
    answer = { ok: true, value: { ...bot, state: 'running' } };
    const first = useBotsStore.getState().start('iron-condor');
    const second = useBotsStore.getState().start('iron-condor');
    release!();
    await Promise.all([first, second]);
    expect(calls).toEqual(['bot:start']);
    expect(useBotsStore.getState().bots[0]!.state).toBe('running');
  });

  it('keeps one refusal line per bot: a repeated refusal replaces the last one, a success clears it', async () => {
    answer = { ok: false, error: { kind: 'invalid-state', message: 'trading has not started yet' } };
    for (let i = 0; i < 3; i++) {
      const p = useBotsStore.getState().start('iron-condor');
      release!();
      await p;
    }
    expect(useBotsStore.getState().errors).toEqual({ 'iron-condor': 'Trading has not started yet.' });
    answer = { ok: true, value: { ...bot, state: 'paused' } };
    const p = useBotsStore.getState().pause('iron-condor');
    release!();
    await p;
    expect(calls.at(-1)).toBe('bot:pause');
    expect(useBotsStore.getState().errors['iron-condor']).toBeUndefined();
  });
});
