import { CandlestickSeries, ColorType, createChart, type IChartApi, type ISeriesApi, type UTCTimestamp } from 'lightweight-charts';
import type { BarDto } from '#contract/dto';
import { toChartTime } from '../lib/format.ts';

export interface CandleChart {
  setData(bars: readonly BarDto[]): void;
  /** Appends or revises the newest candle: never a full redraw. */
  update(bar: BarDto): void;
  dispose(): void;
}

const toCandle = (b: BarDto) => ({ time: toChartTime(b.time) as UTCTimestamp, open: b.open, high: b.high, low: b.low, close: b.close });

/** lightweight-charts behind a tiny interface; chart data never passes through React state. */
export function createCandleChart(container: HTMLElement): CandleChart {
  const chart: IChartApi = createChart(container, {
    autoSize: true,
    layout: { background: { type: ColorType.Solid, color: '#0f141a' }, textColor: '#c9d1d9', fontSize: 12 },
    grid: { vertLines: { color: '#1c2430' }, horzLines: { color: '#1c2430' } },
    timeScale: { timeVisible: true, secondsVisible: false, borderColor: '#2a3441' },
    rightPriceScale: { borderColor: '#2a3441' },
    crosshair: { mode: 0 },
  });
  const series: ISeriesApi<'Candlestick'> = chart.addSeries(CandlestickSeries, {
    upColor: '#26a69a',
    downColor: '#ef5350',
    borderVisible: false,
    wickUpColor: '#26a69a',
    wickDownColor: '#ef5350',
  });
  let lastTime = -Infinity;
  return {
    setData(bars) {
      series.setData(bars.map(toCandle));
      lastTime = bars.length ? toChartTime(bars[bars.length - 1]!.time) : -Infinity;
      chart.timeScale().scrollToRealTime();
    },
    update(bar) {
      const t = toChartTime(bar.time);
      if (t < lastTime) return;
      lastTime = t;
      series.update(toCandle(bar));
    },
    dispose() {
      chart.remove();
    },
  };
}
