import { useEffect } from 'react';
import { createPortal } from 'react-dom';
import { ConfirmDialog } from '#renderer/components/ConfirmDialog.tsx';
import { ArmDialog } from '#renderer/features/arming/ArmDialog.tsx';
import { useConnectionStore } from '#renderer/stores/connection-store.ts';
import { useSessionStore, useStale } from '#renderer/stores/session-store.ts';
import { useSettingsStore } from '#renderer/stores/settings-store.ts';

const MODES = [
  { mode: 'simulation', title: 'Simulation', text: 'The built-in market simulator and a paper broker. No OpenAlgo needed.' },
  { mode: 'paper', title: 'Paper', text: 'Real market data from OpenAlgo; orders go to the paper broker. Needs a saved OpenAlgo connection.' },
] as const;

/**
 * The trading mode, switched here at once: simulation and paper after one confirmation, live through the
 * arming step (the account named, the confirmation word typed), and back from live like any switch.
 */
export function ModeSection() {
  const settings = useSettingsStore((s) => s.settings);
  const message = useSettingsStore((s) => s.message);
  const busy = useSettingsStore((s) => s.busy);
  const confirming = useSettingsStore((s) => s.confirming);
  const liveAccount = useSettingsStore((s) => s.liveAccount);
  const connection = useSessionStore((s) => s.connection);
  const stale = useStale();
  useEffect(() => {
    if (connection === 'open') void useSettingsStore.getState().load();
  }, [connection]);
  const running = settings?.mode;
  const restartNeeded = settings !== undefined && settings.savedMode !== settings.mode;
  return (
    <section className="settings-section" data-testid="mode-settings">
      <h3>Trading mode</h3>
      <div className="mode-options" role="radiogroup" aria-label="Trading mode">
        {MODES.map((m) => (
          <label key={m.mode} className={`mode-option${running === m.mode ? ' chosen' : ''}`}>
            <input
              type="radio"
              name="mode"
              checked={running === m.mode}
              disabled={busy || stale || !settings}
              onChange={() => useSettingsStore.getState().askMode(m.mode)}
              data-testid={`mode-${m.mode}`}
            />
            <span>
              <strong>{m.title}</strong>
              {running === m.mode ? <span className="tag">running</span> : null}
              <span className="muted small block">{m.text}</span>
            </span>
          </label>
        ))}
        <label className={`mode-option${running === 'live' ? ' chosen live-chosen' : ''}`}>
          <input
            type="radio"
            name="mode"
            checked={running === 'live'}
            disabled={busy || stale || !settings || running === 'live'}
            onChange={() => void useSettingsStore.getState().askLive()}
            data-testid="mode-live"
          />
          <span>
            <strong className="live-text">Live</strong>
            {running === 'live' ? <span className="tag tag-live">running</span> : null}
            <span className="muted small block" data-testid="mode-live-note">
              Real orders with real money through OpenAlgo. Switched on only through the arming step: it names the broker account and asks you to type LIVE.
            </span>
          </span>
        </label>
      </div>
      <p className="muted small" data-testid="mode-book-rule">
        A switch stops this mode’s engine and starts the other one at once. It is refused while this run holds open positions or working orders: close them first
        (stop the bots, or KILL).
      </p>
      {restartNeeded ? (
        <p className="warn-text small" data-testid="mode-restart-note">
          config.json says {settings.savedMode} mode, which the terminal starts in next time; it runs in {settings.mode} mode now.
        </p>
      ) : null}
      {message ? (
        <p className={message.kind === 'error' ? 'error' : 'muted small'} role={message.kind === 'error' ? 'alert' : 'status'} data-testid="mode-message">
          {message.text}
        </p>
      ) : null}
      {confirming && running ? <ConfirmSwitch from={running} to={confirming} /> : null}
      {liveAccount && running
        ? createPortal(
            <ArmDialog
              account={liveAccount}
              switchFrom={running}
              onArm={(remember, word) => useSettingsStore.getState().goLive(remember, word)}
              onCancel={() => useSettingsStore.getState().cancelLive()}
            />,
            document.body,
          )
        : null}
    </section>
  );
}

/** Says exactly what a switch does before it is made. */
function ConfirmSwitch({ from, to }: { from: string; to: 'simulation' | 'paper' }) {
  const profile = useConnectionStore((s) => s.profile);
  const cancel = useSettingsStore((s) => s.cancelMode);
  const busy = useSettingsStore((s) => s.busy);
  return (
    <ConfirmDialog
      title={`Switch to ${to} mode`}
      confirmLabel={`Switch to ${to}`}
      busyLabel="Switching…"
      cancelLabel="Cancel"
      busy={busy}
      tone="primary"
      onConfirm={() => void useSettingsStore.getState().setMode(to)}
      onCancel={cancel}
      testId="mode-confirm"
      confirmTestId="mode-confirm-button"
    >
      <ul className="small">
        <li>
          The {from} engine stops now; its book stays in the database as it is{from === 'simulation' ? ' (the simulated clock and market stop with it)' : ''}.
        </li>
        {from === 'live' ? <li>Live orders stop with it: the arming ends, and nothing more goes to the broker account.</li> : null}
        {to === 'paper' ? (
          <li>
            A paper engine starts on OpenAlgo’s market data{profile ? ` from ${profile.baseUrl}` : ''} and the wall clock. Orders go to the paper broker inside the
            terminal, never to the broker account. OpenAlgo is tested first; if it does not answer, nothing changes.
          </li>
        ) : (
          <li>The built-in market simulator starts again with its paper broker; no OpenAlgo is used.</li>
        )}
        <li>Bots come back as after a restart. Every panel starts again from the new engine.</li>
        <li>Refused, with nothing changed, while this run holds open positions or working orders.</li>
      </ul>
    </ConfirmDialog>
  );
}
