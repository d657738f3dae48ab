import { useEffect } from 'react';
import { isTypingTarget, matches, parseCombo } from '#renderer/lib/shortcuts.ts';
import { useCommandsStore } from '#renderer/stores/commands-store.ts';

/** One keydown listener for every registered command; a dialog that is open takes its own keys first. */
export function ShortcutsHost() {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.repeat) return;
      const { commands, paletteOpen, helpOpen } = useCommandsStore.getState();
      const typing = isTypingTarget(e.target);
      for (const c of commands) {
        if (!c.keys || c.boundElsewhere) continue;
        if (typing && !c.inFields) continue;
        if ((paletteOpen || helpOpen) && c.id !== 'palette') continue;
        if (!matches(parseCombo(c.keys), e)) continue;
        if (c.disabled?.()) return;
        e.preventDefault();
        c.run();
        return;
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return null;
}
