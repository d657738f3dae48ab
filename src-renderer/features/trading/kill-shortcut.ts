/** Ctrl+Shift+K (⌘+Shift+K on a Mac): opens the kill switch's confirm step, and a second press confirms it. */
export function isKillShortcut(e: Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>): boolean {
  return (e.ctrlKey || e.metaKey) && e.shiftKey && !e.altKey && (e.code === 'KeyK' || e.key.toLowerCase() === 'k');
}
