import { describe, expect, it } from 'vitest';
import { BOT_TRANSITIONS, BotState, nextBotState, type BotEvent } from './bot-fsm.ts';

const events: BotEvent[] = ['start', 'started', 'pause', 'resume', 'stop', 'stopped', 'fault', 'reset'];

describe('bot state machine', () => {
  it.each(Object.values(BotState))('from %s, every event is legal exactly when the table says so', (state) => {
    for (const e of events) {
      const r = nextBotState(state, e);
      expect(r.ok).toBe(BOT_TRANSITIONS[state][e] !== undefined);
    }
  });

  it('walks the documented lifecycle', () => {
    let s: BotState = 'stopped';
    for (const e of ['start', 'started', 'pause', 'resume', 'stop', 'stopped'] as const) {
      const r = nextBotState(s, e);
      if (!r.ok) throw new Error(r.error.message);
      s = r.value;
    }
    expect(s).toBe('stopped');
  });

  it('explains an illegal move', () => {
    const r = nextBotState('stopped', 'pause');
    expect(!r.ok && r.error.message).toBe('cannot pause a bot that is stopped');
  });
});
