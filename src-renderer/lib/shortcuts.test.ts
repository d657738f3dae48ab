import { describe, expect, it } from 'vitest';
import { describeCombo, matches, parseCombo } from './shortcuts.ts';
import { activate, defaultLayout, move, reconcile } from './layout-model.ts';
import { describeBridgeError } from './bridge-errors.ts';

const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }> = {}) => ({ key: k, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });

describe('shortcuts', () => {
  it('match keys with their modifiers; Ctrl and ⌘ are one "mod"', () => {
    expect(matches(parseCombo('mod+k'), key('k', { ctrlKey: true }))).toBe(true);
    expect(matches(parseCombo('mod+k'), key('K', { metaKey: true }))).toBe(true);
    expect(matches(parseCombo('mod+k'), key('k'))).toBe(false);
    expect(matches(parseCombo('1'), key('1'))).toBe(true);
    expect(matches(parseCombo('1'), key('1', { shiftKey: true }))).toBe(false);
    expect(matches(parseCombo('?'), key('?', { shiftKey: true }))).toBe(true);
    expect(matches(parseCombo('escape'), key('Escape'))).toBe(true);
  });
  it('read as a trader would in the help sheet', () => {
    expect(describeCombo('mod+k')).toBe('Ctrl K');
    expect(describeCombo('mod+k', true)).toBe('⌘ K');
    expect(describeCombo('escape')).toBe('Esc');
    expect(() => parseCombo('hyper+k')).toThrow(/unknown modifier/);
  });
});

describe('panel layout', () => {
  const panels = [
    { id: 'watchlist', area: 'left' as const },
    { id: 'chain', area: 'right' as const },
    { id: 'bots', area: 'right' as const },
  ];

  it('moves a panel to another area as a tab and shows it there', () => {
    const l = move(defaultLayout(panels), 'chain', 'bottom');
    expect(l.areas).toEqual({ left: ['watchlist'], right: ['bots'], bottom: ['chain'] });
    expect(l.active).toEqual({ left: 'watchlist', right: 'bots', bottom: 'chain' });
    expect(activate(l, 'bots').active.right).toBe('bots');
  });

  it('restores a saved layout, dropping panels this build lacks and adding new ones', () => {
    const saved = { areas: { left: ['gone', 'bots'], right: ['chain', 'chain'], bottom: 'x' }, active: { left: 'gone', right: 'chain' } };
    const l = reconcile(saved, panels);
    expect(l.areas).toEqual({ left: ['bots', 'watchlist'], right: ['chain'], bottom: [] });
    expect(l.active).toEqual({ left: 'bots', right: 'chain', bottom: undefined });
    expect(reconcile('garbage', panels)).toEqual(defaultLayout(panels));
  });
});

describe('bridge errors in words', () => {
  it('names the field the trader sees instead of the channel and the wire name', () => {
    expect(describeBridgeError({ kind: 'invalid-input', message: 'connection:test: baseUrl: must be an http(s) URL', path: 'baseUrl' })).toBe('The host URL must be an http(s) URL.');
    expect(describeBridgeError({ kind: 'unavailable', message: 'OpenAlgo rejected the API key' })).toBe('OpenAlgo rejected the API key.');
    expect(describeBridgeError({ kind: 'transport', message: 'not connected to the engine' })).toBe('No answer from the engine: not connected to the engine.');
    expect(describeBridgeError({ kind: 'invalid-input', message: 'no API key: paste the key from OpenAlgo (API Key page) first' })).toBe('No API key: paste the key from OpenAlgo (API Key page) first.');
    expect(describeBridgeError({ kind: 'invalid-input', message: 'settings:mode: mode: Invalid option', path: 'mode' })).toBe('The mode: invalid option.');
  });
});
