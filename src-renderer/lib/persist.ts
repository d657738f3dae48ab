/**
 * The renderer's own preferences (layout, theme, chart studies) in localStorage, under one versioned
 * prefix. A value that is missing, unreadable or from an older shape falls back to the default: a bad
 * saved preference must never stop the terminal from opening.
 */
const PREFIX = 'terminal.v1.';

export function loadPref<T>(name: string, read: (raw: unknown) => T | undefined, fallback: T): T {
  try {
    const text = globalThis.localStorage?.getItem(PREFIX + name);
    if (text === null || text === undefined) return fallback;
    return read(JSON.parse(text)) ?? fallback;
  } catch {
    return fallback;
  }
}

export function savePref(name: string, value: unknown): void {
  try {
    globalThis.localStorage?.setItem(PREFIX + name, JSON.stringify(value));
  } catch {
    // Storage full or disabled: the preference lasts for this session only.
  }
}
