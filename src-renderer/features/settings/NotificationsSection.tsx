import { useEffect } from 'react';
import { NOTIFY_KIND_NAMES } from '#contract/notify-dto';
import { useSessionStore, useStale } from '#renderer/stores/session-store.ts';
import { NOTIFY_KIND_LABELS } from './notify-form.ts';
import { useNotifySettingsStore } from './notify-settings-store.ts';

function Note({ message, testId }: { message?: { kind: 'ok' | 'error'; text: string }; testId: string }) {
  if (!message) return null;
  return (
    <p className={message.kind === 'error' ? 'error' : 'muted small'} role={message.kind === 'error' ? 'alert' : 'status'} data-testid={testId}>
      {message.text}
    </p>
  );
}

/**
 * Notifications: desktop (in the app), Telegram with its chat and bot token, and per kind on/off and rate.
 * The token goes to the secret store and never comes back: the terminal only says whether one is saved.
 */
export function NotificationsSection() {
  const s = useNotifySettingsStore();
  const connection = useSessionStore((x) => x.connection);
  const stale = useStale();
  useEffect(() => {
    if (connection === 'open') void useNotifySettingsStore.getState().load();
  }, [connection]);
  const { view, draft } = s;
  if (!view || !draft) {
    return (
      <section className="settings-section" data-testid="notify-settings">
        <h3>Notifications</h3>
        <p className="muted small">{s.message?.text ?? 'Loading…'}</p>
      </section>
    );
  }
  const err = (key: string) =>
    s.errors[key] ? (
      <span className="error block" data-testid={`notify-${key.replace(/\./g, '-')}-error`}>
        {s.errors[key]}
      </span>
    ) : null;
  const tokenText = view.telegram.token === 'set' ? (view.telegram.tokenSource === 'environment' ? 'set (TERMINAL_TELEGRAM_BOT_TOKEN, which wins over a saved one)' : 'set') : 'not set';
  return (
    <section className="settings-section" data-testid="notify-settings">
      <h3>Notifications</h3>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void s.save();
        }}
      >
        <div className="notify-grid">
          <label className="inline-check">
            <input type="checkbox" checked={draft.desktop} disabled={!view.desktopAvailable} onChange={(e) => s.edit((d) => void (d.desktop = e.target.checked))} data-testid="notify-desktop" />
            Desktop notifications{view.desktopAvailable ? '' : ' (in the desktop app only)'}
          </label>
          <label className="inline-check">
            <input type="checkbox" checked={draft.telegramEnabled} onChange={(e) => s.edit((d) => void (d.telegramEnabled = e.target.checked))} data-testid="notify-telegram" />
            Telegram
          </label>
          <label htmlFor="notify-chat-id">Chat id</label>
          <div>
            <input id="notify-chat-id" className="notify-chat" value={draft.chatId} placeholder="123456789 or @channel" onChange={(e) => s.edit((d) => void (d.chatId = e.target.value))} data-testid="notify-chat-id" />
            {err('telegram.chatId')}
            {err('telegram.enabled')}
          </div>
        </div>
        <table className="table risk-table notify-rules">
          <thead>
            <tr>
              <th>Tell me about</th>
              <th>On</th>
              <th className="num">At once</th>
              <th className="num">Then per minute</th>
            </tr>
          </thead>
          <tbody>
            {NOTIFY_KIND_NAMES.map((k) => (
              <tr key={k}>
                <td className="wrap">
                  <label htmlFor={`notify-rule-${k}`}>{NOTIFY_KIND_LABELS[k]}</label>
                  {err(`rules.${k}.burst`)}
                  {err(`rules.${k}.perMinute`)}
                </td>
                <td>
                  <input id={`notify-rule-${k}`} type="checkbox" checked={draft.rules[k].enabled} onChange={(e) => s.edit((d) => void (d.rules[k].enabled = e.target.checked))} data-testid={`notify-rule-${k}`} />
                </td>
                <td className="num">
                  <input className="num notify-rate" inputMode="numeric" aria-label={`${NOTIFY_KIND_LABELS[k]}: at once`} value={draft.rules[k].burst} onChange={(e) => s.edit((d) => void (d.rules[k].burst = e.target.value))} data-testid={`notify-burst-${k}`} />
                </td>
                <td className="num">
                  <input className="num notify-rate" inputMode="decimal" aria-label={`${NOTIFY_KIND_LABELS[k]}: per minute`} value={draft.rules[k].perMinute} onChange={(e) => s.edit((d) => void (d.rules[k].perMinute = e.target.value))} data-testid={`notify-per-minute-${k}`} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="actions risk-actions">
          <button type="submit" disabled={s.busy || stale} data-testid="notify-save">
            Save notifications
          </button>
          <span className="muted small-inline" data-testid="notify-active">
            Sending now: {view.active.sinks.length ? view.active.sinks.join(', ') : 'nothing'}
          </span>
        </div>
        {view.active.warning ? (
          <p className="warn-text small" data-testid="notify-warning">
            {view.active.warning}
          </p>
        ) : null}
        <Note message={s.message} testId="notify-message" />
      </form>
      <form
        className="notify-token"
        onSubmit={(e) => {
          e.preventDefault();
          void s.saveToken();
        }}
      >
        <p className="small">
          Telegram bot token: <strong data-testid="notify-token-state">{tokenText}</strong>
          {view.telegram.tokenProblem ? <span className="error block">{view.telegram.tokenProblem}</span> : null}
        </p>
        <div className="data-row">
          <input type="password" autoComplete="off" spellCheck={false} aria-label="Telegram bot token" placeholder={view.telegram.token === 'set' ? 'paste a new token to replace it' : 'paste the token from @BotFather'} value={s.token} onChange={(e) => s.typeToken(e.target.value)} data-testid="notify-token" />
          <button type="submit" disabled={s.busy || stale} data-testid="notify-token-save">
            {view.telegram.token === 'set' ? 'Replace token' : 'Save token'}
          </button>
          <button type="button" disabled={s.busy || stale || view.telegram.token !== 'set' || view.telegram.tokenSource === 'environment'} onClick={() => void s.saveToken(true)} data-testid="notify-token-clear">
            Remove token
          </button>
          <button type="button" disabled={s.busy || stale} onClick={() => void s.sendTest()} data-testid="notify-test">
            Send test message
          </button>
        </div>
        <Note message={s.tokenMessage} testId="notify-token-message" />
        <Note message={s.testMessage} testId="notify-test-message" />
      </form>
    </section>
  );
}
