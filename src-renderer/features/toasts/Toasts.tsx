import { useEffect } from 'react';
import { useSessionStore } from '#renderer/stores/session-store.ts';
import { notify, useToastsStore } from '#renderer/stores/toasts-store.ts';
import { createEngineWatch, feedNotice, storeNotice } from './notices.ts';

/** The tray of notifications, newest on top; problems stay until dismissed. */
export function Toasts() {
  const toasts = useToastsStore((s) => s.toasts);
  const dismiss = useToastsStore((s) => s.dismiss);
  useEffect(() => {
    const timer = setInterval(() => useToastsStore.getState().expire(performance.now()), 500);
    return () => clearInterval(timer);
  }, []);
  useEffect(() => {
    const watch = createEngineWatch();
    return useSessionStore.subscribe((next, prev) => {
        const engine = next.connection !== prev.connection || next.silent !== prev.silent ? watch(next.connection, next.silent) : undefined;
        if (engine) notify(engine);
        if (next.session && next.session.feed !== prev.session?.feed) {
          const feed = feedNotice(prev.session?.feed, next.session.feed);
          if (feed) notify(feed);
        }
        if (next.session && next.session.storeFault !== prev.session?.storeFault) {
          const store = storeNotice(prev.session?.storeFault, next.session.storeFault);
          if (store) notify(store);
        }
    });
  }, []);
  return (
    <div className="toasts" aria-live="polite" data-testid="toasts">
      {toasts.map((t) => (
        <div key={t.id} className={`toast toast-${t.tone}`} role={t.tone === 'bad' ? 'alert' : 'status'} data-testid={`toast-${t.key}`}>
          <div className="toast-head">
            <strong>{t.title}</strong>
            {t.count > 1 ? <span className="muted small"> ×{t.count}</span> : null}
            <span className="spacer" />
            <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => dismiss(t.key)}>
              ×
            </button>
          </div>
          {t.body ? <p className="toast-body">{t.body}</p> : null}
        </div>
      ))}
    </div>
  );
}
