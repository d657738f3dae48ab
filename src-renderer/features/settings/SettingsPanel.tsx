import { useEffect } from 'react';
import { ConnectionPanel } from '#renderer/features/connection/ConnectionPanel.tsx';
import { usePrefsStore } from '#renderer/stores/prefs-store.ts';
import { useSessionStore, useStale } from '#renderer/stores/session-store.ts';
import { useSettingsStore } from '#renderer/stores/settings-store.ts';
import { useLayoutStore } from '#renderer/stores/layout-store.ts';
import { PANELS } from '#renderer/features/layout/panel-list.ts';
import { DataSection } from './DataSection.tsx';
import { RiskLimitsSection } from './RiskLimitsSection.tsx';
import './settings.css';

const MODES = [
  { mode: 'simulation', title: 'Simulation', text: 'The built-in market simulator and a paper broker. No OpenAlgo needed.' },
  { mode: 'paper', title: 'Paper', text: 'Real market data from OpenAlgo; orders go to the paper broker. Needs a saved OpenAlgo connection.' },
] as const;

/** Trading mode, the OpenAlgo connection, risk limits, the data folder, appearance and layout. */
export function SettingsPanel() {
  return (
    <div className="panel-body scroll settings" data-testid="settings-panel">
      <ModeSection />
      <ConnectionPanel />
      <RiskLimitsSection />
      <DataSection />
      <AppearanceSection />
    </div>
  );
}

function ModeSection() {
  const settings = useSettingsStore((s) => s.settings);
  const message = useSettingsStore((s) => s.message);
  const busy = useSettingsStore((s) => s.busy);
  const connection = useSessionStore((s) => s.connection);
  const stale = useStale();
  useEffect(() => {
    if (connection === 'open') void useSettingsStore.getState().load();
  }, [connection]);
  const saved = settings?.savedMode;
  const restartNeeded = settings !== undefined && settings.savedMode !== settings.mode;
  return (
    <section className="settings-section" data-testid="mode-settings">
      <h3>Trading mode</h3>
      <div className="mode-options" role="radiogroup" aria-label="Trading mode">
        {MODES.map((m) => (
          <label key={m.mode} className={`mode-option${saved === m.mode ? ' chosen' : ''}`}>
            <input
              type="radio"
              name="mode"
              checked={saved === m.mode}
              disabled={busy || stale || !settings}
              onChange={() => void useSettingsStore.getState().setMode(m.mode)}
              data-testid={`mode-${m.mode}`}
            />
            <span>
              <strong>{m.title}</strong>
              {settings?.mode === m.mode ? <span className="tag">running</span> : null}
              <span className="muted small block">{m.text}</span>
            </span>
          </label>
        ))}
        <label className="mode-option disabled" title="Live trading is switched on through the arming step">
          <input type="radio" name="mode" checked={saved === 'live'} disabled data-testid="mode-live" readOnly />
          <span>
            <strong className="live-text">Live</strong>
            {settings?.mode === 'live' ? <span className="tag tag-live">running</span> : null}
            <span className="muted small block" data-testid="mode-live-note">
              Real orders with real money. Not switched on here: live trading goes through the arming step, which names the broker account and asks you to type a
              confirmation.
            </span>
          </span>
        </label>
      </div>
      {restartNeeded ? (
        <p className="warn-text small" data-testid="mode-restart-note">
          Saved for the next start: restart the terminal to switch from {settings.mode} to {settings.savedMode} mode.
        </p>
      ) : null}
      {message && !(message.kind === 'ok' && restartNeeded) ? (
        <p className={message.kind === 'error' ? 'error' : 'muted small'} role={message.kind === 'error' ? 'alert' : 'status'} data-testid="mode-message">
          {message.text}
        </p>
      ) : null}
    </section>
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
