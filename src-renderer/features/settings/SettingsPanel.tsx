import { ConnectionPanel } from '#renderer/features/connection/ConnectionPanel.tsx';
import { usePrefsStore } from '#renderer/stores/prefs-store.ts';
import { useLayoutStore } from '#renderer/stores/layout-store.ts';
import { PANELS } from '#renderer/features/layout/panel-list.ts';
import { DataSection } from './DataSection.tsx';
import { ModeSection } from './ModeSection.tsx';
import { NotificationsSection } from './NotificationsSection.tsx';
import { RiskLimitsSection } from './RiskLimitsSection.tsx';
import './settings.css';

/** Trading mode, the OpenAlgo connection, risk limits, notifications, the data folder, appearance and layout. */
export function SettingsPanel() {
  return (
    <div className="panel-body scroll settings" data-testid="settings-panel">
      <ModeSection />
      <ConnectionPanel />
      <RiskLimitsSection />
      <NotificationsSection />
      <DataSection />
      <AppearanceSection />
    </div>
  );
}

function AppearanceSection() {
  const theme = usePrefsStore((s) => s.theme);
  const setTheme = usePrefsStore((s) => s.setTheme);
  const reset = useLayoutStore((s) => s.reset);
  return (
    <section className="settings-section">
      <h3>Appearance</h3>
      <div className="actions">
        <span className="segmented" role="group" aria-label="Theme">
          {(['dark', 'light'] as const).map((t) => (
            <button key={t} type="button" className={theme === t ? 'active' : ''} aria-pressed={theme === t} onClick={() => setTheme(t)} data-testid={`theme-${t}`}>
              {t === 'dark' ? 'Dark' : 'Light'}
            </button>
          ))}
        </span>
        <button type="button" onClick={() => reset(PANELS)} data-testid="layout-reset">
          Reset panel layout
        </button>
      </div>
    </section>
  );
}
