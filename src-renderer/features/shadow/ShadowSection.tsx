import { useEffect } from 'react';
import { createPortal } from 'react-dom';
import type { ComparisonDto, VariantDto } from '#contract/risk-analytics-dto';
import { Modal } from '#renderer/components/Modal.tsx';
import { formatInr, formatIstDate } from '#renderer/lib/format.ts';
import { useStale } from '#renderer/stores/session-store.ts';
import { promoteWarning, settingsSummary, tradingTag, verdictTone } from './comparison-view.ts';
import { followShadows, useShadowStore } from './shadow-store.ts';
import './shadow.css';

function Comparison({ c }: { c: ComparisonDto }) {
  const rows: [string, (s: ComparisonDto['real']) => string][] = [
    ['P&L net of charges', (s) => formatInr(s.netPnl)],
    ['Charges', (s) => formatInr(s.charges)],
    ['Closed trades', (s) => String(s.trades)],
    ['Hit rate', (s) => `${Math.round(s.hitRate * 100)} %`],
    ['Max drawdown', (s) => formatInr(s.maxDrawdown)],
    ['Slippage per unit', (s) => (s.slippagePerUnit === null ? '—' : formatInr(s.slippagePerUnit, 2))],
  ];
  return (
    <div className="shadow-comparison" data-testid="shadow-comparison">
      <table className="shadow-table">
        <thead>
          <tr>
            <th>{c.days.length} session{c.days.length === 1 ? '' : 's'}</th>
            <th className="num">Bot</th>
            <th className="num">Variant</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([label, f]) => (
            <tr key={label}>
              <td>{label}</td>
              <td className="num">{f(c.real)}</td>
              <td className="num">{f(c.variant)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="small muted">{c.test ? `Welch’s t-test on daily P&L: t = ${c.test.t.toFixed(2)}, ${c.test.df.toFixed(1)} df, p = ${Number.isFinite(c.test.p) ? c.test.p.toFixed(3) : '—'}` : 'Welch’s test needs two sessions.'}</p>
      <p className={`small verdict verdict-${verdictTone(c)}`} data-testid="shadow-verdict" data-kind={c.verdict.kind}>
        {c.verdict.reason}
      </p>
    </div>
  );
}

function VariantRow({ v, stale }: { v: VariantDto; stale: boolean }) {
  const s = useShadowStore();
  const c = s.comparisons[v.variantId];
  const tag = tradingTag(v);
  return (
    <li className="shadow-variant" data-testid="shadow-variant" data-variant={v.variantId} data-status={v.status}>
      <div className="shadow-head">
        <strong>{v.label}</strong>
        <span className="muted small-inline">of {v.botId}</span>
        <span className={`tag shadow-${v.status}`}>{v.status}</span>
        {tag ? (
          <span className={`tag shadow-${tag.state}`} data-testid="shadow-trading" title="The variant's own risk layer holds back new positions (its loss limit or the kill switch)">
            {tag.text}
          </span>
        ) : null}
        <span className="muted small-inline">since {formatIstDate(v.tsCreated)}</span>
      </div>
      <p className="small shadow-settings">{settingsSummary(v)}</p>
      <div className="actions">
        <button type="button" className="small-button" onClick={() => void s.toggle(v.variantId)} aria-expanded={s.open === v.variantId} data-testid="shadow-compare">
          {s.open === v.variantId ? 'Hide comparison' : 'Compare'}
        </button>
        {v.status === 'running' ? (
          <button type="button" className="small-button" disabled={stale || s.working} onClick={() => void s.stop(v.variantId)} data-testid="shadow-stop">
            Stop
          </button>
        ) : null}
        {v.status !== 'promoted' ? (
          <button type="button" className="small-button" disabled={stale || s.working} onClick={() => void s.askPromote(v.variantId)} data-testid="shadow-promote">
            Promote…
          </button>
        ) : null}
      </div>
      {s.open === v.variantId && c ? <Comparison c={c} /> : null}
    </li>
  );
}

function PromoteDialog() {
  const s = useShadowStore();
  const v = s.variants.find((x) => x.variantId === s.confirming);
  if (!v) return null;
  const c = s.comparisons[v.variantId];
  const warning = promoteWarning(c);
  return createPortal(
    <Modal title={`Promote ${v.variantId}`} onClose={s.cancelPromote} testId="shadow-promote-dialog">
      <p>
        {v.botId} takes the variant’s settings: <strong>{settingsSummary(v)}</strong>. A running bot applies new parameters at its next evaluation with none of its orders in flight. The
        variant stops; the change is recorded in the audit log.
      </p>
      {c ? <Comparison c={c} /> : null}
      {warning ? (
        <p className="warn-text" data-testid="shadow-promote-warning">
          {warning}
        </p>
      ) : null}
      {s.error ? (
        <p className="error" role="alert">
          {s.error}
        </p>
      ) : null}
      <div className="actions">
        <button type="button" className="danger-button" disabled={s.working} onClick={() => void s.confirmPromote()} data-testid="shadow-promote-confirm">
          {s.working ? 'Promoting…' : `Give ${v.botId} these settings`}
        </button>
        <button type="button" onClick={s.cancelPromote}>
          Not now
        </button>
      </div>
    </Modal>,
    document.body,
  );
}

/**
 * Shadow A/B: the variants of the bots running on paper beside them (each on its own order path), their
 * comparison with the bot over the same sessions, and promotion with confirmation. A variant is started
 * from the bot's settings editor (Run as variant).
 */
export function ShadowSection() {
  const variants = useShadowStore((s) => s.variants);
  const error = useShadowStore((s) => s.error);
  const done = useShadowStore((s) => s.done);
  const stale = useStale();
  useEffect(() => followShadows(), []);
  return (
    <section className="shadow-section" aria-label="Shadow A/B" data-testid="shadow-section">
      <h3>Shadow A/B</h3>
      {variants.length === 0 ? <p className="muted small">No variants. Open a bot’s Settings…, change its parameters or sizing, and choose Run as variant: it trades on paper beside the bot.</p> : null}
      <ul className="shadow-list">
        {variants.map((v) => (
          <VariantRow key={v.variantId} v={v} stale={stale} />
        ))}
      </ul>
      {done ? (
        <p className="small" role="status" data-testid="shadow-done">
          {done}
        </p>
      ) : null}
      {error && !useShadowStore.getState().confirming ? (
        <p className="error" role="alert" data-testid="shadow-error">
          {error}
        </p>
      ) : null}
      <PromoteDialog />
    </section>
  );
}
