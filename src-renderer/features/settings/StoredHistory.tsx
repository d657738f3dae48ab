import { useEffect } from 'react';
import { useStale } from '#renderer/stores/session-store.ts';
import { historySummary, sourcesText } from './history-rows.ts';
import { useStoredHistoryStore } from './stored-history-store.ts';
import { useDataJobsStore } from './data-jobs-store.ts';

/** The history the database holds per instrument and bar size, and where its bars came from; read again when an import or download ends. */
export function StoredHistory() {
  const { listing, error, loading, filter, setFilter, load } = useStoredHistoryStore();
  const stale = useStale();
  const ended = useDataJobsStore((s) => (s.job && s.job.state !== 'running' ? s.job.id : undefined));
  useEffect(() => {
    void useStoredHistoryStore.getState().load();
  }, [ended]);
  return (
    <>
      <h4 className="data-heading">Stored history</h4>
      <form
        className="data-row data-form"
        onSubmit={(e) => {
          e.preventDefault();
          void load();
        }}
      >
        <input className="data-instrument" value={filter} onChange={(e) => setFilter(e.target.value)} placeholder="all, or NFO:NIFTY…" aria-label="Instrument id starts with" spellCheck={false} data-testid="history-filter" />
        <button type="submit" className="small-button" disabled={loading || stale} data-testid="history-refresh">
          Refresh
        </button>
      </form>
      {error ? (
        <p className="error" role="alert" data-testid="history-error">
          {error}
        </p>
      ) : null}
      {listing ? (
        listing.totalSeries === 0 ? (
          <p className="muted small" data-testid="history-empty">
            No stored bars{filter.trim() ? ' match' : ' yet'}: import CSV files, download history, or let the terminal record its feed.
          </p>
        ) : (
          <>
            <ul className="history-list" data-testid="history-table">
              {listing.series.map((s) => (
                <li key={`${s.instrumentId} ${s.timeframe}`} data-testid="history-row">
                  <div className="history-id">
                    {s.instrumentId}
                    <span className="muted">{s.timeframe}</span>
                  </div>
                  <div className="muted">
                    {s.bars.toLocaleString('en-IN')} bars · {s.sessions.toLocaleString('en-IN')} {s.sessions === 1 ? 'session' : 'sessions'} · {sourcesText(s.sources)}
                  </div>
                  <div className="muted">
                    {s.first} – {s.last} IST
                  </div>
                </li>
              ))}
            </ul>
            <p className="muted small" data-testid="history-summary">
              {historySummary(listing)}
            </p>
          </>
        )
      ) : null}
    </>
  );
}
