import { formatIstTime, istDateKey } from '#core/time-ist';
import type { StressReport } from './run-stress.ts';

const escape = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const rupees = (v: number): string => `${v < 0 ? '−' : ''}₹${Math.abs(Math.round(v)).toLocaleString('en-IN')}`;

const cell = (v: number | undefined): string => (v === undefined ? '<td class="n">–</td>' : `<td class="n ${v < 0 ? 'loss' : 'gain'}">${rupees(v)}</td>`);

/** The stress report as one self-contained HTML page (no scripts, no external resources) for export. */
export function stressReportHtml(report: StressReport, title = 'Stress scenarios'): string {
  const when = `${istDateKey(report.ts)} ${formatIstTime(report.ts)} IST`;
  const head = ['Scenario', 'Source', 'Book P&L', ...report.owners.map((o) => `${o} P&L`)].map((h) => `<th>${escape(h)}</th>`).join('');
  const body = report.rows
    .map((r) => `<tr><td><b>${escape(r.name)}</b><br><small>${escape(r.description)}</small></td><td>${escape(r.source)}</td>${cell(r.pnl)}${report.owners.map((o) => cell(r.byBot[o])).join('')}</tr>`)
    .join('\n');
  const worst = report.rows.find((r) => r.id === report.worst.id);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title>
<style>body{font:14px system-ui,sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;vertical-align:top}.n{text-align:right;white-space:nowrap}.loss{color:#b00}.gain{color:#070}small{color:#555}</style>
</head><body>
<h1>${escape(title)}</h1>
<p>Book as of ${escape(when)}. Every option leg fully revalued with Black-76; losses are negative.${worst ? ` Worst: ${escape(worst.name)}, ${rupees(worst.pnl)}.` : ''}</p>
<table><thead><tr>${head}</tr></thead><tbody>
${body}
</tbody></table>
</body></html>
`;
}
