import { ColorType, createChart, LineSeries, type IChartApi, type ISeriesApi, type LineData, type UTCTimestamp } from 'lightweight-charts';
import type { BacktestResultDto } from '#contract/backtest-dto';
import { CHART_COLORS } from '#renderer/charts/chart-theme.ts';
import { formatInrCompact, formatInrTicks, toChartTime } from '#renderer/lib/format.ts';
import type { Theme } from '#renderer/stores/prefs-store.ts';

/** One colour per compared run, in the order they were picked (the metrics table's headers use them too). */
export const RUN_COLORS = ['#58a6ff', '#f2994a', '#bb86fc', '#6fcf97'] as const;

const DAY_S = 86_400;

export interface EquityCurve {
  readonly color: string;
  readonly result: BacktestResultDto;
}

/**
 * The portfolio's equity (top pane) and drawdown (bottom pane) at each session's close, one line per run,
 * starting from the capital the day before the first session.
 */
export function curvePoints(r: BacktestResultDto): { equity: LineData[]; drawdown: LineData[] } {
  const first = r.portfolio.equity[0];
  const start = first ? [{ time: (toChartTime(first.ts) - DAY_S) as UTCTimestamp, equity: r.portfolio.metrics.startEquity, drawdown: 0 }] : [];
  const points = [...start, ...r.portfolio.equity.map((p) => ({ time: toChartTime(p.ts) as UTCTimestamp, equity: p.equity, drawdown: p.drawdown }))];
  return { equity: points.map((p) => ({ time: p.time, value: p.equity })), drawdown: points.map((p) => ({ time: p.time, value: p.drawdown })) };
}

export interface EquityChart {
  show(curves: readonly EquityCurve[]): void;
  dispose(): void;
}

export function createEquityChart(container: HTMLElement, theme: Theme): EquityChart {
  const colors = CHART_COLORS[theme];
  const chart: IChartApi = createChart(container, {
    autoSize: true,
    layout: { background: { type: ColorType.Solid, color: colors.background }, textColor: colors.text, fontSize: 11, panes: { separatorColor: colors.border } },
    grid: { vertLines: { color: colors.grid }, horzLines: { color: colors.grid } },
    timeScale: { timeVisible: false, borderColor: colors.border },
    rightPriceScale: { borderColor: colors.border },
    localization: { priceFormatter: formatInrCompact, tickmarksPriceFormatter: formatInrTicks },
  });
  let series: ISeriesApi<'Line'>[] = [];
  return {
    show(curves) {
      for (const s of series) chart.removeSeries(s);
      series = [];
      for (const c of curves) {
        const { equity, drawdown } = curvePoints(c.result);
        const e = chart.addSeries(LineSeries, { color: c.color, lineWidth: 2, priceLineVisible: false }, 0);
        e.setData(equity);
        const d = chart.addSeries(LineSeries, { color: c.color, lineWidth: 1, lineStyle: 2, priceLineVisible: false }, 1);
        d.setData(drawdown);
        series.push(e, d);
      }
      if (chart.panes().length > 1) chart.panes()[1]!.setHeight(Math.round(container.clientHeight * 0.3));
      chart.timeScale().fitContent();
    },
    dispose: () => chart.remove(),
  };
}
