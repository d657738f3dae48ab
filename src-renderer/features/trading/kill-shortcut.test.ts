import { describe, expect, it } from 'vitest';
import { isKillShortcut } from './kill-shortcut.ts';

const key = (over: Partial<KeyboardEvent>) => ({ key: 'K', code: 'KeyK', ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...over });

describe('the kill switch shortcut', () => {
  it('is Ctrl+Shift+K, or ⌘+Shift+K', () => {
    expect(isKillShortcut(key({ ctrlKey: true, shiftKey: true }))).toBe(true);
    expect(isKillShortcut(key({ metaKey: true, shiftKey: true }))).toBe(true);
    // Another keyboard layout: the physical key K, whatever it prints.
    expect(isKillShortcut(key({ ctrlKey: true, shiftKey: true, key: 'Л' }))).toBe(true);
  });

  it('is not K alone, Ctrl+K, Shift+K or Ctrl+Alt+Shift+K', () => {
    expect(isKillShortcut(key({}))).toBe(false);
    expect(isKillShortcut(key({ ctrlKey: true }))).toBe(false);
    expect(isKillShortcut(key({ shiftKey: true }))).toBe(false);
    expect(isKillShortcut(key({ ctrlKey: true, shiftKey: true, altKey: true }))).toBe(false);
    expect(isKillShortcut(key({ ctrlKey: true, shiftKey: true, key: 'J', code: 'KeyJ' }))).toBe(false);
  });
});
