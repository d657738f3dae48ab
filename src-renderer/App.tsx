import { useEffect } from 'react';
import { CommandPalette } from './features/shortcuts/CommandPalette.tsx';
import { HelpSheet } from './features/shortcuts/HelpSheet.tsx';
import { SignalExplanation } from './features/signals/SignalExplanation.tsx';
import { ShortcutsHost } from './features/shortcuts/ShortcutsHost.tsx';
import { Toasts } from './features/toasts/Toasts.tsx';
import { TopBar } from './features/topbar/TopBar.tsx';
import { Workspace } from './features/layout/Workspace.tsx';
import { followSession } from './stores/bridge.ts';
import { followQuotes, useMarketStore } from './stores/market-store.ts';
import { usePrefsStore } from './stores/prefs-store.ts';
import { useSessionStore } from './stores/session-store.ts';

export function App() {
  const refused = useSessionStore((s) => s.connection === 'unauthorized');
  const live = useSessionStore((s) => s.session?.mode === 'live');
  const theme = usePrefsStore((s) => s.theme);
  const legsKey = useMarketStore((s) => s.legs.join(','));

  useEffect(() => {
    document.documentElement.dataset['theme'] = theme;
  }, [theme]);
  useEffect(() => followSession(), []);
  useEffect(() => followQuotes(legsKey ? legsKey.split(',') : []), [legsKey]);

  if (refused) {
    return (
      <div className="app">
        <p className="panel error refused" role="alert" data-testid="bridge-refused">
          This page has no access to the terminal: open the address the terminal printed when it started (it ends in ?token=…).
        </p>
      </div>
    );
  }
  return (
    <div className={`app${live ? ' app-live' : ''}`} data-testid="app">
      <TopBar />
      <Workspace />
      <Toasts />
      <HelpSheet />
      <CommandPalette />
      <SignalExplanation />
      <ShortcutsHost />
    </div>
  );
}
