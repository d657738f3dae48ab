import { useState } from 'react';
import type { FindingDto, LimitUsageDto } from '#contract/trading-dto';
import { ConfirmDialog } from '#renderer/components/ConfirmDialog.tsx';
import { ShockTable } from '#renderer/components/ShockTable.tsx';
import { formatInr, formatIstTime } from '#renderer/lib/format.ts';
import { useStale } from '#renderer/stores/session-store.ts';
import { RiskAnalytics } from './RiskAnalytics.tsx';
import { barWidth, groupByScope, scopeTitle, usageLevel, usageText } from './limit-bars.ts';
import { useRiskStore } from './risk-store.ts';
import './risk.css';

function UsageBar({ u }: { u: LimitUsageDto }) {
  const level = usageLevel(u);
  return (
    <div className={`usage usage-${level}`} data-testid="limit-usage" data-check={u.check} data-level={level}>
      <div className="usage-label">
        <span>{u.label}</span>
        <span className="num muted">{usageText(u)}</span>
      </div>
      <div className="usage-track" role="meter" aria-label={u.label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(barWidth(u))}>
        <div className="usage-fill" style={{ width: `${barWidth(u)}%` }} />
      </div>
    </div>
  );
}

function FindingRow({ f, stale }: { f: FindingDto; stale: boolean }) {
  const askRepair = useRiskStore((s) => s.askRepair);
  const clearFinding = useRiskStore((s) => s.clearFinding);
  const [clearing, setClearing] = useState(false);
  const [note, setNote] = useState('');
  return (
    <li className={`finding finding-${f.severity}`} data-testid="finding" data-kind={f.kind}>
      <div className="finding-head">
        <span className="finding-kind">{f.kind}</span>
        {f.blocking ? <span className="tag">blocks {f.botId ?? 'bot'}</span> : null}
        <span className="muted small-inline">
          {f.source} · {f.subject} · {formatIstTime(f.tsRaised)}
        </span>
      </div>
      <p className="finding-message">{f.message}</p>
      <div className="actions">
        {(f.repairs ?? []).map((r) => (
          <button key={r.id} type="button" className="small-button" disabled={stale} title={r.description} onClick={() => askRepair({ finding: f, repair: r })} data-testid="finding-repair">
            {r.label}
          </button>
        ))}
        {clearing ? (
          <form
            className="inline-form"
            onSubmit={(e) => {
              e.preventDefault();
              void clearFinding(f.findingId, note).then((done) => done && setClearing(false));
            }}
          >
            <input value={note} onChange={(e) => setNote(e.target.value)} placeholder="What you did about it" aria-label="What you did about it" />
            <button type="submit" className="small-button" disabled={stale || note.trim() === ''}>
              Clear
            </button>
          </form>
        ) : (
          <button type="button" className="small-button" disabled={stale} onClick={() => setClearing(true)}>
            I dealt with it…
          </button>
        )}
      </div>
    </li>
  );
}

function RepairDialog() {
  const c = useRiskStore((s) => s.confirming);
  const working = useRiskStore((s) => s.working);
  const error = useRiskStore((s) => s.error);
  const cancel = useRiskStore((s) => s.cancelRepair);
  const confirm = useRiskStore((s) => s.confirmRepair);
  if (!c) return null;
  return (
    <ConfirmDialog
      title={`Repair: ${c.repair.label}`}
      confirmLabel={c.repair.label}
      busyLabel="Repairing…"
      cancelLabel="Not now"
      busy={working}
      tone="danger"
      {...(error ? { error } : {})}
      onConfirm={() => void confirm()}
      onCancel={cancel}
      testId="repair-dialog"
      confirmTestId="repair-confirm"
    >
      <p>{c.finding.message}</p>
      <p>{c.repair.description}</p>
      <p className="small muted">The broker's books are read again first; the repair is refused if they no longer show the problem. It is recorded in the audit log.</p>
    </ConfirmDialog>
  );
}

/** Every limit's use, the book's shock table, and the findings the trader must settle with their repairs. */
export function RiskPanel() {
  const risk = useRiskStore((s) => s.risk);
  const findings = useRiskStore((s) => s.findings);
  const shock = useRiskStore((s) => s.shock);
  const shockError = useRiskStore((s) => s.shockError);
  const error = useRiskStore((s) => s.error);
  const stale = useStale();
  return (
    <div className="panel-body scroll risk-panel" data-testid="risk-panel">
      {risk ? (
        <div className="risk-summary">
          <span className={`trading-state state-${risk.state}`} data-testid="risk-state">
            {risk.state}
          </span>
          {risk.cause ? <span className="muted small-inline">{risk.cause}</span> : null}
          <span>
            Day P&amp;L <span className={`num ${risk.dayPnl >= 0 ? 'up' : 'down'}`}>{formatInr(risk.dayPnl)}</span>
          </span>
          <span className="muted small-inline">
            peak <span className="num">{formatInr(risk.dayPeakPnl)}</span>
          </span>
          {risk.unvalued ? <span className="warn-text small-inline">{risk.unvalued}</span> : null}
        </div>
      ) : (
        <p className="muted pad">Waiting for the engine…</p>
      )}
      <div className="risk-columns">
        <section className="risk-limits" aria-label="Limits">
          {risk
            ? groupByScope(risk.limits).map((g) => (
                <div key={g.scope} className="limit-group">
                  <h3>{scopeTitle(g.scope)}</h3>
                  {g.limits.map((u) => (
                    <UsageBar key={`${u.check}|${u.label}`} u={u} />
                  ))}
                </div>
              ))
            : null}
        </section>
        <section className="risk-side">
          <h3>Shock table (whole book)</h3>
          {shock ? <ShockTable table={shock} testId="book-shock" /> : <p className="muted small">{shockError ?? 'Computing…'}</p>}
          <h3 className="findings-title">
            Findings <span className="num muted">{findings.length}</span>
          </h3>
          {error ? (
            <p className="error" role="alert">
              {error}
            </p>
          ) : null}
          {findings.length === 0 ? (
            <p className="muted small" data-testid="no-findings">
              Nothing to settle: the store and the broker's books agree.
            </p>
          ) : (
            <ul className="findings">
              {findings.map((f) => (
                <FindingRow key={f.findingId} f={f} stale={stale} />
              ))}
            </ul>
          )}
        </section>
      </div>
      <RiskAnalytics />
      <RepairDialog />
    </div>
  );
}
