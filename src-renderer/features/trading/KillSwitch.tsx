import { useEffect, useRef } from 'react';
import { isKillShortcut } from './kill-shortcut.ts';
import { useTradingStore } from './trading-store.ts';

/**
 * The kill switch in the top bar: KILL (or Ctrl+Shift+K) asks once, Confirm (Enter, or Ctrl+Shift+K
 * again) cancels every order, closes every position hedge last, stops every bot and halts trading.
 */
export function KillSwitch() {
  const confirming = useTradingStore((s) => s.confirmingKill);
  const killing = useTradingStore((s) => s.killing || (s.status?.killing ?? false));
  const askKill = useTradingStore((s) => s.askKill);
  const cancelKill = useTradingStore((s) => s.cancelKill);
  const kill = useTradingStore((s) => s.kill);
  const confirmRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (isKillShortcut(e)) {
        e.preventDefault();
        const s = useTradingStore.getState();
        if (s.confirmingKill) void s.kill('shortcut');
        else s.askKill();
      } else if (e.key === 'Escape' && useTradingStore.getState().confirmingKill) {
        useTradingStore.getState().cancelKill();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  return (
    <span className="kill-switch">
      <button type="button" className="kill-button" data-testid="kill-button" disabled={killing} onClick={askKill} title="Kill switch (Ctrl+Shift+K)">
        {killing ? 'KILLING…' : 'KILL'}
      </button>
      {confirming ? (
        <span className="kill-confirm" role="alertdialog" aria-label="Confirm the kill switch" data-testid="kill-confirm">
          <span>Cancel every order, close every position, stop every bot and halt trading?</span>
          <button type="button" ref={confirmRef} className="kill-button" data-testid="kill-confirm-button" onClick={() => void kill('button')}>
            Confirm
          </button>
          <button type="button" onClick={cancelKill}>
            Cancel
          </button>
        </span>
      ) : null}
    </span>
  );
}
