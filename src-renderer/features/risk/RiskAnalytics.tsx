import { useEffect } from 'react';
import type { VarHistoryDto } from '#contract/risk-analytics-dto';
import { formatInr, formatIstTime } from '#renderer/lib/format.ts';
import { useStale } from '#renderer/stores/session-store.ts';
import { followRiskAnalytics, useRiskAnalyticsStore } from './risk-analytics-store.ts';
import { horizonTitle, methodTitle, sparkPoints, varLines, varSeries } from './var-view.ts';

const CONFIDENCES = [0.95, 0.99] as const;
const pct = (c: number): string => `${Math.round(c * 100)} %`;

function VarHistoryChart({ data }: { data: VarHistoryDto }) {
  const series = (['historical', 'monte-carlo'] as const).map((m) => ({ method: m, points: varSeries(data.history, m, 0.99) }));
  const all = series.flatMap((s) => s.points);
  if (all.length < 2) return <p className="muted small">The history fills in as VaR refreshes (every {Math.round(data.refreshSeconds / 60)} min and after each fill).</p>;
  const scale = { t0: Math.min(...all.map((p) => p.ts)), t1: Math.max(...all.map((p) => p.ts)), max: Math.max(...all.map((p) => p.value), data.limit?.maxLoss ?? 0) };
  const [w, h] = [320, 60];
  return (
    <figure className="var-history" data-testid="var-history">
      <svg viewBox={`0 0 ${w} ${h}`} width="100%" height={h} preserveAspectRatio="none" role="img" aria-label="One-day 99 % VaR over time">
        {data.limit ? <line x1={0} x2={w} y1={h - (data.limit.maxLoss / (scale.max || 1)) * h} y2={h - (data.limit.maxLoss / (scale.max || 1)) * h} className="var-limit-line" /> : null}
        {series.map((s) => (
          <polyline key={s.method} className={`var-line var-line-${s.method}`} points={sparkPoints(s.points, scale, w, h)} fill="none" />
        ))}
      </svg>
      <figcaption className="small muted">
        One-day 99 % VaR, {formatIstTime(scale.t0)}–{formatIstTime(scale.t1)}: <span className="var-key var-key-historical">historical</span> <span className="var-key var-key-monte-carlo">Monte Carlo</span>
        {data.limit ? <span className="var-key var-key-limit">limit</span> : null} · top {formatInr(scale.max)}
      </figcaption>
    </figure>
  );
}

function VarSection() {
  const data = useRiskAnalyticsStore((s) => s.var);
  const error = useRiskAnalyticsStore((s) => s.varError);
  if (!data) return <p className="muted small">{error ?? 'Computing VaR…'}</p>;
  const { latest, limit } = data;
  const lines = varLines(latest.rows);
  return (
    <div data-testid="var-section">
      <p className="small muted">
        Full revaluation of {latest.legs} leg{latest.legs === 1 ? '' : 's'} at {formatIstTime(latest.ts)}; refreshed every {Math.round(data.refreshSeconds / 60)} min and after each fill.
      </p>
      {lines.length > 0 ? (
        <table className="var-table" data-testid="var-table">
          <thead>
            <tr>
              <th>Method</th>
              <th>Horizon</th>
              {CONFIDENCES.map((c) => (
                <th key={`v${c}`} className="num">
                  VaR {pct(c)}
                </th>
              ))}
              {CONFIDENCES.map((c) => (
                <th key={`e${c}`} className="num">
                  ES {pct(c)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {lines.map((l) => (
              <tr key={`${l.method}|${l.horizon}`} data-testid="var-row" data-method={l.method} data-horizon={l.horizon}>
                <td>{methodTitle(l.method)}</td>
                <td>{horizonTitle(l.horizon)}</td>
                {CONFIDENCES.map((c) => {
                  const r = l.at.get(c);
                  return (
                    <td key={`v${c}`} className="num" title={r ? `95 % interval of the estimate ${formatInr(r.varLow)}–${formatInr(r.varHigh)} over ${r.scenarios} scenarios; worst: ${r.worst}` : undefined}>
                      {r ? formatInr(r.var) : '—'}
                    </td>
                  );
                })}
                {CONFIDENCES.map((c) => {
                  const r = l.at.get(c);
                  return (
                    <td key={`e${c}`} className="num">
                      {r ? formatInr(r.es) : '—'}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {latest.unavailable.map((u) => (
        <p key={`${u.method}|${u.horizon}`} className="small warn-text" data-testid="var-unavailable">
          {methodTitle(u.method)} {u.horizon}: {u.reason}
        </p>
      ))}
      <p className="small" data-testid="var-limit">
        {limit
          ? `Pre-trade VaR limit: ${formatInr(limit.maxLoss)}, one-day ${pct(limit.confidence)} ${methodTitle(limit.method).toLowerCase()}. It reprices the book with the order over the last refresh's scenarios (at most ${Math.round(data.refreshSeconds / 60)} min old).`
          : 'No pre-trade VaR limit (risk.var.limit in config.json).'}
      </p>
      <VarHistoryChart data={data} />
    </div>
  );
}

function StressSection() {
  const stress = useRiskAnalyticsStore((s) => s.stress);
  const error = useRiskAnalyticsStore((s) => s.stressError);
  const exporting = useRiskAnalyticsStore((s) => s.exporting);
  const exportError = useRiskAnalyticsStore((s) => s.exportError);
  const stale = useStale();
  if (!stress) return <p className="muted small">{error ?? 'Computing the stress scenarios…'}</p>;
  return (
    <div data-testid="stress-section">
      <div className="stress-head">
        <span className="small" data-testid="stress-limit">
          {stress.limit !== null ? `Pre-trade stress limit: the book may lose at most ${formatInr(stress.limit)} in any scenario.` : 'No pre-trade stress limit (risk.stress.maxLoss in config.json).'}
        </span>
        <button type="button" className="small-button" disabled={exporting || stale} onClick={() => void useRiskAnalyticsStore.getState().exportStress()} data-testid="stress-export">
          {exporting ? 'Exporting…' : 'Export HTML'}
        </button>
      </div>
      {exportError ? (
        <p className="error" role="alert">
          {exportError}
        </p>
      ) : null}
      <div className="stress-scroll">
        <table className="stress-table" data-testid="stress-table">
          <thead>
            <tr>
              <th>Scenario</th>
              <th>Move</th>
              <th className="num">Book</th>
              {stress.owners.map((o) => (
                <th key={o} className="num">
                  {o}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {stress.rows.map((r) => (
              <tr key={r.id} className={r.id === stress.worst.id && stress.worst.loss > 0 ? 'stress-worst' : undefined} data-testid="stress-row" data-id={r.id} title={`${r.description} (${r.source})`}>
                <td>{r.name}</td>
                <td className="muted">{r.move}</td>
                <td className={`num ${r.pnl < 0 ? 'down' : r.pnl > 0 ? 'up' : ''}`}>{formatInr(r.pnl)}</td>
                {stress.owners.map((o) => {
                  const v = r.byBot[o] ?? 0;
                  return (
                    <td key={o} className={`num ${v < 0 ? 'down' : v > 0 ? 'up' : ''}`}>
                      {formatInr(v)}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {stress.owners.length === 0 ? <p className="muted small">No open positions: every scenario is ₹0.</p> : null}
    </div>
  );
}

/** Portfolio VaR/ES with its history and the stress scenarios by bot, beside the limits. */
export function RiskAnalytics() {
  useEffect(() => followRiskAnalytics(), []);
  return (
    <section className="risk-analytics" aria-label="VaR and stress">
      <h3>Value at risk and expected shortfall</h3>
      <VarSection />
      <h3>Stress scenarios</h3>
      <StressSection />
    </section>
  );
}
