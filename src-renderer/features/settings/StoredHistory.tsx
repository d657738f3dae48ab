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
            <div className="history-table-wrap">
              <table className="table history-table" data-testid="history-table">
                <thead>
                  <tr>
                    <th>Instrument</th>
                    <th>Bars</th>
                    <th className="num">Count</th>
                    <th className="num">Sessions</th>
                    <th>First – last (IST)</th>
                    <th>From</th>
                  </tr>
                </thead>
                <tbody>
                  {listing.series.map((s) => (
                    <tr key={`${s.instrumentId} ${s.timeframe}`} data-testid="history-row">
                      <td>{s.instrumentId}</td>
                      <td>{s.timeframe}</td>
                      <td className="num">{s.bars.toLocaleString('en-IN')}</td>
                      <td className="num">{s.sessions.toLocaleString('en-IN')}</td>
                      <td className="num history-range">
                        {s.first}
                        <br />
                        {s.last}
                      </td>
                      <td>{sourcesText(s.sources)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <p className="muted small" data-testid="history-summary">
              {historySummary(listing)}
            </p>
          </>
        )
      ) : null}
    </>
  );
}
