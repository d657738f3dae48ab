import { err, ok, type Result } from '#core/result';

export const BotState = {
  stopped: 'stopped',
  starting: 'starting',
  running: 'running',
  paused: 'paused',
  stopping: 'stopping',
  error: 'error',
} as const;
export type BotState = (typeof BotState)[keyof typeof BotState];

export type BotEvent = 'start' | 'started' | 'pause' | 'resume' | 'stop' | 'stopped' | 'fault' | 'reset';

/** A bot's lifecycle as data (strategies.md: stopped → starting → running → (paused) → stopping → stopped, plus error). */
export const BOT_TRANSITIONS: Readonly<Record<BotState, Partial<Record<BotEvent, BotState>>>> = {
  stopped: { start: 'starting' },
  starting: { started: 'running', fault: 'error', stop: 'stopping' },
  running: { pause: 'paused', stop: 'stopping', fault: 'error' },
  paused: { resume: 'running', stop: 'stopping', fault: 'error' },
  stopping: { stopped: 'stopped', fault: 'error' },
  error: { reset: 'stopped', stop: 'stopping' },
};

export function nextBotState(state: BotState, event: BotEvent): Result<BotState, { kind: 'invalid-state'; message: string }> {
  const next = BOT_TRANSITIONS[state][event];
  return next === undefined ? err({ kind: 'invalid-state', message: `cannot ${event} a bot that is ${state}` }) : ok(next);
}
