import { useState } from 'react';
import type { ModelDto, ModelKindDto } from '#contract/model-dto';
import { CompareTable, type CompareColumn } from '#renderer/components/CompareTable.tsx';
import { formatIstDate } from '#renderer/lib/format.ts';
import { useStale } from '#renderer/stores/session-store.ts';
import { calibrationErrors, canRollBack, dataRange, isRunning, jobLine, testWindow } from './model-rows.ts';
import { useModelsStore } from './models-store.ts';
import './models.css';

const KINDS: readonly ModelKindDto[] = ['rsi-lstm', 'pattern-cnn', 'break-validator', 'regime'];
const DEFAULT_INSTRUMENTS = 'NSE_INDEX:NIFTY, NSE_INDEX:BANKNIFTY';

const REGISTRY_COLUMNS: readonly CompareColumn[] = [
  { title: 'Version' },
  { title: 'Origin' },
  { title: 'Data' },
  { title: 'Out of sample' },
  { title: 'Calibration (ECE)' },
  { title: 'SHA-256', className: 'ml-sha' },
  { title: 'In force' },
];

function Calibration({ m }: { m: ModelDto }) {
  const rows = calibrationErrors(m);
  if (rows.length === 0) return <span className="muted">—</span>;
  return (
    <span title="Expected calibration error on the test window: how far the stated probabilities were from what happened (0 is perfect)">
      {rows.map((r) => `${r.output} ${r.ece === null ? '—' : r.ece.toFixed(3)}`).join(', ')}
    </span>
  );
}

function Registry() {
  const view = useModelsStore((s) => s.view);
  const picked = useModelsStore((s) => s.picked);
  const { pick, promote, working } = useModelsStore();
  const stale = useStale();
  if (!view) return <p className="muted pad">Loading the models…</p>;
  return (
    <CompareTable
      items={view.models}
      keyOf={(m) => m.modelId}
      columns={REGISTRY_COLUMNS}
      compare={(m) => ({ checked: picked.includes(m.modelId), label: `Compare ${m.modelId}`, onToggle: () => pick(m.modelId) })}
      rowData={(m) => ({ 'data-id': m.modelId, 'data-active': m.active ? 'true' : 'false' })}
      className="ml-table"
      testId="ml-registry"
      rowTestId="ml-model"
      boxTestId="ml-compare"
      cells={(m) => (
        <>
          <td title={`registered ${formatIstDate(m.createdAt)}, SHA-256 ${m.sha256}`}>{m.modelId}</td>
          <td>{m.origin}</td>
          <td title={m.data?.source}>
            {dataRange(m)}
            <div className="muted ml-small">{testWindow(m)}</div>
          </td>
          <td className="ml-summary">{m.summary}</td>
          <td className="num">
            <Calibration m={m} />
          </td>
          <td className="num ml-sha" title={m.sha256}>
            {m.sha256.slice(0, 12)}
          </td>
          <td>
            {m.active ? (
              <span className="up">in force</span>
            ) : (
              <button type="button" className="small-button" disabled={working || stale} onClick={() => void promote(m.modelId)} data-testid="ml-promote">
                Promote
              </button>
            )}
          </td>
        </>
      )}
    />
  );
}

function Slots() {
  const view = useModelsStore((s) => s.view);
  const { rollback, working } = useModelsStore();
  const stale = useStale();
  if (!view) return null;
  return (
    <div className="ml-slots" data-testid="ml-slots">
      {view.slots.map((s) => (
        <div key={s.kind} className="ml-slot" data-testid={`ml-slot-${s.kind}`} data-state={s.state}>
          <strong>{s.title}</strong> <span className={s.state === 'available' ? '' : 'down'}>{s.state === 'available' ? s.modelId : `not available: ${s.reason ?? ''}`}</span>
          {canRollBack(view.models, s.kind) ? (
            <button type="button" className="small-button" disabled={working || stale} onClick={() => void rollback(s.kind)} data-testid={`ml-rollback-${s.kind}`}>
              Roll back
            </button>
          ) : null}
        </div>
      ))}
    </div>
  );
}

function Comparison() {
  const c = useModelsStore((s) => s.comparison);
  if (!c) return <p className="muted pad ml-small">Tick two versions of one kind to compare them.</p>;
  return (
    <div className="ml-comparison" data-testid="ml-comparison">
      <table className="table ml-table">
        <tbody>
          {[c.a, c.b].map((m) => (
            <tr key={m.modelId}>
              <td>{m.modelId}</td>
              <td>{dataRange(m)}</td>
              <td className="ml-summary">{m.summary}</td>
              <td className="num">
                <Calibration m={m} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className={c.sameTestWindow ? 'muted ml-small' : 'warn-text ml-small'} data-testid="ml-comparison-note">
        {c.note}
      </p>
    </div>
  );
}

function Retrain() {
  const job = useModelsStore((s) => s.view?.job ?? null);
  const { retrain, cancelRetrain, working } = useModelsStore();
  const stale = useStale();
  const [instruments, setInstruments] = useState(DEFAULT_INSTRUMENTS);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [promote, setPromote] = useState(false);
  const running = isRunning(job);
  return (
    <form
      className="ml-form"
      onSubmit={(e) => {
        e.preventDefault();
        const list = instruments.split(',').map((s) => s.trim()).filter((s) => s !== '');
        void retrain({ instruments: list, ...(from ? { from } : {}), ...(to ? { to } : {}), promote });
      }}
      data-testid="ml-retrain-form"
    >
      <span className="muted">Retrain on this terminal’s stored history</span>
      <input value={instruments} onChange={(e) => setInstruments(e.target.value)} aria-label="Instruments" className="ml-instruments" data-testid="ml-instruments" />
      <label>
        from <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} data-testid="ml-from" />
      </label>
      <label>
        to <input type="date" value={to} onChange={(e) => setTo(e.target.value)} data-testid="ml-to" />
      </label>
      <label className="inline-check" title="Otherwise the new versions wait in the list until you promote them">
        <input type="checkbox" checked={promote} onChange={(e) => setPromote(e.target.checked)} data-testid="ml-promote-new" />
        put in force when trained
      </label>
      <button type="submit" disabled={working || stale || running} data-testid="ml-retrain">
        Retrain
      </button>
      {job ? (
        <span className="ml-job" data-testid="ml-job" data-state={job.state}>
          {running ? <progress max={1} value={job.progress?.fraction ?? 0} data-testid="ml-progress" /> : null}
          <span className={job.state === 'failed' ? 'down' : ''}>{jobLine(job)}</span>
          {running ? (
            <button type="button" className="small-button" disabled={stale} onClick={() => void cancelRetrain()} data-testid="ml-cancel">
              Cancel
            </button>
          ) : null}
        </span>
      ) : null}
    </form>
  );
}

function ImportOnnx() {
  const { importModel, working } = useModelsStore();
  const stale = useStale();
  const [kind, setKind] = useState<ModelKindDto>('regime');
  const [file, setFile] = useState('');
  return (
    <form
      className="ml-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (file.trim()) void importModel(kind, file.trim());
      }}
      data-testid="ml-import-form"
    >
      <span className="muted">Bring your own ONNX</span>
      <select value={kind} onChange={(e) => setKind(e.target.value as ModelKindDto)} aria-label="Kind" data-testid="ml-import-kind">
        {KINDS.map((k) => (
          <option key={k} value={k}>
            {k}
          </option>
        ))}
      </select>
      <input placeholder="/path/on/the/terminal/mine.onnx (mine.json beside it)" value={file} onChange={(e) => setFile(e.target.value)} className="ml-path" data-testid="ml-import-path" />
      <button type="submit" disabled={working || stale || file.trim() === ''} data-testid="ml-import">
        Import
      </button>
    </form>
  );
}

/**
 * The ML models: what each kind runs now, every registered version with its data, out-of-sample figures,
 * calibration and file hash; promote, roll back, compare; retraining with progress and cancel; bring
 * your own ONNX. The bots keep the models in force until a promotion.
 */
export function ModelsPanel() {
  const error = useModelsStore((s) => s.error);
  const done = useModelsStore((s) => s.done);
  return (
    <div className="panel-body scroll ml-panel" data-testid="models-panel">
      <Slots />
      <Retrain />
      <ImportOnnx />
      {error ? (
        <p className="error pad" role="alert" data-testid="ml-error">
          {error}
        </p>
      ) : null}
      {done ? (
        <p className="muted pad" data-testid="ml-done">
          {done}
        </p>
      ) : null}
      <Registry />
      <Comparison />
    </div>
  );
}
