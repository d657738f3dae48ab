import { useEffect, useState } from 'react';
import { useSessionStore, useStale } from '#renderer/stores/session-store.ts';
import { useSettingsStore } from '#renderer/stores/settings-store.ts';
import { EMPTY_IMPORT, HISTORY_INSTRUMENTS, historyRequest, importRequest, type ImportForm } from './data-forms.ts';
import { followDataJobs, useDataJobsStore } from './data-jobs-store.ts';
import { StoredHistory } from './StoredHistory.tsx';

const TIMEFRAMES = ['1m', '3m', '5m', '15m', '30m', '60m', '1d'] as const;

/** The data folder, CSV import and history download, with the running job's progress, and the history stored. */
export function DataSection() {
  const settings = useSettingsStore((s) => s.settings);
  const mode = useSessionStore((s) => s.session?.mode);
  const stale = useStale();
  const { job, error, startImport, startHistory, setError } = useDataJobsStore();
  const [form, setForm] = useState<ImportForm>(EMPTY_IMPORT);
  const [legs, setLegs] = useState<string[]>(['NSE_INDEX:NIFTY', 'NSE_INDEX:BANKNIFTY']);
  const [tf, setTf] = useState<'1m' | '1d'>('1d');
  const [days, setDays] = useState('365');
  useEffect(() => followDataJobs(), []);
  const running = job?.state === 'running';
  const put = (patch: Partial<ImportForm>) => setForm({ ...form, ...patch });
  const submitImport = () => {
    const r = importRequest(form);
    if (r.ok) void startImport(r.input);
    else setError(r.error);
  };
  const submitHistory = () => {
    const r = historyRequest(legs, tf, days);
    if (r.ok) void startHistory(r.input);
    else setError(r.error);
  };
  return (
    <section className="settings-section" data-testid="data-settings">
      <h3>Data</h3>
      {settings ? (
        <dl className="data-paths">
          {settings.dataDir ? (
            <>
              <dt>Data folder</dt>
              <dd data-testid="data-dir">{settings.dataDir}</dd>
            </>
          ) : null}
          <dt>Settings file</dt>
          <dd>{settings.configFile}</dd>
        </dl>
      ) : null}

      <h4 className="data-heading">Import CSV</h4>
      <form
        className="form data-form"
        onSubmit={(e) => {
          e.preventDefault();
          submitImport();
        }}
      >
        <label>
          File or folder (full path, on the terminal’s machine)
          <input value={form.path} onChange={(e) => put({ path: e.target.value })} placeholder="/home/me/data/nifty-1m.csv" spellCheck={false} data-testid="import-path" />
        </label>
        <div className="data-row">
          <select value={form.format} onChange={(e) => put({ format: e.target.value as ImportForm['format'] })} aria-label="Format" data-testid="import-format">
            <option value="ohlcv">OHLCV (broker, TradingView)</option>
            <option value="nse-fo-bhavcopy">NSE F&amp;O bhavcopy</option>
          </select>
          {form.format === 'ohlcv' ? (
            <>
              <input className="data-instrument" value={form.instrumentId} onChange={(e) => put({ instrumentId: e.target.value })} aria-label="Instrument" data-testid="import-instrument" />
              <select value={form.timeframe} onChange={(e) => put({ timeframe: e.target.value })} aria-label="Bar size" data-testid="import-timeframe">
                {TIMEFRAMES.map((t) => (
                  <option key={t}>{t}</option>
                ))}
              </select>
              <select value={form.timezone} onChange={(e) => put({ timezone: e.target.value as ImportForm['timezone'] })} aria-label="Time zone" data-testid="import-timezone">
                <option value="">times in…</option>
                <option value="IST">IST</option>
                <option value="UTC">UTC</option>
              </select>
              <select value={form.stamp} onChange={(e) => put({ stamp: e.target.value as ImportForm['stamp'] })} aria-label="Time marks" data-testid="import-stamp">
                <option value="">a row’s time is…</option>
                <option value="start">bar start (09:15 first)</option>
                <option value="end">bar end (09:16 first)</option>
              </select>
            </>
          ) : null}
        </div>
        <div className="actions">
          <button type="submit" disabled={running || stale} data-testid="import-start">
            Import
          </button>
        </div>
      </form>

      <h4 className="data-heading">Download history through OpenAlgo</h4>
      {mode === 'simulation' ? (
        <p className="muted small" data-testid="history-simulation-note">
          In simulation the history is generated; downloading needs paper or live mode (OpenAlgo).
        </p>
      ) : (
        <form
          className="form data-form"
          onSubmit={(e) => {
            e.preventDefault();
            submitHistory();
          }}
        >
          <span className="param-set">
            {HISTORY_INSTRUMENTS.map((id) => (
              <label key={id} className="inline-check">
                <input type="checkbox" checked={legs.includes(id)} onChange={(e) => setLegs(e.target.checked ? [...legs, id] : legs.filter((x) => x !== id))} />
                {id.split(':')[1]}
              </label>
            ))}
          </span>
          <div className="data-row">
            <select value={tf} onChange={(e) => setTf(e.target.value as '1m' | '1d')} aria-label="Bar size" data-testid="history-timeframe">
              <option value="1d">daily bars</option>
              <option value="1m">1-minute bars</option>
            </select>
            <input className="data-days num" value={days} onChange={(e) => setDays(e.target.value)} aria-label="Days back" inputMode="numeric" data-testid="history-days" />
            <span className="muted small-inline">days back</span>
            <button type="submit" disabled={running || stale} data-testid="history-start">
              Download
            </button>
          </div>
        </form>
      )}

      {error ? (
        <p className="error" role="alert" data-testid="data-error">
          {error}
        </p>
      ) : null}
      {job ? (
        <div className={`data-job data-job-${job.state}`} data-testid="data-job" data-state={job.state}>
          <div className="data-job-head">
            <strong>{job.title}</strong>
            <span className="muted small-inline">{job.state === 'running' ? `${Math.floor(job.progress * 100)} %` : job.state}</span>
          </div>
          <progress max={1} value={job.progress} data-testid="data-job-progress" />
          <p className={job.state === 'failed' ? 'error' : 'small'} data-testid="data-job-detail">
            {job.detail}
          </p>
          {job.problems.length > 0 ? (
            <ul className="data-problems" data-testid="data-job-problems">
              {job.problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}

      <StoredHistory />
    </section>
  );
}
