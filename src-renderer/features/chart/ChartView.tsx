import { useEffect, useRef, useState } from 'react';
import type { BarDto } from '#contract/dto';
import { createFrameBatcher } from '#renderer/bridge/frame-batcher.ts';
import { createCandleChart } from '#renderer/charts/candle-chart.ts';
import { formatPrice, istDay } from '#renderer/lib/format.ts';
import { getBridge } from '#renderer/stores/bridge.ts';

/** Open of the first bar on the newest bar's IST day: the change shown is today's. */
function sessionOpenPrice(bars: readonly BarDto[]): number {
  const last = bars[bars.length - 1];
  if (!last) return 0;
  const day = istDay(last.time);
  let i = bars.length - 1;
  while (i > 0 && istDay(bars[i - 1]!.time) === day) i--;
  return bars[i]!.open;
}

interface Legend {
  close: number;
  open: number;
  bars: number;
}

const TIMEFRAMES = ['1m', '3m', '5m', '15m', '30m', '60m', '1d'] as const;
type Timeframe = (typeof TIMEFRAMES)[number];

/** Live candles of one instrument: snapshot into the chart, then one update per animation frame. */
export function ChartView({ instrumentId }: { instrumentId: string }) {
  const container = useRef<HTMLDivElement>(null);
  const [timeframe, setTimeframe] = useState<Timeframe>('1m');
  const [legend, setLegend] = useState<Legend>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    const el = container.current;
    if (!el) return;
    const chart = createCandleChart(el);
    let count = 0;
    let lastTime = -1;
    let dayOpen = 0;
    const apply = (bars: BarDto[]) => {
      for (const b of bars) {
        if (b.time > lastTime) {
          if (lastTime >= 0 && istDay(b.time) !== istDay(lastTime)) dayOpen = b.open;
          count++;
          lastTime = b.time;
        }
        chart.update(b);
      }
      const last = bars[bars.length - 1];
      if (last) setLegend({ close: last.close, open: dayOpen || last.open, bars: count });
    };
    const push = createFrameBatcher<BarDto>(apply);
    const off = getBridge().subscribe('bars', { instrumentId, timeframe }, {
      snapshot: (bars) => {
        chart.setData(bars);
        count = bars.length;
        lastTime = bars.length ? bars[bars.length - 1]!.time : -1;
        dayOpen = sessionOpenPrice(bars);
        const last = bars[bars.length - 1];
        setLegend(last ? { close: last.close, open: dayOpen, bars: count } : undefined);
        setError(undefined);
      },
      delta: push,
      error: (e) => setError(e.message),
    });
    return () => {
      off();
      chart.dispose();
    };
  }, [instrumentId, timeframe]);

  const change = legend ? legend.close - legend.open : 0;
  return (
    <section className="panel chart-panel">
      <div className="panel-head">
        <h2>{instrumentId.split(':')[1]}</h2>
        <span className="timeframes" role="group" aria-label="Timeframe">
          {TIMEFRAMES.map((tf) => (
            <button key={tf} type="button" className={tf === timeframe ? 'active' : ''} aria-pressed={tf === timeframe} onClick={() => setTimeframe(tf)} data-testid={`tf-${tf}`}>
              {tf}
            </button>
          ))}
        </span>
        {legend ? (
          <span className="legend" data-testid="chart-legend" data-bars={legend.bars} data-close={legend.close}>
            <strong>{formatPrice(legend.close)}</strong>
            <span className={change >= 0 ? 'up' : 'down'}>
              {change >= 0 ? '+' : ''}
              {formatPrice(change)}
            </span>
            <span className="muted">{legend.bars} bars</span>
          </span>
        ) : null}
      </div>
      {error ? (
        <div className="error" role="alert">
          {error}
        </div>
      ) : null}
      <div className="chart" ref={container} data-testid="chart" />
    </section>
  );
}
