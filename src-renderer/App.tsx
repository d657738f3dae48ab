import { BotsPanel } from './features/bots/BotsPanel.tsx';
import { ChartView } from './features/chart/ChartView.tsx';
import { ConnectionPanel } from './features/connection/ConnectionPanel.tsx';
import { TopBar } from './features/topbar/TopBar.tsx';
import { useSessionStore } from './stores/session-store.ts';

export function App() {
  const instrument = useSessionStore((s) => s.session?.chartInstrument);
  const refused = useSessionStore((s) => s.connection === 'unauthorized');
  if (refused) {
    return (
      <div className="app">
        <p className="panel error" role="alert" data-testid="bridge-refused">
          This page has no access to the terminal: open the address the terminal printed when it started (it ends in ?token=…).
        </p>
      </div>
    );
  }
  return (
    <div className="app">
      <TopBar />
      <main className="workspace">
        {instrument ? <ChartView instrumentId={instrument} /> : <section className="panel chart-panel muted">Connecting to the engine…</section>}
        <aside className="side">
          <BotsPanel />
          <ConnectionPanel />
        </aside>
      </main>
    </div>
  );
}
