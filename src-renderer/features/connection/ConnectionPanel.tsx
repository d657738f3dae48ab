import { useEffect, useState, type FormEvent } from 'react';
import type { ConnectionDto } from '#contract/dto';
import { useConnectionStore, type ConnectionForm } from '#renderer/stores/connection-store.ts';
import { useSessionStore, useStale } from '#renderer/stores/session-store.ts';
import { canReconnect, feedStateText } from './feed-state.ts';

/** The OpenAlgo profile: URLs, the API key (write-only: it is never sent back to the page), a test of REST and WebSocket. */
export function ConnectionPanel() {
  const profile = useConnectionStore((s) => s.profile);
  const outcome = useConnectionStore((s) => s.outcome);
  const connection = useSessionStore((s) => s.connection);
  useEffect(() => {
    if (connection === 'open') void useConnectionStore.getState().load();
  }, [connection]);
  return (
    <section className="settings-section" data-testid="connection-panel">
      <h3>OpenAlgo connection</h3>
      <FeedStateView />
      {profile ? <ConnectionFormView key={`${profile.baseUrl}|${profile.wsUrl}`} initial={profile} /> : <p className="muted small">{outcome?.text ?? 'Loading…'}</p>}
    </section>
  );
}

/** What the market data feed is doing; a Reconnect button once it stopped retrying by itself. */
function FeedStateView() {
  const feed = useSessionStore((s) => s.session?.feed);
  const busy = useConnectionStore((s) => s.outcome?.kind === 'busy');
  const stale = useStale();
  const offer = canReconnect(feed);
  return (
    <div className="feed-state">
      <p className={offer ? 'feed-message small' : 'muted small'} data-testid="connection-feed-state">
        {stale ? 'The engine is not connected: the feed state below is the last one known. ' : ''}
        {feedStateText(feed)}
      </p>
      {offer ? (
        <div className="actions">
          <button type="button" disabled={busy || stale} onClick={() => void useConnectionStore.getState().reconnect()} data-testid="connection-reconnect">
            Reconnect
          </button>
        </div>
      ) : null}
    </div>
  );
}

function ConnectionFormView({ initial }: { initial: ConnectionDto }) {
  const outcome = useConnectionStore((s) => s.outcome);
  const { test, save } = useConnectionStore.getState();
  const [form, setForm] = useState<ConnectionForm>({ baseUrl: initial.baseUrl, wsUrl: initial.wsUrl, apiKey: '' });
  const stale = useStale();
  const busy = outcome?.kind === 'busy' || stale;
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void save(form).then((saved) => {
      if (saved) setForm((f) => ({ ...f, apiKey: '' }));
    });
  };
  const field = (key: keyof ConnectionForm) => ({
    value: form[key],
    onChange: (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value }),
    'aria-invalid': outcome?.kind === 'error' && outcome.field === key ? true : undefined,
  });

  return (
    <form className="form" onSubmit={onSubmit} noValidate data-testid="connection-form">
      <label>
        Host URL
        <input type="url" {...field('baseUrl')} placeholder="http://127.0.0.1:5000" data-testid="connection-base-url" />
      </label>
      <label>
        WebSocket URL
        <input type="text" {...field('wsUrl')} placeholder="ws://127.0.0.1:8765" data-testid="connection-ws-url" />
      </label>
      <label>
        API key
        <input
          type="password"
          autoComplete="off"
          {...field('apiKey')}
          placeholder={initial.hasApiKey ? 'saved (type to replace)' : 'from OpenAlgo → API Key'}
          data-testid="connection-api-key"
        />
      </label>
      <div className="actions">
        <button type="button" disabled={busy} onClick={() => void test(form)} data-testid="connection-test">
          Test connection
        </button>
        <button type="submit" disabled={busy} data-testid="connection-save">
          Save
        </button>
      </div>
      {outcome ? (
        <p className={outcome.kind === 'error' ? 'error' : 'muted small'} role={outcome.kind === 'error' ? 'alert' : 'status'} data-testid="connection-outcome" data-kind={outcome.kind}>
          {outcome.text}
        </p>
      ) : null}
    </form>
  );
}
