import { useMemo } from 'react';
import { formatIstTime } from '#renderer/lib/format.ts';
import { useBotsStore } from '#renderer/stores/bots-store.ts';
import { useSignalsStore, visibleSignals, SIGNALS_KEPT } from '#renderer/stores/signals-store.ts';
import { DECISION_LABEL, formatScore, signalHeadline } from './explain.ts';
import './signals.css';

/** Rows drawn at once: the newest of what the filter lets through; the rest stay in memory for the filter. */
const ROWS_SHOWN = 150;

/** The bots' signals as they come, newest first, filtered by bot and decision; a row opens its explanation. */
export function SignalsPanel() {
  const signals = useSignalsStore((s) => s.signals);
  const filter = useSignalsStore((s) => s.filter);
  const setFilter = useSignalsStore((s) => s.setFilter);
  const open = useSignalsStore((s) => s.open);
  const bots = useBotsStore((s) => s.bots);
  const shown = useMemo(() => visibleSignals(signals, filter), [signals, filter]);
  const name = (id: string) => bots.find((b) => b.id === id)?.name ?? id;
  return (
    <div className="panel-body signals-panel" data-testid="signals-panel">
      <div className="signals-filters">
        <select value={filter.botId ?? ''} onChange={(e) => setFilter({ ...filter, ...(e.target.value ? { botId: e.target.value } : { botId: undefined }) })} aria-label="Bot" data-testid="signals-filter-bot">
          <option value="">All bots</option>
          {bots.map((b) => (
            <option key={b.id} value={b.id}>
              {b.name}
            </option>
          ))}
        </select>
        <span className="segmented" role="group" aria-label="Decision">
          {([undefined, 'taken', 'filtered', 'refused'] as const).map((d) => (
            <button key={d ?? 'all'} type="button" className={filter.decision === d ? 'active' : ''} aria-pressed={filter.decision === d} onClick={() => setFilter({ ...filter, decision: d })} title={d === 'refused' ? 'The bot chose to act, but risk, the kill switch or the trading state refused its orders before the broker' : undefined} data-testid={`signals-filter-${d ?? 'all'}`}>
              {d === undefined ? 'All' : DECISION_LABEL[d]}
            </button>
          ))}
        </span>
        <span className="muted small-inline num" data-testid="signals-count">
          {shown.length > ROWS_SHOWN ? `newest ${ROWS_SHOWN} of ${shown.length}` : `${shown.length}`}
        </span>
      </div>
      <div className="scroll signals-scroll">
        {shown.length === 0 ? (
          <p className="muted pad">{signals.length === 0 ? 'No signals yet: a running bot records one at each evaluation that reaches a decision.' : 'No signal matches the filter.'}</p>
        ) : (
          <ul className="signals" data-testid="signals">
            {shown.slice(0, ROWS_SHOWN).map((s) => (
              <li key={s.id}>
                <button type="button" className={`signal-row decision-${s.decision.kind}`} onClick={() => open(s)} data-testid="signal-row" data-decision={s.decision.kind} data-signal-id={s.id}>
                  <span className="signal-line">
                    <span className="num muted">{formatIstTime(s.tsEvent)}</span>
                    <span className="decision">{s.decision.kind}</span>
                    <span className="signal-bot">{name(s.botId)}</span>
                    <span className="muted">{signalHeadline(s)}</span>
                    <span className="spacer" />
                    {s.combined ? (
                      <span className="num muted" title="Combined score">
                        {formatScore(s.combined.score)}
                      </span>
                    ) : null}
                  </span>
                  <span className="signal-reason">{s.decision.reason}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
        {signals.length >= SIGNALS_KEPT ? <p className="muted small pad">The feed keeps the latest {SIGNALS_KEPT}; every signal is stored in the terminal’s database.</p> : null}
      </div>
    </div>
  );
}
