import { useEffect, useState, type FormEvent } from 'react';
import type { ConnectionDto } from '#contract/dto';
import { useConnectionStore, type ConnectionForm } from '#renderer/stores/connection-store.ts';
import { useSessionStore } from '#renderer/stores/session-store.ts';
import { canReconnect, feedStateText } from './feed-state.ts';

/** The OpenAlgo profile: URLs, the API key (write-only: it is never sent back to the page), a test. */
export function ConnectionPanel() {
  const loaded = useConnectionStore((s) => s.profile !== undefined);
  const initial = useConnectionStore.getState().profile;
  const outcome = useConnectionStore((s) => s.outcome);
  useEffect(() => {
    void useConnectionStore.getState().load();
  }, []);
  return (
    <section className="panel connection-panel">
      <div className="panel-head">
        <h2>OpenAlgo connection</h2>
      </div>
      <FeedStateView />
      {loaded && initial ? <ConnectionFormView initial={initial} /> : <p className="muted small form">{outcome?.text ?? 'Loading…'}</p>}
    </section>
  );
}

/** What the market data feed is doing; a Reconnect button once it stopped retrying by itself. */
function FeedStateView() {
  const feed = useSessionStore((s) => s.session?.feed);
  const busy = useConnectionStore((s) => s.outcome?.kind === 'busy');
  const offer = canReconnect(feed);
  return (
    <div className="form feed-state">
      <p className={offer ? 'feed-message small' : 'muted small'} data-testid="connection-feed-state">
        {feedStateText(feed)}
      </p>
      {offer ? (
        <div className="actions">
          <button type="button" disabled={busy} onClick={() => void useConnectionStore.getState().reconnect()} data-testid="connection-reconnect">
            Reconnect
          </button>
        </div>
      ) : null}
    </div>
  );
}

function ConnectionFormView({ initial }: { initial: ConnectionDto }) {
  const profile = useConnectionStore((s) => s.profile) ?? initial;
  const outcome = useConnectionStore((s) => s.outcome);
  const { test, save } = useConnectionStore.getState();
  const [form, setForm] = useState<ConnectionForm>({ baseUrl: initial.baseUrl, wsUrl: initial.wsUrl, apiKey: '' });

  const busy = outcome?.kind === 'busy';
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void save(form).then(() => setForm((f) => ({ ...f, apiKey: '' })));
  };
  const field = (key: keyof ConnectionForm) => ({
    value: form[key],
    onChange: (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value }),
  });

  return (
    <form className="form" onSubmit={onSubmit} data-testid="connection-form">
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
          placeholder={profile?.hasApiKey ? 'saved (type to replace)' : 'from OpenAlgo → API Key'}
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
        <p className={outcome.kind === 'error' ? 'error' : 'muted small'} role={outcome.kind === 'error' ? 'alert' : 'status'} data-testid="connection-outcome">
          {outcome.text}
        </p>
      ) : null}
    </form>
  );
}
