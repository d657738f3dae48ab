import type { BarDto } from '#contract/dto';
import type { HoveredBar } from '#renderer/charts/price-chart.ts';
import { formatDateKey, formatIstTime, formatPrice, formatQuantity, istDateKeyOf } from '#renderer/lib/format.ts';
import type { TimeframeDto } from '#renderer/stores/types.ts';

interface Props {
  /** The previous session's close the header's change is measured from. */
  prevClose: number | undefined;
  hovered: HoveredBar | undefined;
  last: BarDto | undefined;
  shown: { instrumentId: string; timeframe: TimeframeDto; bars: number } | undefined;
  waiting: boolean;
  requested: TimeframeDto;
  stale: boolean;
}

/** OHLC and volume of the bar under the pointer (the newest one otherwise), and what the chart holds. */
export function OhlcLegend({ prevClose, hovered, last, shown, waiting, requested, stale }: Props) {
  const bar = hovered ?? last;
  const day = bar ? formatDateKey(istDateKeyOf(bar.time)) : '';
  const when = bar ? (shown?.timeframe === '1d' ? day : `${day} ${formatIstTime(bar.time)}`) : '';
  return (
    <div
      className="legend-row"
      data-testid="chart-legend"
      data-bars={shown?.bars ?? 0}
      data-instrument={shown?.instrumentId}
      data-close={last?.close}
      data-timeframe={shown?.timeframe}
      data-hovered={hovered ? 'true' : undefined}
    >
      {bar ? (
        <span className="ohlc num" data-testid="chart-ohlc">
          <span className="muted">{when}</span>
          <span>O {formatPrice(bar.open)}</span>
          <span>H {formatPrice(bar.high)}</span>
          <span>L {formatPrice(bar.low)}</span>
          <span>C {formatPrice(bar.close)}</span>
          {bar.volume > 0 ? <span>V {formatQuantity(bar.volume)}</span> : null}
        </span>
      ) : null}
      <span className="spacer" />
      {waiting ? (
        <span className="warn-text" data-testid="chart-waiting">
          {shown ? `Showing ${shown.timeframe}; waiting for ${requested} bars${stale ? ' (engine disconnected)' : ''}…` : 'Waiting for bars…'}
        </span>
      ) : (
        <span className="muted">
          <span data-testid="chart-prev-close">{prevClose !== undefined ? `chg from prev close ${formatPrice(prevClose)}` : 'no previous close yet'}</span> · {shown?.bars ?? 0} bars
        </span>
      )}
    </div>
  );
}
