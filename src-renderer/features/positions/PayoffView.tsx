import { useEffect, useRef } from 'react';
import { CHART_COLORS } from '#renderer/charts/chart-theme.ts';
import { drawPayoff } from '#renderer/charts/payoff-chart.ts';
import { ShockTable } from '#renderer/components/ShockTable.tsx';
import { formatPrice } from '#renderer/lib/format.ts';
import { usePrefsStore } from '#renderer/stores/prefs-store.ts';
import { shortId } from './position-groups.ts';
import { usePositionsStore } from './positions-store.ts';

/** The selected structure's payoff (at expiry, and T+0 from the engine's model) and its shock table. */
export function PayoffView() {
  const payoff = usePositionsStore((s) => s.payoff);
  const error = usePositionsStore((s) => s.payoffError);
  const selected = usePositionsStore((s) => s.selected);
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
  if (!selected) return <p className="muted pad">Pick a structure to see its payoff and shock table.</p>;
  return (
    <div className="payoff" data-testid="payoff">
      <div className="payoff-head">
        <h3>
          Payoff{' '}
          <span className="muted small-inline" title={selected}>
            {shortId(selected)}
          </span>
        </h3>
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
      <canvas ref={canvas} className="payoff-canvas" data-testid="payoff-canvas" data-points={payoff?.points.length ?? 0} aria-label="Payoff chart" />
      {payoff ? (
        <div className="payoff-shock">
          <h3>Shock table {payoff.underlying}</h3>
          <ShockTable table={payoff.shock} testId="structure-shock" />
        </div>
      ) : null}
    </div>
  );
}
