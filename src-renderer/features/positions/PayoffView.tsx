import { useEffect, useRef } from 'react';
import { CHART_COLORS } from '#renderer/charts/chart-theme.ts';
import { drawPayoff } from '#renderer/charts/payoff-chart.ts';
import { ShockTable } from '#renderer/components/ShockTable.tsx';
import { instrumentLabel } from '#renderer/lib/instrument-label.ts';
import { formatPrice } from '#renderer/lib/format.ts';
import { usePrefsStore } from '#renderer/stores/prefs-store.ts';
import { shortId } from './position-groups.ts';
import type { PayoffSelection } from './payoff-selection.ts';
import { usePositionsStore } from './positions-store.ts';

function Subject({ s, underlying }: { s: PayoffSelection; underlying?: string | undefined }) {
  if (s.kind === 'structure') {
    return (
      <span className="muted small-inline" title={s.structureId}>
        {shortId(s.structureId)}
      </span>
    );
  }
  if (s.kind === 'position') {
    const label = instrumentLabel(s.instrumentId);
    return (
      <span className="muted small-inline" title={`${s.instrumentId} (${s.botId}, ${s.product})`}>
        {label.name} {label.detail ?? ''}
      </span>
    );
  }
  return <span className="muted small-inline">whole book{underlying ? ` on ${underlying}` : ''}</span>;
}

/** The selected payoff (at expiry, and T+0 from the engine's model) and its shock table: a structure, a position, or the whole book on one underlying. */
export function PayoffView() {
  const payoff = usePositionsStore((s) => s.payoff);
  const error = usePositionsStore((s) => s.payoffError);
  const note = usePositionsStore((s) => s.payoffNote);
  const selected = usePositionsStore((s) => s.selected);
  const select = usePositionsStore((s) => s.select);
  const theme = usePrefsStore((s) => s.theme);
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const el = canvas.current;
    if (!el || !payoff) return;
    const draw = () => drawPayoff(el, payoff, CHART_COLORS[theme]);
    draw();
    const ro = new ResizeObserver(draw);
    ro.observe(el);
    return () => ro.disconnect();
  }, [payoff, theme]);
  if (!selected) return <p className="muted pad">Pick a structure or a position, or press Book payoff, to see its payoff and shock table.</p>;
  const underlyings = selected.kind === 'portfolio' ? (payoff?.underlyings ?? []) : [];
  return (
    <div className="payoff" data-testid="payoff" data-subject={selected.kind}>
      <div className="payoff-head">
        <h3>
          Payoff <Subject s={selected} underlying={payoff?.underlying} />
        </h3>
        {underlyings.length > 1 ? (
          <span className="segmented" role="group" aria-label="Underlying">
            {underlyings.map((u) => (
              <button key={u} type="button" className={payoff?.underlying === u ? 'active' : ''} aria-pressed={payoff?.underlying === u} onClick={() => select({ kind: 'portfolio', underlying: u })}>
                {u}
              </button>
            ))}
          </span>
        ) : null}
        <span className="legend-key">
          <i className="key-expiry" /> at expiry
        </span>
        <span className="legend-key">
          <i className="key-t0" /> now (T+0)
        </span>
        {payoff && payoff.breakevens.length > 0 ? <span className="muted small-inline num">breakeven {payoff.breakevens.map((b) => formatPrice(b, 0)).join(' / ')}</span> : null}
      </div>
      {error ? (
        <p className="error pad" role="alert">
          {error}
        </p>
      ) : null}
      {note ? (
        <p className="muted pad" data-testid="payoff-note">
          {note}
        </p>
      ) : null}
      {note ? null : <canvas ref={canvas} className="payoff-canvas" data-testid="payoff-canvas" data-points={payoff?.points.length ?? 0} aria-label="Payoff chart" />}
      {payoff ? (
        <div className="payoff-shock">
          <h3>Shock table {payoff.underlying}</h3>
          <ShockTable table={payoff.shock} testId="structure-shock" />
        </div>
      ) : null}
    </div>
  );
}
