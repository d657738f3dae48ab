import { BotsPanel } from './features/bots/BotsPanel.tsx';
import { ChartView } from './features/chart/ChartView.tsx';
import { ConnectionPanel } from './features/connection/ConnectionPanel.tsx';
import { TopBar } from './features/topbar/TopBar.tsx';
import { useSessionStore } from './stores/session-store.ts';

export function App() {
  const instrument = useSessionStore((s) => s.session?.chartInstrument);
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
