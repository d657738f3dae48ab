import { CompareTable, type CompareColumn } from '#renderer/components/CompareTable.tsx';
import { formatInrCompact, formatIstDate } from '#renderer/lib/format.ts';
import { useStale } from '#renderer/stores/session-store.ts';
import { useBacktestStore } from './backtest-store.ts';
import { RUN_COLORS } from './equity-chart.ts';

const COLUMNS: readonly CompareColumn[] = [
  { title: 'Run' },
  { title: 'Days' },
  { title: 'Bots' },
  { title: 'State' },
  { title: 'Net P&L', num: true },
  { title: 'Sharpe', num: true },
  { title: 'Max DD', num: true },
  { title: 'Trades', num: true },
];

/** Every backtest, newest first: progress while it runs, headline figures once done; tick runs to compare them. */
export function RunsList() {
  const runs = useBacktestStore((s) => s.runs);
  const compared = useBacktestStore((s) => s.compared);
  const toggle = useBacktestStore((s) => s.toggle);
  const cancel = useBacktestStore((s) => s.cancel);
  const stale = useStale();
  if (runs.length === 0) return <p className="muted pad">No backtests yet: choose bots and days above and press Run backtest.</p>;
  return (
    <div className="bt-table-scroll">
      <CompareTable
        items={runs}
        keyOf={(b) => b.id}
        columns={COLUMNS}
        compare={(b) => {
          const at = compared.indexOf(b.id);
          return { checked: at >= 0, disabled: b.state !== 'done', label: `Compare ${b.label}`, onToggle: () => toggle(b.id), marker: <span className="bt-swatch" style={{ background: RUN_COLORS[at] }} /> };
        }}
        rowData={(b) => ({ 'data-state': b.state, 'data-id': b.id })}
        className="bt-runs"
        testId="bt-runs"
        rowTestId="bt-run"
        boxTestId="bt-compare"
        cells={(b) => (
          <>
            <td title={`${b.id}, started ${formatIstDate(b.createdAt)}`}>{b.label}</td>
            <td className="num bt-when">
              <span className="bt-nobr">{b.from}</span> – <span className="bt-nobr">{b.to}</span>
            </td>
            <td>{b.bots.join(', ')}</td>
            <td>
              {b.state === 'running' && b.progress ? (
                <span className="bt-progress-cell">
                  <progress max={1} value={b.progress.fraction} data-testid="bt-progress" />
                  <span className="muted num">
                    {b.progress.day} ({b.progress.daysDone}/{b.progress.daysTotal})
                  </span>
                  <button type="button" className="small-button" disabled={stale} onClick={() => void cancel(b.id)} data-testid="bt-cancel">
                    Cancel
                  </button>
                </span>
              ) : (
                <span className={b.state === 'failed' ? 'down' : b.state === 'cancelled' ? 'muted' : ''} title={b.message}>
                  {b.state}
                  {b.message ? `: ${b.message}` : ''}
                </span>
              )}
            </td>
            <td className={`num ${(b.summary?.netPnl ?? 0) >= 0 ? 'up' : 'down'}`}>{b.summary ? formatInrCompact(b.summary.netPnl) : ''}</td>
            <td className="num">{b.summary?.sharpe != null ? b.summary.sharpe.toFixed(2) : b.summary ? '—' : ''}</td>
            <td className="num">{b.summary ? `${(b.summary.maxDrawdownPct * 100).toFixed(1)} %` : ''}</td>
            <td className="num">{b.summary?.trades ?? ''}</td>
          </>
        )}
      />
    </div>
  );
}
