import type { BacktestResult, EquityPoint, Metrics, OptionPricingDay } from './types.ts';
import { carryText, faultText } from '#contract/backtest-result';
import { formatIstTime, istDateKey } from '#core/time-ist';

/**
 * A self-contained HTML report: the figures per bot and portfolio, the equity and drawdown curves as
 * inline SVG and the trade list. No script and no external resource, so it opens offline and anywhere.
 */
export function htmlReport(r: BacktestResult): string {
  const q = r.request;
  const title = `Backtest ${q.from} to ${q.to} — ${q.bots.map((b) => b.id).join(', ')}`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<style>
body{font:14px system-ui,sans-serif;margin:24px;color:#1b1f24}h1{font-size:20px}h2{font-size:16px;margin-top:28px}
table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #d0d7de;padding:3px 8px;text-align:right}th{background:#f6f8fa}
td.l,th.l{text-align:left}td.t{white-space:nowrap}svg{background:#fbfcfd;border:1px solid #d0d7de}.neg,.fault{color:#b42318}
</style></head><body>
<h1>${esc(title)}</h1>
<p>${esc(describeSource(r))}; ${r.days.length} trading days, ${r.bars.toLocaleString('en-IN')} underlying 1-minute bars; capital ₹${money(q.capital)}; fills: ${esc(describeFills(r))}.</p>
<h2>Figures</h2>
${metricsTable(r)}
<h2>Equity</h2>
${curve(r.portfolio.equity, (p) => p.equity, '#0969da', 'Portfolio equity (₹)')}
<h2>Drawdown</h2>
${curve(r.portfolio.equity, (p) => p.drawdown, '#b42318', 'Portfolio drawdown (₹)')}
${r.bots.map((b) => `<h2>${esc(b.botId)}</h2>${b.fault ? `<p class="fault">${esc(faultText(b)!)}</p>` : ''}${curve(b.equity, (p) => p.equity, '#1a7f37', `${b.botId} equity (₹)`)}`).join('\n')}
<h2>Trades (${r.trades.length})</h2>
${tradesTable(r)}
${openAtEndTable(r)}${optionPricingTable(r)}</body></html>
`;
}

function describeSource(r: BacktestResult): string {
  const d = r.request.data;
  return d.kind === 'simulator' ? `simulated market, seed ${d.seed}` : `history cache ${d.database} (${d.timeframe} bars)`;
}

/**
 * Per day, what priced the options: live closes of intraday bars, the imported bhavcopy's smile or the model
 * surface, and why; after the results, whose reading it qualifies. Where every session's chains came from the
 * model for one reason (the simulated market has no imported data), one sentence says so instead of a row a day.
 */
function optionPricingTable(r: BacktestResult): string {
  if (!r.optionPricing) return '';
  const reasons = new Set(r.optionPricing.flatMap((d) => d.modelled.map((m) => m.reason)));
  const allModel = r.optionPricing.every((d) => d.source === 'model' && d.imported.length === 0 && (d.intraday ?? []).length === 0);
  if (allModel && reasons.size <= 1) {
    const why = [...reasons][0];
    return `<h2>Option prices</h2>\n<p>Every session's options (${r.optionPricing.length}) were priced from the model surface${why ? `: ${esc(why)}` : ''}.</p>\n`;
  }
  const live = (d: OptionPricingDay): string =>
    (d.intraday ?? []).map((c) => `${c.chain}: ${c.live} of ${c.reprices} reprices from live closes (${c.timeframes.join('/')} bars of ${c.contracts} contracts${c.carry ? `; ${carryText(c.carry)}` : ''})${c.fallbacks.map((f) => `; ${f.reprices} not: ${f.reason}`).join('')}`).join('; ');
  const rows = r.optionPricing.map((d) => `<tr><td class="l t">${d.day}</td><td class="l">${d.source}</td><td class="l">${esc(d.imported.join(', '))}</td><td class="l">${esc(d.modelled.map((m) => `${m.chain}: ${m.reason}`).join('; '))}</td><td class="l">${esc(live(d))}</td></tr>`);
  return `<h2>Option prices</h2>\n<table><tr><th class="l">Day</th><th class="l">Source</th><th class="l">From the previous session's bhavcopy</th><th class="l">From the model surface</th><th class="l">From intraday option bars (legs with a live close)</th></tr>\n${rows.join('\n')}</table>\n`;
}

function describeFills(r: BacktestResult): string {
  const f = r.request.fills;
  const slip = f.slippage.kind === 'ticks' ? `${f.slippage.ticks} ticks` : `${f.slippage.bps} bps`;
  const spread = f.spread.kind === 'quoted' ? 'quoted spread' : f.spread.kind === 'ticks' ? `${f.spread.ticks}-tick spread` : `${f.spread.bps} bps spread`;
  return `${f.timing}, ${spread}, slippage ${slip} + up to ${f.randomSlippageTicks} random ticks, latency ${f.latencyMs.min}–${f.latencyMs.max} ms, at most ${f.partial.maxShareOfLevel * 100} % of a level`;
}

const ROWS: readonly [keyof Metrics, string, (v: number) => string][] = [
  ['netPnl', 'Net P&L ₹', money],
  ['grossPnl', 'Gross P&L ₹', money],
  ['charges', 'Charges ₹', money],
  ['cagr', 'CAGR', pct],
  ['sharpe', 'Sharpe', fixed2],
  ['sortino', 'Sortino', fixed2],
  ['calmar', 'Calmar', fixed2],
  ['maxDrawdown', 'Max drawdown ₹', money],
  ['maxDrawdownPct', 'Max drawdown', pct],
  ['maxDrawdownDays', 'Drawdown duration (days)', String],
  ['trades', 'Trades', String],
  ['winRate', 'Win rate', pct],
  ['profitFactor', 'Profit factor', fixed2],
  ['expectancy', 'Expectancy ₹', money],
  ['exposure', 'Exposure', pct],
  ['chargesShareOfGross', 'Charges / gross', pct],
];

function metricsTable(r: BacktestResult): string {
  const cols = [['Portfolio', r.portfolio.metrics] as const, ...r.bots.map((b) => [b.botId, b.metrics] as const)];
  const head = `<tr><th class="l"></th>${cols.map(([n]) => `<th>${esc(n)}</th>`).join('')}</tr>`;
  const body = ROWS.map(([k, label, fmt]) => `<tr><td class="l">${esc(label)}</td>${cols.map(([, m]) => cell(m[k] as number | null, fmt)).join('')}</tr>`).join('\n');
  return `<table>${head}\n${body}</table>`;
}

function tradesTable(r: BacktestResult): string {
  const head = '<tr><th class="l">Bot</th><th class="l">Instrument</th><th class="l">Side</th><th>Qty</th><th class="l">Entry (IST)</th><th class="l">Exit (IST)</th><th>Entry</th><th>Exit</th><th>Net ₹</th><th class="l">Signal</th><th class="l">Why</th><th class="l">Exit</th></tr>';
  const rows = r.trades.map(
    (t) =>
      `<tr><td class="l">${esc(t.botId)}</td><td class="l">${esc(t.instrumentId)}</td><td class="l">${t.direction}</td><td>${t.quantity}</td><td class="l t">${ist(t.entryTs)}</td><td class="l t">${ist(t.exitTs)}</td><td>${fixed2(t.entryPrice)}</td><td>${fixed2(t.exitPrice)}</td>${cell(t.netPnl, money)}<td class="l">${esc(t.signal)}</td><td class="l">${esc(t.reason)}</td><td class="l">${esc(t.exitReason)}</td></tr>`,
  );
  return `<table>${head}\n${rows.join('\n')}</table>`;
}

/** What the run ended holding, valued at the last close as the equity curve values it. */
function openAtEndTable(r: BacktestResult): string {
  const open = r.openAtEnd ?? [];
  if (open.length === 0) return '';
  const head = '<tr><th class="l">Bot</th><th class="l">Instrument</th><th class="l">Side</th><th>Qty</th><th class="l">Entry (IST)</th><th>Entry</th><th>Mark</th><th>Net at the mark ₹</th><th class="l">Signal</th><th class="l">Why</th></tr>';
  const rows = open.map(
    (o) =>
      `<tr><td class="l">${esc(o.botId)}</td><td class="l">${esc(o.instrumentId)}</td><td class="l">${o.direction}</td><td>${o.quantity}</td><td class="l t">${ist(o.entryTs)}</td><td>${fixed2(o.entryPrice)}</td><td>${fixed2(o.mark)}</td>${cell(o.netPnl, money)}<td class="l">${esc(o.signal)}</td><td class="l">${esc(o.reason)}</td></tr>`,
  );
  return `<h2>Held at the end (${open.length})</h2>\n<p>In the equity curve at the last close's marks; the trade figures count closed trades only.</p>\n<table>${head}\n${rows.join('\n')}</table>\n`;
}

/** A line chart of one series over the days, with its range labelled. */
function curve(points: readonly EquityPoint[], value: (p: EquityPoint) => number, colour: string, label: string): string {
  const w = 900;
  const h = 220;
  const pad = 40;
  if (points.length === 0) return '<p>No days.</p>';
  const ys = points.map(value);
  const lo = Math.min(...ys);
  const hi = Math.max(...ys);
  const span = hi - lo || 1;
  const x = (i: number): number => pad + (points.length === 1 ? (w - 2 * pad) / 2 : (i * (w - 2 * pad)) / (points.length - 1));
  const y = (v: number): number => h - pad - ((v - lo) * (h - 2 * pad)) / span;
  const path = ys.map((v, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
  return `<svg width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" role="img" aria-label="${esc(label)}">
<text x="${pad}" y="16" font-size="12">${esc(label)}</text>
<text x="4" y="${y(hi) + 4}" font-size="11">${money(hi)}</text><text x="4" y="${y(lo) + 4}" font-size="11">${money(lo)}</text>
<text x="${pad}" y="${h - 8}" font-size="11">${points[0]!.day}</text><text x="${w - pad - 70}" y="${h - 8}" font-size="11">${points.at(-1)!.day}</text>
<path d="${path}" fill="none" stroke="${colour}" stroke-width="1.5"/>${points.length === 1 ? `<circle cx="${x(0)}" cy="${y(ys[0]!)}" r="3" fill="${colour}"/>` : ''}
</svg>`;
}

function cell(v: number | null, fmt: (v: number) => string): string {
  if (v === null) return '<td>—</td>';
  return `<td${v < 0 ? ' class="neg"' : ''}>${esc(fmt(v))}</td>`;
}

function money(v: number): string {
  return v.toLocaleString('en-IN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}
function pct(v: number): string {
  return `${(v * 100).toFixed(2)} %`;
}
function fixed2(v: number): string {
  return v.toFixed(2);
}
/** Date and time as an Indian trader reads them. */
function ist(ms: number): string {
  return `${istDateKey(ms)} ${formatIstTime(ms).slice(0, 5)}`;
}
function esc(s: string): string {
  return s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}
