import {
  CandlestickSeries,
  ColorType,
  CrosshairMode,
  HistogramSeries,
  LineSeries,
  createChart,
  type CandlestickData,
  type IChartApi,
  type ISeriesApi,
  type LogicalRange,
  type MouseEventParams,
  type Time,
  type UTCTimestamp,
} from 'lightweight-charts';
import type { BarDto } from '#contract/dto';
import type { StudiesDeltaDto, StudiesSnapshotDto, StudyId } from '#contract/market-dto';
import { formatPrice, fromChartTime, toChartTime } from '../lib/format.ts';
import { CHART_COLORS, type ChartColors } from './chart-theme.ts';
import { MarksPrimitive } from './marks-primitive.ts';
import { orderedBars } from './ordered-bars.ts';
import { PANE_STUDIES, seriesPlan, type SeriesPlan } from './study-plan.ts';
import type { Theme } from '../stores/prefs-store.ts';

export interface HoveredBar {
  readonly time: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
}

export interface PriceChart {
  /** A snapshot: replaces every bar. `keepView` keeps the visible time range (a re-sent snapshot, not a new chart). */
  setBars(bars: readonly BarDto[], keepView: boolean): void;
  /** Older bars from scrolling back, oldest first, all older than what is shown. */
  prependBars(bars: readonly BarDto[]): void;
  /** Appends or revises the newest candle: `series.update`, never a redraw of everything. */
  updateBar(bar: BarDto): void;
  /** Which studies are drawn; their series are rebuilt only when this set changes. */
  setStudies(ids: readonly StudyId[]): void;
  setStudyData(snapshot: StudiesSnapshotDto): void;
  /**
   * Empties the study series until their next snapshot. The time scale is the union of every series' times, so
   * studies left from the previous instrument would stretch the new candles' axis over the old one's history.
   */
  clearStudyData(): void;
  updateStudies(delta: StudiesDeltaDto): void;
  setTheme(theme: Theme): void;
  /** The bar under the crosshair, or undefined when the pointer leaves. */
  onHover(handler: (bar: HoveredBar | undefined) => void): void;
  /** Called with the oldest bar's time when the trader scrolls near the left edge. */
  onNeedOlder(handler: (oldest: number) => void): void;
  /** Bars held, for the legend and the tests. */
  barCount(): number;
  dispose(): void;
}

const t = (ms: number) => toChartTime(ms) as UTCTimestamp;
const candle = (b: BarDto): CandlestickData<Time> => ({ time: t(b.time), open: b.open, high: b.high, low: b.low, close: b.close });
/** Scrolling to within this many bars of the oldest drawn draws older ones (or asks the engine for them). */
const OLDER_MARGIN = 30;
/**
 * Bars handed to the library at once. The chart holds every bar it was given, but draws the newest
 * 10,000 and extends by as many as the trader scrolls back: lightweight-charts' `setData` costs grow with
 * the number of points, so a 100,000-bar history opens as fast as a 10,000-bar one.
 */
const DRAW_WINDOW = 10_000;
const INITIAL_BARS = 160;
const PANE_TITLES: Partial<Record<StudyId, string>> = { rsi: 'RSI 14', macd: 'MACD', adx: 'ADX 14' };
/** Oscillators bounded 0–100 keep that whole scale, so 30/70 and 25 sit where a trader looks for them; the pixel margins keep the 0 and 100 labels inside the pane. */
const BOUNDED_STUDIES: ReadonlySet<StudyId> = new Set(['rsi', 'adx']);
const BOUNDED_SCALE = {
  autoscaleInfoProvider: () => ({ priceRange: { minValue: 0, maxValue: 100 }, margins: { above: 8, below: 8 } }),
  priceFormat: { type: 'custom' as const, minMove: 0.1, formatter: (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(1)) },
};

/**
 * lightweight-charts behind a small interface: one chart per view, created once; data arrives as a
 * snapshot (`setData`) and then deltas (`update`), and never passes through React state.
 */
export function createPriceChart(container: HTMLElement, theme: Theme): PriceChart {
  let colors: ChartColors = CHART_COLORS[theme];
  const chart: IChartApi = createChart(container, {
    autoSize: true,
    layout: { background: { type: ColorType.Solid, color: colors.background }, textColor: colors.text, fontSize: 11, panes: { separatorColor: colors.border } },
    grid: { vertLines: { color: colors.grid }, horzLines: { color: colors.grid } },
    timeScale: { timeVisible: true, secondsVisible: false, borderColor: colors.border, rightOffset: 4 },
    rightPriceScale: { borderColor: colors.border },
    crosshair: { mode: CrosshairMode.Normal },
  });
  const candles: ISeriesApi<'Candlestick'> = chart.addSeries(CandlestickSeries, {
    // The price axis and crosshair labels group like the rest of the screen (24,812.50), not 24812.50; set
    // per series, not for the chart, so the oscillator panes keep formats of their own.
    priceFormat: { type: 'custom', minMove: 0.01, formatter: (price: number) => formatPrice(price) },
    upColor: colors.up,
    downColor: colors.down,
    borderVisible: false,
    wickUpColor: colors.up,
    wickDownColor: colors.down,
  });
  const volume: ISeriesApi<'Histogram'> = chart.addSeries(HistogramSeries, { priceScaleId: 'volume', priceFormat: { type: 'volume' }, lastValueVisible: false, priceLineVisible: false });
  chart.priceScale('volume').applyOptions({ scaleMargins: { top: 0.82, bottom: 0 } });
  const marks = new MarksPrimitive(colors);
  candles.attachPrimitive(marks);

  /** Every bar held, oldest first; the library holds `bars.slice(drawnFrom)`. */
  let bars: BarDto[] = [];
  let drawnFrom = 0;
  let studyIds: readonly StudyId[] = [];
  let plans: SeriesPlan[] = [];
  const studySeries = new Map<string, ISeriesApi<'Line'> | ISeriesApi<'Histogram'>>();
  let hover: ((bar: HoveredBar | undefined) => void) | undefined;
  let needOlder: ((oldest: number) => void) | undefined;
  let askedOlderFor: number | undefined;

  const volumePoint = (b: BarDto) => ({ time: t(b.time), value: b.volume, color: b.close >= b.open ? colors.volumeUp : colors.volumeDown });

  const onCrosshair = (p: MouseEventParams<Time>): void => {
    const c = p.seriesData.get(candles) as CandlestickData<Time> | undefined;
    if (!hover) return;
    if (!c || p.time === undefined) return hover(undefined);
    const v = p.seriesData.get(volume) as { value?: number } | undefined;
    hover({ time: fromChartTime(p.time as number), open: c.open, high: c.high, low: c.low, close: c.close, volume: v?.value ?? 0 });
  };
  chart.subscribeCrosshairMove(onCrosshair);

  const draw = (): void => {
    const shown = drawnFrom > 0 ? bars.slice(drawnFrom) : bars;
    candles.setData(shown.map(candle));
    // Indices trade no volume: an all-zero histogram would cost as much as the candles and show nothing.
    volume.setData(shown.some((b) => b.volume > 0) ? shown.map(volumePoint) : []);
  };

  const onRange = (range: LogicalRange | null): void => {
    if (!range || bars.length === 0 || range.from > OLDER_MARGIN) return;
    if (drawnFrom > 0) {
      drawnFrom = Math.max(0, drawnFrom - DRAW_WINDOW);
      keepRange(draw);
      return;
    }
    if (!needOlder) return;
    const oldest = bars[0]!.time;
    if (askedOlderFor === oldest) return;
    askedOlderFor = oldest;
    needOlder(oldest);
  };
  chart.timeScale().subscribeVisibleLogicalRangeChange(onRange);

  const rebuildStudies = (): void => {
    for (const s of studySeries.values()) chart.removeSeries(s);
    studySeries.clear();
    plans = seriesPlan(studyIds);
    const paneOf = new Map<StudyId, number>();
    for (const id of PANE_STUDIES) if (studyIds.includes(id)) paneOf.set(id, paneOf.size + 1);
    for (const plan of plans) {
      const pane = plan.pane ? (paneOf.get(plan.study) ?? 0) : 0;
      const color = colors.lines[plan.key] ?? colors.text;
      const first = plans.find((p) => p.study === plan.study) === plan;
      const common = { lastValueVisible: plan.pane, priceLineVisible: false, crosshairMarkerVisible: false, title: plan.pane && first ? PANE_TITLES[plan.study] : '' };
      const series =
        plan.kind === 'histogram'
          ? chart.addSeries(HistogramSeries, { ...common }, pane)
          : chart.addSeries(LineSeries, { ...common, color, lineWidth: plan.thin ? 1 : 2, ...(BOUNDED_STUDIES.has(plan.study) ? BOUNDED_SCALE : {}) }, pane);
      if (plan.key === 'rsi') {
        series.createPriceLine({ price: 70, color: colors.border, lineWidth: 1, lineStyle: 2, axisLabelVisible: false, title: '' });
        series.createPriceLine({ price: 30, color: colors.border, lineWidth: 1, lineStyle: 2, axisLabelVisible: false, title: '' });
      }
      studySeries.set(plan.key, series);
    }
    const panes = chart.panes();
    panes[0]?.setStretchFactor(3);
    for (let i = 1; i < panes.length; i++) panes[i]!.setStretchFactor(1);
    if (!studyIds.includes('price-action')) marks.set([]);
  };

  const point = (plan: SeriesPlan, time: number, value: number | null, direction: number | null) => {
    if (value === null) return { time: t(time) };
    if (plan.key === 'st.value') return { time: t(time), value, color: direction === -1 ? colors.down : colors.up };
    if (plan.kind === 'histogram') return { time: t(time), value, color: value >= 0 ? colors.volumeUp : colors.volumeDown };
    return { time: t(time), value };
  };

  const keepRange = (apply: () => void): void => {
    const range = chart.timeScale().getVisibleRange();
    apply();
    if (range) chart.timeScale().setVisibleRange(range);
  };

  return {
    setBars(next, keepView) {
      bars = orderedBars(next);
      drawnFrom = Math.max(0, bars.length - DRAW_WINDOW);
      askedOlderFor = undefined;
      if (keepView && bars.length > 0) keepRange(draw);
      else {
        draw();
        const n = bars.length - drawnFrom;
        if (n > 0) chart.timeScale().setVisibleLogicalRange({ from: Math.max(0, n - INITIAL_BARS), to: n + 4 });
      }
    },
    prependBars(older) {
      const first = bars[0]?.time ?? Number.POSITIVE_INFINITY;
      const add = orderedBars(older).filter((b) => b.time < first);
      if (add.length === 0) return;
      bars = [...add, ...bars];
      keepRange(draw);
    },
    updateBar(bar) {
      const last = bars[bars.length - 1];
      if (last && bar.time < last.time) return;
      if (last && bar.time === last.time) bars[bars.length - 1] = bar;
      else bars.push(bar);
      candles.update(candle(bar));
      if (bar.volume > 0) volume.update(volumePoint(bar));
    },
    setStudies(ids) {
      if (ids.length === studyIds.length && ids.every((id) => studyIds.includes(id))) return;
      studyIds = [...ids];
      rebuildStudies();
    },
    setStudyData(snap) {
      const direction = snap.series['st.direction'];
      for (const plan of plans) {
        const values = snap.series[plan.key];
        const series = studySeries.get(plan.key);
        if (!values || !series) continue;
        const points = snap.times.map((time, i) => point(plan, time, values[i] ?? null, direction?.[i] ?? null));
        series.setData(points.filter((p, i) => i + 1 >= points.length || points[i + 1]!.time > p.time));
      }
      if (studyIds.includes('price-action')) marks.set(snap.marks);
    },
    clearStudyData() {
      for (const series of studySeries.values()) series.setData([]);
      marks.set([]);
    },
    updateStudies(delta) {
      const direction = delta.values['st.direction'] ?? null;
      for (const plan of plans) {
        const series = studySeries.get(plan.key);
        if (!series || !(plan.key in delta.values)) continue;
        series.update(point(plan, delta.time, delta.values[plan.key] ?? null, direction));
      }
      if (delta.marks && studyIds.includes('price-action')) marks.set(delta.marks);
    },
    setTheme(next) {
      colors = CHART_COLORS[next];
      chart.applyOptions({
        layout: { background: { type: ColorType.Solid, color: colors.background }, textColor: colors.text, panes: { separatorColor: colors.border } },
        grid: { vertLines: { color: colors.grid }, horzLines: { color: colors.grid } },
        timeScale: { borderColor: colors.border },
        rightPriceScale: { borderColor: colors.border },
      });
      candles.applyOptions({ upColor: colors.up, downColor: colors.down, wickUpColor: colors.up, wickDownColor: colors.down });
      draw();
      marks.setColors(colors);
      for (const plan of plans) if (plan.kind === 'line') (studySeries.get(plan.key) as ISeriesApi<'Line'> | undefined)?.applyOptions({ color: colors.lines[plan.key] ?? colors.text });
    },
    onHover(handler) {
      hover = handler;
    },
    onNeedOlder(handler) {
      needOlder = handler;
    },
    barCount: () => bars.length,
    dispose() {
      chart.unsubscribeCrosshairMove(onCrosshair);
      chart.timeScale().unsubscribeVisibleLogicalRangeChange(onRange);
      chart.remove();
    },
  };
}
