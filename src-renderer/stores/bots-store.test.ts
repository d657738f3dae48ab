import { describe, expect, it } from 'vitest';
import type { BotDto } from '#contract/dto';
import { errorLine, startRefusal } from './bots-store.ts';

const bot = (over: Partial<BotDto> = {}): BotDto => ({ id: 'short-straddle', kind: 'short-straddle', name: 'Short straddle', description: 'd', state: 'stopped', available: true, ...over });

describe('the bots panel', () => {
  it('never offers Start where it cannot work', () => {
    expect(startRefusal(bot(), false)).toBeUndefined();
    expect(startRefusal(bot({ available: false, message: 'Short straddle is not part of this build yet' }), false)).toBe('Short straddle is not part of this build yet');
    expect(startRefusal(bot(), true)).toBe('The engine is not connected.');
    expect(startRefusal(bot(), false, 'halted')).toBe('Trading is halted: resume trading first.');
    expect(startRefusal(bot(), false, 'reducing')).toBeUndefined();
    expect(startRefusal(bot({ state: 'stopping' }), false)).toBe('The bot is stopping.');
  });

  it('shows a refusal once: not again under a bot whose own reason says the same', () => {
    const unavailable = bot({ available: false, message: 'cannot start: its strategy is not part of this build yet' });
    expect(errorLine(unavailable, 'Cannot start: its strategy is not part of this build yet.')).toBeUndefined();
    expect(errorLine(bot(), 'Trading has not started yet.')).toBe('Trading has not started yet.');
    expect(errorLine(bot(), undefined)).toBeUndefined();
  });
});
