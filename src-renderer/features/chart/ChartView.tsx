import { useEffect, useRef, useState } from 'react';
import type { BarDto } from '#contract/dto';
import type { StudiesDeltaDto } from '#contract/market-dto';
import { createFrameBatcher, createPacedFrame } from '#renderer/bridge/frame-batcher.ts';
import { createPriceChart, type HoveredBar, type PriceChart } from '#renderer/charts/price-chart.ts';
import { describeBridgeError } from '#renderer/lib/bridge-errors.ts';
import { getBridge } from '#renderer/stores/bridge.ts';
import { useMarketStore } from '#renderer/stores/market-store.ts';
import { usePrefsStore } from '#renderer/stores/prefs-store.ts';
import { useSessionStore, useStale } from '#renderer/stores/session-store.ts';
import type { TimeframeDto } from '#renderer/stores/types.ts';
import { ChartHeader } from './ChartHeader.tsx';
import { OhlcLegend } from './OhlcLegend.tsx';

/** Bars asked for per page when the trader scrolls back past the oldest one shown. */
const HISTORY_PAGE = 2000;

/**
 * Live candles and studies redraw the chart four times a second, together, like the quotes: a redraw per
 * delta would repaint every pane's canvas several times a second for changes no one can read that fast.
 */
const CHART_REFRESH_MS = 250;
const chartFrame = createPacedFrame(CHART_REFRESH_MS);

interface Shown {
  readonly instrumentId: string;
  readonly timeframe: TimeframeDto;
  readonly bars: number;
  readonly last?: BarDto;
}

/**
 * The chart: one lightweight-charts instance for the life of the view. Changing the instrument or the
 * timeframe swaps the data, never the chart, so with the engine away the last picture stays (marked
 * stale) until the new snapshot arrives.
 */
export function ChartView() {
  const fallback = useSessionStore((s) => s.session?.chartInstrument);
  const instrumentId = useMarketStore((s) => s.selected) ?? fallback;
  const timeframe = usePrefsStore((s) => s.timeframe);
  const studies = usePrefsStore((s) => s.studies);
  const theme = usePrefsStore((s) => s.theme);
  const stale = useStale();
  const prevClose = useMarketStore((s) => (instrumentId ? s.quotes[instrumentId]?.prevClose : undefined));
  const container = useRef<HTMLDivElement>(null);
  const chartRef = useRef<PriceChart | undefined>(undefined);
  const [hovered, setHovered] = useState<HoveredBar>();
  const [shown, setShown] = useState<Shown>();
  const [error, setError] = useState<string>();
  const [olderNote, setOlderNote] = useState<string>();
  /** The studies whose values are on the chart (after their snapshot arrived), for the legend and the tests. */
  const [studiesShown, setStudiesShown] = useState('');

  useEffect(() => {
    const el = container.current;
    if (!el) return;
    const chart = createPriceChart(el, usePrefsStore.getState().theme);
    chart.onHover(setHovered);
    chartRef.current = chart;
    return () => {
      chartRef.current = undefined;
      chart.dispose();
    };
  }, []);

  useEffect(() => chartRef.current?.setTheme(theme), [theme]);

  useEffect(() => {
    const chart = chartRef.current;
    if (!chart || !instrumentId) return;
    // A bar hovered on the previous chart is not a bar of this one.
    setHovered(undefined);
    let alive = true;
    let snapshots = 0;
    const push = createFrameBatcher<BarDto>((items) => {
      if (!alive) return;
      for (const b of items) chart.updateBar(b);
      setShown({ instrumentId, timeframe, bars: chart.barCount(), last: items[items.length - 1] });
    }, chartFrame);
    const off = getBridge().subscribe('bars', { instrumentId, timeframe }, {
      snapshot: (bars) => {
        chart.setBars(bars, snapshots++ > 0);
        setShown({ instrumentId, timeframe, bars: bars.length, last: bars[bars.length - 1] });
        setError(undefined);
        setOlderNote(undefined);
      },
      delta: push,
      error: (e) => setError(describeBridgeError(e)),
    });
    chart.onNeedOlder((oldest) => {
      setOlderNote('Loading older bars…');
      void getBridge()
        .invoke('market:history', { instrumentId, timeframe, before: oldest, count: HISTORY_PAGE })
        .then((r) => {
          if (!alive) return;
          if (!r.ok) return setOlderNote(describeBridgeError(r.error));
          if (r.value.length === 0) return setOlderNote('No older bars in the engine.');
          chart.prependBars(r.value);
          setOlderNote(undefined);
          setShown((s) => (s ? { ...s, bars: chart.barCount() } : s));
        });
    });
    return () => {
      alive = false;
      off();
    };
  }, [instrumentId, timeframe]);

  const studiesKey = studies.join(',');
  useEffect(() => {
    const chart = chartRef.current;
    if (!chart || !instrumentId) return;
    const ids = studiesKey ? (studiesKey.split(',') as typeof studies) : [];
    chart.setStudies(ids);
    chart.clearStudyData();
    if (ids.length === 0) return;
    let alive = true;
    const push = createFrameBatcher<StudiesDeltaDto>((items) => {
      if (alive) for (const d of items) chart.updateStudies(d);
    }, chartFrame);
    const off = getBridge().subscribe('studies', { instrumentId, timeframe, studies: ids }, {
      snapshot: (s) => {
        chart.setStudyData(s);
        setStudiesShown(`${instrumentId}|${timeframe}|${ids.join(',')}`);
      },
      delta: push,
      error: (e) => setError(`Indicators: ${describeBridgeError(e)}`),
    });
    return () => {
      alive = false;
      off();
    };
  }, [instrumentId, timeframe, studiesKey]);

  const waiting = !shown || shown.instrumentId !== instrumentId || shown.timeframe !== timeframe;
  return (
    <section
      className="panel chart-panel"
      data-stale={stale ? 'true' : undefined}
      data-studies={studiesShown === `${instrumentId}|${timeframe}|${studiesKey}` ? studiesKey : undefined}
      data-testid="chart-panel"
    >
      <ChartHeader instrumentId={instrumentId} timeframe={timeframe} stale={stale} />
      <OhlcLegend prevClose={prevClose} hovered={hovered} last={shown?.last} shown={shown} waiting={waiting} requested={timeframe} stale={stale} />
      {error ? (
        <div className="error chart-error" role="alert">
          {error}
        </div>
      ) : null}
      {olderNote ? <div className="muted small chart-note">{olderNote}</div> : null}
      <div className="chart" ref={container} data-testid="chart" />
    </section>
  );
}
