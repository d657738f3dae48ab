import { useEffect, useMemo, useRef, useState } from 'react';
import type { BacktestDto, BacktestResultDto } from '#contract/backtest-dto';
import { carryText, faultText, optionPricingSummary, type OptionPricingDay } from '#contract/backtest-result';
import { formatInr, formatInrCompact, formatIstDate, formatIstTime, formatPrice } from '#renderer/lib/format.ts';
import { usePrefsStore } from '#renderer/stores/prefs-store.ts';
import { useBacktestStore } from './backtest-store.ts';
import { createEquityChart, RUN_COLORS, type EquityChart, type EquityCurve } from './equity-chart.ts';
import { METRIC_ROWS, metricText, reportPageHref } from './runs.ts';

interface Shown {
  readonly run: BacktestDto;
  readonly result: BacktestResultDto;
  readonly color: string;
}

function EquityPanes({ curves }: { curves: readonly EquityCurve[] }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<EquityChart | undefined>(undefined);
  const theme = usePrefsStore((s) => s.theme);
  useEffect(() => {
    chart.current = createEquityChart(box.current!, theme);
    return () => {
      chart.current?.dispose();
      chart.current = undefined;
    };
  }, [theme]);
  useEffect(() => chart.current?.show(curves), [curves, theme]);
  return (
    <div className="bt-chart-wrap">
      <div className="muted small-inline">Equity at each session’s close (top) and drawdown from its peak (bottom)</div>
      <div className="bt-chart" ref={box} data-testid="bt-equity-chart" />
    </div>
  );
}

function MetricsTable({ shown }: { shown: readonly Shown[] }) {
  return (
    <table className="table bt-metrics" data-testid="bt-metrics">
      <thead>
        <tr>
          <th>Portfolio</th>
          {shown.map((s) => (
            <th key={s.run.id} className="num">
              <span className="bt-swatch" style={{ background: s.color }} />
              {s.run.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {METRIC_ROWS.map(([label, key, kind]) => (
          <tr key={key}>
            <td>{label}</td>
            {shown.map((s) => (
              <td key={s.run.id} className="num" data-testid={`bt-metric-${key}`}>
                {metricText(s.result.portfolio.metrics[key], kind, (v) => formatInr(v))}
              </td>
            ))}
          </tr>
        ))}
        <tr>
          <td>Sessions, bars</td>
          {shown.map((s) => (
            <td key={s.run.id} className="num">
              {s.result.days.length}, {formatPrice(s.result.bars, 0)}
            </td>
          ))}
        </tr>
      </tbody>
    </table>
  );
}

/** What the run's option prices rest on: imported bhavcopies, the model surface, or both, and intraday option bars; each modelled chain's reason on hover. */
function OptionPricing({ days }: { days: readonly OptionPricingDay[] | undefined }) {
  const summary = optionPricingSummary(days);
  if (!summary || !days) return null;
  const reasons = days.flatMap((d) => [...(d.intraday ?? []).map((c) => `${d.day} ${c.chain}: ${c.live} of ${c.reprices} reprices from intraday option bars${c.carry ? `, ${carryText(c.carry)}` : ''}`), ...d.modelled.map((m) => `${d.day} ${m.chain}: ${m.reason}`)]);
  return (
    <p className="muted small bt-option-pricing" data-testid="bt-option-pricing" title={reasons.slice(0, 20).join('\n') || undefined}>
      {summary.charAt(0).toUpperCase() + summary.slice(1)}.
    </p>
  );
}

function BotsTable({ s }: { s: Shown }) {
  return (
    <table className="table bt-bots">
      <thead>
        <tr>
          <th>Bot</th>
          <th className="num">Net P&amp;L</th>
          <th className="num">Sharpe</th>
          <th className="num">Max DD</th>
          <th className="num">Trades</th>
          <th className="num">Win rate</th>
        </tr>
      </thead>
      <tbody>
        {s.result.bots.map((b) => (
          <tr key={b.botId} className={b.fault ? 'bt-faulted' : undefined}>
            <td title={faultText(b)}>
              {b.botId}
              {b.fault ? (
                <span className="bt-fault" data-testid="bt-fault">
                  {' '}
                  went to error {formatIstDate(b.fault.ts)} {formatIstTime(b.fault.ts)}
                </span>
              ) : null}
            </td>
            <td className="num">{formatInrCompact(b.metrics.netPnl)}</td>
            <td className="num">{metricText(b.metrics.sharpe, 'ratio', formatInr)}</td>
            <td className="num">{metricText(b.metrics.maxDrawdownPct, 'pct', formatInr)}</td>
            <td className="num">{b.metrics.trades}</td>
            <td className="num">{metricText(b.metrics.winRate, 'pct', formatInr)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A row of a trade table: a closed trade, or a position held at the end with its mark in the exit's place. */
interface TradeRow {
  readonly entryTs: number;
  readonly exitTs: number | undefined;
  readonly botId: string;
  readonly instrumentId: string;
  readonly direction: string;
  readonly quantity: number;
  readonly entryPrice: number;
  readonly exitPrice: number;
  readonly netPnl: number;
  readonly signal: string;
  readonly reason: string;
  readonly closedBy: string;
}

/** The IST date and time, the date left out when it is `sameDayAs`'s. */
function When({ ts, sameDayAs }: { ts: number; sameDayAs?: number }) {
  if (sameDayAs !== undefined && formatIstDate(ts) === formatIstDate(sameDayAs)) return <>{formatIstTime(ts)}</>;
  return (
    <>
      <span className="bt-nobr">{formatIstDate(ts)}</span> {formatIstTime(ts)}
    </>
  );
}

function TradeTable({ rows, testId, rowTestId, exitTitle, exitPriceTitle, netTitle }: { rows: readonly TradeRow[]; testId: string; rowTestId: string; exitTitle: string; exitPriceTitle: string; netTitle: string }) {
  return (
    <div className="bt-table-scroll">
      <table className="table bt-trades" data-testid={testId}>
        <thead>
          <tr>
            <th>Entry (IST)</th>
            <th>{exitTitle}</th>
            <th>Bot</th>
            <th>Instrument</th>
            <th>Side</th>
            <th className="num">Qty</th>
            <th className="num">Entry ₹</th>
            <th className="num">{exitPriceTitle}</th>
            <th className="num">{netTitle}</th>
            <th>Signal and reason</th>
            <th>Closed by</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((t, i) => (
            <tr key={i} data-testid={rowTestId}>
              <td className="num bt-when">
                <When ts={t.entryTs} />
              </td>
              <td className="num bt-when">{t.exitTs === undefined ? '—' : <When ts={t.exitTs} sameDayAs={t.entryTs} />}</td>
              <td>{t.botId}</td>
              <td className="bt-symbol">{t.instrumentId.split(':')[1]}</td>
              <td className="bt-symbol">{t.direction}</td>
              <td className="num">{t.quantity}</td>
              <td className="num">{formatPrice(t.entryPrice)}</td>
              <td className="num">{formatPrice(t.exitPrice)}</td>
              <td className={`num ${t.netPnl >= 0 ? 'up' : 'down'}`}>{formatInr(t.netPnl, 2)}</td>
              <td className="bt-reason" title={t.reason}>
                <b>{t.signal}</b> {t.reason}
              </td>
              <td className="bt-reason" title={t.closedBy}>
                {t.closedBy}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function TradeList({ s }: { s: Shown }) {
  const trades = s.result.trades;
  if (trades.length === 0) return <p className="muted pad">No closed trades in this run.</p>;
  const rows = trades.map((t): TradeRow => ({ ...t, closedBy: t.exitReason }));
  return <TradeTable rows={rows} testId="bt-trades" rowTestId="bt-trade" exitTitle="Exit" exitPriceTitle="Exit ₹" netTitle="Net ₹" />;
}

/** What the run ended holding: in the equity curve at the last close's mark, in no trade figure. */
function OpenAtEndList({ s }: { s: Shown }) {
  const open = s.result.openAtEnd ?? [];
  if (open.length === 0) return null;
  const rows = open.map((o): TradeRow => ({ ...o, exitTs: undefined, exitPrice: o.mark, closedBy: 'still held: valued at the last close' }));
  return (
    <>
      <p className="muted pad">Held when the run ended ({open.length}): the equity curve values these at the last close; the trade figures count closed trades only.</p>
      <TradeTable rows={rows} testId="bt-open-at-end" rowTestId="bt-held" exitTitle="Exit" exitPriceTitle="Mark ₹" netTitle="Net at the mark ₹" />
    </>
  );
}

/** The compared runs: metrics side by side, their equity and drawdown curves, each run's bots and trades. */
export function Results() {
  const runs = useBacktestStore((s) => s.runs);
  const results = useBacktestStore((s) => s.results);
  const compared = useBacktestStore((s) => s.compared);
  const download = useBacktestStore((s) => s.download);
  const [tab, setTab] = useState<string | undefined>();
  const shown: Shown[] = compared.flatMap((id, i) => {
    const run = runs.find((b) => b.id === id);
    const result = results[id];
    return run && result ? [{ run, result, color: RUN_COLORS[i % RUN_COLORS.length]! }] : [];
  });
  // Redrawn only when the compared runs or their results change, not on another run's progress.
  const curves = useMemo(() => compared.flatMap((id, i) => (results[id] ? [{ color: RUN_COLORS[i % RUN_COLORS.length]!, result: results[id] }] : [])), [compared, results]);
  if (shown.length === 0) {
    const waiting = compared.some((id) => runs.find((b) => b.id === id)?.state === 'running');
    return <p className="muted pad">{waiting ? 'The results appear here when the run is done.' : 'Tick a finished run to see its results; tick two or more to compare them.'}</p>;
  }
  const focus = shown.find((s) => s.run.id === tab) ?? shown[0]!;
  // The headless terminal serves the report as a page; the Electron app (window.terminal) has no HTTP server.
  const reportHref = reportPageHref(focus.run.id, window.terminal === undefined);
  return (
    <div className="bt-results" data-testid="bt-results">
      <div className="bt-results-top">
        <MetricsTable shown={shown} />
        <EquityPanes curves={curves} />
      </div>
      <div className="bt-tabs-row">
        <div className="segmented bt-tabs" role="tablist">
          {shown.map((s) => (
            <button key={s.run.id} type="button" role="tab" className={s === focus ? 'active' : ''} aria-selected={s === focus} onClick={() => setTab(s.run.id)}>
              <span className="bt-swatch" style={{ background: s.color }} />
              {s.run.label}
            </button>
          ))}
        </div>
        <span className="spacer" />
        <button type="button" className="small-button" onClick={() => void download(focus.run.id, 'html')} data-testid="bt-report">
          Report (HTML)
        </button>
        <button type="button" className="small-button" onClick={() => void download(focus.run.id, 'json')} data-testid="bt-json">
          Result (JSON)
        </button>
        {reportHref && (
          <a className="small-button" href={reportHref} target="_blank" rel="noopener noreferrer" data-testid="bt-report-page">
            Open report
          </a>
        )}
      </div>
      <OptionPricing days={focus.result.optionPricing} />
      <BotsTable s={focus} />
      <TradeList s={focus} />
      <OpenAtEndList s={focus} />
    </div>
  );
}
