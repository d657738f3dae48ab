import { describe, expect, it } from 'vitest';
import type { BotDto } from '#contract/dto';
import { botActions, errorLine, startRefusal, stateReason } from './bot-actions.ts';

const bot = (over: Partial<BotDto> = {}): BotDto => ({ id: 'short-straddle', kind: 'short-straddle', name: 'Short straddle', description: 'd', state: 'stopped', available: true, ...over });
const offered = (b: BotDto, stale = false, t?: 'active' | 'reducing' | 'halted') => botActions(b, stale, t).map((o) => (o.refusal ? `${o.action} (${o.refusal})` : o.action));

describe('the bots panel', () => {
  it('never offers Start where it cannot work', () => {
    expect(startRefusal(bot(), false)).toBeUndefined();
    expect(startRefusal(bot({ available: false, message: 'Short straddle is not part of this build yet' }), false)).toBe('Short straddle is not part of this build yet');
    expect(startRefusal(bot(), true)).toBe('The engine is not connected.');
    expect(startRefusal(bot(), false, 'halted')).toBe('Trading is halted: resume trading first.');
    expect(startRefusal(bot(), false, 'reducing')).toBeUndefined();
    expect(startRefusal(bot({ state: 'stopping' }), false)).toBe('The bot is stopping.');
  });

  it('offers exactly the lifecycle steps the state allows', () => {
    expect(offered(bot())).toEqual(['start']);
    expect(offered(bot({ state: 'starting' }))).toEqual(['stop']);
    expect(offered(bot({ state: 'running' }))).toEqual(['pause', 'stop']);
    expect(offered(bot({ state: 'paused' }))).toEqual(['resume', 'stop']);
    expect(offered(bot({ state: 'stopping' }))).toEqual([]);
    expect(offered(bot({ state: 'error', message: 'threw in onBar' }))).toEqual(['start', 'stop']);
  });

  it('disables what the moment forbids, with the reason', () => {
    expect(offered(bot({ state: 'running' }), true)).toEqual(['pause (The engine is not connected.)', 'stop (The engine is not connected.)']);
    expect(offered(bot({ state: 'paused' }), false, 'halted')).toEqual(['resume (Trading is halted: resume trading first.)', 'stop']);
    expect(offered(bot(), false, 'halted')).toEqual(['start (Trading is halted: resume trading first.)']);
    // Stopping stays possible while halted: it only winds the bot down.
    expect(offered(bot({ state: 'running' }), false, 'halted')).toEqual(['pause', 'stop']);
  });

  it('in a live terminal, starts only a bot set to live, and only once armed', () => {
    expect(botActions(bot({ execution: 'paper' }), false, 'active', { armed: true })[0]!.refusal).toMatch(/^This terminal trades live: set the bot to live/);
    expect(botActions(bot({ execution: 'live' }), false, 'active', { armed: false })[0]!.refusal).toBe('Live trading is not armed: arm it in the top bar first.');
    expect(botActions(bot({ execution: 'live' }), false, 'active', { armed: true })[0]!.refusal).toBeUndefined();
    // Paper and simulation terminals have no such rule.
    expect(botActions(bot({ execution: 'paper' }), false, 'active')[0]!.refusal).toBeUndefined();
  });

  it('gives a reason for error and unavailable, none for the ordinary states', () => {
    expect(stateReason(bot({ state: 'error', message: 'threw in onBar: boom' }))).toBe('threw in onBar: boom');
    expect(stateReason(bot({ available: false, message: 'not in this build' }))).toBe('not in this build');
    expect(stateReason(bot({ state: 'running' }))).toBeUndefined();
  });

  it('shows a refusal once: not again under a bot whose own reason says the same', () => {
    const unavailable = bot({ available: false, message: 'cannot start: its strategy is not part of this build yet' });
    expect(errorLine(unavailable, 'Cannot start: its strategy is not part of this build yet.')).toBeUndefined();
    expect(errorLine(bot(), 'Trading has not started yet.')).toBe('Trading has not started yet.');
    expect(errorLine(bot(), undefined)).toBeUndefined();
  });
});
