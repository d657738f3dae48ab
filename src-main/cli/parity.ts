import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { calendarDate } from '#core/cli-args';
import { startCli, userPath, type Cli } from '#core/cli';
import { istToEpoch } from '#core/time-ist';
import { CAUSES, type ParityReport } from '#backtest/parity/attribution';
import { parityReport } from '#backtest/parity/parity-report';
import { DATABASE_FILE_NAME } from '#store/database';

/**
 * `npm run parity -- --date D`: a recorded paper (or live) session against its backtest, the gross P&L gap
 * attributed to latency, spread, partial fills and freeze splits. Reads the terminal's database and
 * changes nothing in it.
 */
const OPTIONS = {
  date: { type: 'string' },
  to: { type: 'string' },
  bot: { type: 'string' },
  'data-dir': { type: 'string' },
  database: { type: 'string' },
  json: { type: 'boolean' },
} as const;

const HELP = `npm run parity -- --date YYYY-MM-DD [options]: the parity report of a recorded session. Every order the
bots sent that day (the orders and fills the terminal keeps) is set against its backtest: the same decisions
filled whole, unsplit, at the price the backtester's replay of the day's 1-minute bars shows when the bot
decided. The gross P&L gap is split into what moved the price before the first fill (latency), what each fill
paid beyond the market at its moment (spread), what a remainder lost waiting or never filled (partial) and what
the later slices of a freeze-split order lost (freeze); the four add up to the gap.

  npm run parity -- --date 2026-11-16
  npm run parity -- --date 2026-11-16 --to 2026-11-20 --bot short-straddle --json

options:
  --date D            the (first) IST trading day, YYYY-MM-DD
  --to D              the last day (default --date)
  --bot B             only this bot's orders
  --data-dir D        the terminal's data folder (default ./data in the project)
  --database FILE     read this database instead (a copy of a terminal.sqlite)
  --json              print the report as JSON
  -h, --help          this text

Prices come from the 1-minute bars in the same database: while it runs, the terminal records each closed
minute of its underlyings, India VIX and every leg an order was sent for (from the minute of that order's
decision); bars fetched by npm run history or imported are kept over recorded ones. A minute still forming
when the terminal stopped is not recorded, so a decision in it is listed as not priced. A latency or a
partial fill inside one minute shows as spread.
exit codes: 0 done, 1 the database cannot be read, 2 bad arguments`;

const cli: Cli<typeof OPTIONS> = startCli({ name: 'parity', invocation: 'npm run parity --', help: HELP, options: OPTIONS });
const v = cli.values;
const day = (name: 'date' | 'to', raw: string): string => calendarDate(raw) ?? cli.usage(`--${name} ${raw} is not a date`, 'give a calendar day as YYYY-MM-DD');
if (v.date === undefined) cli.usage('--date is required', 'name the session, e.g. --date 2026-11-16');
const from = day('date', v.date);
const to = v.to === undefined ? from : day('to', v.to);
if (to < from) cli.usage(`--to ${to} is before --date ${from}`);
if (v.database !== undefined && v['data-dir'] !== undefined) cli.usage('give --database or --data-dir, not both');
const file =
  v.database !== undefined ? userPath(v.database) : path.join(v['data-dir'] !== undefined ? userPath(v['data-dir']) : path.join(import.meta.dirname, '..', '..', 'data'), DATABASE_FILE_NAME);
if (!fs.existsSync(file)) cli.fail(`no database at ${file}`, 'point --data-dir at the folder the terminal ran with, or --database at the file');

const [y0, m0, d0] = from.split('-').map(Number) as [number, number, number];
const [y1, m1, d1] = to.split('-').map(Number) as [number, number, number];
const fromMs = istToEpoch(y0, m0, d0);
const toMs = istToEpoch(y1, m1, d1 + 1);

let sqlite: Database.Database;
try {
  sqlite = new Database(file, { readonly: true, fileMustExist: true });
} catch (e) {
  cli.fail(`cannot open ${file}: ${(e as Error).message}`);
}
const tables = new Set((sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]));
const missing = ['orders', 'fills', 'bars'].filter((t) => !tables.has(t));
if (missing.length > 0) cli.fail(`${file} is not a terminal database (no ${missing.join(', ')} table)`, 'point --data-dir or --database at a terminal.sqlite');

const report = await parityReport(sqlite, { fromMs, toMs, ...(v.bot !== undefined ? { botId: v.bot } : {}) });
sqlite.close();
const span = from === to ? from : `${from}..${to}`;
if (v.json) process.stdout.write(`${JSON.stringify({ from, to, ...(v.bot !== undefined ? { bot: v.bot } : {}), ...report })}\n`);
else console.log(reportText(report, `${span}${v.bot !== undefined ? ` (${v.bot})` : ''}`));

function reportText(r: ParityReport, title: string): string {
  const rupees = (x: number): string => Math.round(x).toLocaleString('en-IN');
  const price = (x: number | null): string => (x === null ? '—' : x.toFixed(2));
  const time = (ms: number): string => new Date(ms + 19_800_000).toISOString().slice(11, 19);
  const lines = [`parity ${title}: ${r.parents.length} decisions; gross P&L recorded ₹${rupees(r.recordedPnl)}, backtest ₹${rupees(r.backtestPnl)}, gap ₹${rupees(r.gap)}`];
  if (r.parents.length > 0) {
    const rows = [
      ['decided (IST)', 'instrument', 'side', 'qty', 'filled', 'slices', 'decision ₹', 'avg fill ₹', ...CAUSES.map((c) => `${c} ₹`)],
      ...r.parents.map((p) => [time(p.decidedAt), p.instrumentId, p.side, String(p.quantity), String(p.filled), String(p.slices), price(p.decisionPrice), price(p.avgFillPrice), ...CAUSES.map((c) => rupees(p.costs[c]))]),
      ['total', '', '', '', '', '', '', '', ...CAUSES.map((c) => rupees(r.costs[c]))],
    ];
    const widths = (rows[0] as string[]).map((_, i) => Math.max(...rows.map((row) => (row[i] as string).length)));
    lines.push('', ...rows.map((row) => row.map((c, i) => (i < 3 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join('  ')));
    lines.push('', 'costs > 0 lost the session money; together they are −gap. Charges (not attributed): ₹' + rupees(r.recordedCharges));
  }
  for (const u of r.unpriced) lines.push(`not priced: ${u.key.split('|')[0]} — ${u.reason}`);
  return lines.join('\n');
}
