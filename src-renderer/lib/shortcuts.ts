/**
 * Keyboard shortcuts as data: `mod+k` (Ctrl, or ⌘ on a Mac), `shift+?`, `1`. A shortcut never fires while
 * the trader types in a field, except those marked `inFields` (Escape, the palette).
 */
export interface KeyCombo {
  readonly key: string;
  readonly mod: boolean;
  readonly shift: boolean;
  readonly alt: boolean;
}

export function parseCombo(text: string): KeyCombo {
  const parts = text.toLowerCase().split('+');
  const key = parts.pop() ?? '';
  if (!key) throw new Error(`shortcut "${text}" has no key`);
  for (const p of parts) if (p !== 'mod' && p !== 'shift' && p !== 'alt') throw new Error(`shortcut "${text}": unknown modifier "${p}"`);
  return { key, mod: parts.includes('mod'), shift: parts.includes('shift'), alt: parts.includes('alt') };
}

export interface KeyEventLike {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly shiftKey: boolean;
  readonly altKey: boolean;
}

/** Whether `e` is `combo`. Shift is ignored for keys that need it to be typed at all (`?`, `[`, `]` on some layouts). */
export function matches(combo: KeyCombo, e: KeyEventLike): boolean {
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key.toLowerCase();
  if (key !== combo.key) return false;
  if ((e.ctrlKey || e.metaKey) !== combo.mod) return false;
  if (e.altKey !== combo.alt) return false;
  const shiftMatters = combo.shift || /^[a-z0-9]$/.test(combo.key) || combo.key.length > 1;
  return !shiftMatters || e.shiftKey === combo.shift;
}

/** How a combo reads in the help sheet: `Ctrl K`, `?`, `Shift K`. */
export function describeCombo(text: string, mac = false): string {
  const c = parseCombo(text);
  const names: string[] = [];
  if (c.mod) names.push(mac ? '⌘' : 'Ctrl');
  if (c.alt) names.push(mac ? '⌥' : 'Alt');
  if (c.shift) names.push('Shift');
  names.push(c.key === 'escape' ? 'Esc' : c.key.length === 1 ? c.key.toUpperCase() : c.key);
  return names.join(' ');
}

/** True when the keystroke goes to a text field, where letters must type, not trigger. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!target || typeof (target as HTMLElement).tagName !== 'string') return false;
  const el = target as HTMLElement;
  const tag = el.tagName.toLowerCase();
  if (tag === 'textarea' || tag === 'select' || el.isContentEditable) return true;
  if (tag !== 'input') return false;
  const type = (el as HTMLInputElement).type;
  return !['checkbox', 'radio', 'button', 'submit'].includes(type);
}
