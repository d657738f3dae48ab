import { Modal } from '#renderer/components/Modal.tsx';
import { formatIstClock, formatIstDate } from '#renderer/lib/format.ts';
import { useBotsStore } from '#renderer/stores/bots-store.ts';
import { useSignalsStore } from '#renderer/stores/signals-store.ts';
import { DECISION_LABEL, formatInput, formatScore, inputLabel, signalHeadline, SOURCE_LABEL, splitInputs, STATUS_LABEL } from './explain.ts';
import './signals.css';

/**
 * Why a bot did or did not act: the decision and its reason, the regime, each source's score and weight,
 * the combined score, the thresholds and values the rule read, and the rules not applied as written.
 */
export function SignalExplanation() {
  const s = useSignalsStore((x) => x.selected);
  const missing = useSignalsStore((x) => x.missing);
  const close = useSignalsStore((x) => x.close);
  const bot = useBotsStore((x) => x.bots.find((b) => b.id === s?.botId));
  if (!s && !missing) return null;
  if (!s) {
    return (
      <Modal title="Signal" onClose={close} testId="signal-explanation">
        <p className="error">{missing}</p>
      </Modal>
    );
  }
  const { thresholds, values } = splitInputs(s.inputs);
  return (
    <Modal title={`${bot?.name ?? s.botId} — ${signalHeadline(s)}`} onClose={close} testId="signal-explanation" wide>
      <p className={`signal-decision decision-${s.decision.kind}`} data-testid="signal-decision">
        <span className="decision">{DECISION_LABEL[s.decision.kind]}</span> {s.decision.reason}
      </p>
      <p className="muted small">
        {formatIstDate(s.tsEvent)} {formatIstClock(s.tsEvent)} · rule {s.rule} · direction {s.direction} · strength {formatScore(s.strength)}
        {s.regime ? ` · regime ${s.regime.regime} (${Math.round(s.regime.confidence * 100)} %, ${s.regime.source})` : ' · regime not known'}
        {s.intentIds.length > 0 ? ` · ${s.intentIds.length} order intent${s.intentIds.length > 1 ? 's' : ''}` : ''}
      </p>
      {s.sources.length > 0 ? (
        <table className="table explain-table" data-testid="signal-sources">
          <thead>
            <tr>
              <th>Source</th>
              <th>Status</th>
              <th>Direction</th>
              <th className="num">Score</th>
              <th className="num">Weight</th>
              <th className="num">Used weight</th>
              <th>Detail</th>
            </tr>
          </thead>
          <tbody>
            {s.sources.map((x) => (
              <tr key={x.source} className={x.status === 'ok' ? '' : 'muted'}>
                <td>{SOURCE_LABEL[x.source]}</td>
                <td>{STATUS_LABEL[x.status]}</td>
                <td>{x.status === 'ok' ? x.direction : '—'}</td>
                <td className="num">{x.status === 'ok' ? formatScore(x.score) : '—'}</td>
                <td className="num">{formatScore(x.weight)}</td>
                <td className="num">{formatScore(x.effectiveWeight)}</td>
                <td className="wrap">{x.detail}</td>
              </tr>
            ))}
          </tbody>
          {s.combined ? (
            <tfoot>
              <tr data-testid="signal-combined">
                <td>Combined</td>
                <td />
                <td>{s.combined.direction}</td>
                <td className="num">{formatScore(s.combined.score)}</td>
                <td className="num">{formatScore(s.combined.availableWeight)}</td>
                <td />
                <td className="wrap">consensus {formatScore(s.combined.consensus)}{s.combined.availableWeight < 1 ? ': weights renormalised over the available sources' : ''}</td>
              </tr>
            </tfoot>
          ) : null}
        </table>
      ) : (
        <p className="muted small">This rule decides on its own inputs: no scored sources.</p>
      )}
      <div className="explain-columns">
        <InputTable title="Thresholds" rows={thresholds} testId="signal-thresholds" empty="No threshold recorded with this signal." />
        <InputTable title="Inputs" rows={values} testId="signal-inputs" empty="No inputs recorded." />
      </div>
      {s.notes.length > 0 ? (
        <section data-testid="signal-notes">
          <h3>Not applied as written</h3>
          <ul className="explain-notes">
            {s.notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </section>
      ) : null}
    </Modal>
  );
}

function InputTable({ title, rows, testId, empty }: { title: string; rows: [string, string | number | boolean | null][]; testId: string; empty: string }) {
  return (
    <section data-testid={testId}>
      <h3>{title}</h3>
      {rows.length === 0 ? (
        <p className="muted small">{empty}</p>
      ) : (
        <table className="table">
          <tbody>
            {rows.map(([k, v]) => (
              <tr key={k}>
                <td className="muted">{inputLabel(k)}</td>
                <td className="num">{formatInput(v)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
