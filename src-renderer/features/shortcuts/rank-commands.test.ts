import { describe, expect, it } from 'vitest';
import type { Command } from '#renderer/stores/commands-store.ts';
import { rankCommands } from './rank-commands.ts';

const cmd = (id: string, title: string, group: Command['group'] = 'Chart'): Command => ({ id, title, group, run: () => {} });

describe('the command palette', () => {
  const all = [cmd('tf.5m', '5-minute candles'), cmd('tf.15m', '15-minute candles'), cmd('panel.chain', 'Show the option chain', 'Panels'), cmd('palette', 'Command palette', 'Help')];
  it('finds commands by every typed word, best match first, never itself', () => {
    expect(rankCommands(all, '5-min').map((c) => c.id)).toEqual(['tf.5m', 'tf.15m']);
    expect(rankCommands(all, 'chain').map((c) => c.id)).toEqual(['panel.chain']);
    expect(rankCommands(all, 'candles').map((c) => c.id)).toEqual(['tf.5m', 'tf.15m']);
    expect(rankCommands(all, 'panels chain').map((c) => c.id)).toEqual(['panel.chain']);
    expect(rankCommands(all, '').map((c) => c.id)).not.toContain('palette');
  });
});
