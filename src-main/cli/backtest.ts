import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { progressLine, startCli, userPath, type Cli } from '#core/cli';
import { runBacktest } from '#backtest/run-backtest';
import { listBacktests, loadBacktest, saveBacktest } from '#backtest/result-store';
import { DATABASE_FILE_NAME, openStore, storeErrorFix } from '#store/database';
import { REQUEST_HELP, REQUEST_OPTIONS, requestFromOptions } from './backtest-args.ts';
import { backtestProgress } from './backtest-progress.ts';
import { faultLines, optionPricingLine, summaryTable, writeBacktestFiles } from './backtest-output.ts';

/**
 * `npm run backtest -- --from … --to …`: the live engine over past sessions with a simulated clock, the
 * simulated market and the paper broker; prints the figures, keeps the run in the terminal's database and
 * writes the result as JSON, CSV and an HTML report when asked.
 */
const OPTIONS = {
  ...REQUEST_OPTIONS,
  out: { type: 'string' },
  json: { type: 'boolean' },
  'no-store': { type: 'boolean' },
  list: { type: 'boolean' },
  export: { type: 'string' },
  'data-dir': { type: 'string' },
} as const;

const HELP = `npm run backtest -- --from YYYY-MM-DD --to YYYY-MM-DD [options]: runs the bots over past sessions on
the live engine (same bots, order path and risk) with a simulated clock, the seeded simulated market and the
paper broker. The same request gives the same result, byte for byte.

  npm run backtest -- --from 2026-11-02 --to 2026-11-27 --bots short-straddle,iron-condor --out ./bt-nov
  npm run -s backtest -- --request my-request.json --json > result.json   # -s keeps npm's banner out
  npm run backtest -- --list                              # the runs kept in the terminal's database
  npm run backtest -- --export 190066ee336b8a20 --out ./bt   # a kept run's files again

options:
${REQUEST_HELP}
  --out DIR           write result.json, trades.csv, equity.csv, metrics.csv and report.html there
  --json              print the result as JSON on stdout (progress goes to stderr)
  --no-store          do not keep the run in the terminal's database
  --list              list the kept runs, newest first, and exit
  --export RUN        write a kept run's files into --out DIR, and exit
  --data-dir D        the terminal's data folder, where runs are kept (default ./data in the project)
  -h, --help          this text
Relative paths are taken from the folder you ran the command in.

exit codes: 0 done, 1 the backtest failed, 2 bad arguments`;

const cli: Cli<typeof OPTIONS> = startCli({ name: 'backtest', invocation: 'npm run backtest --', help: HELP, options: OPTIONS });
const { values } = cli;
const dataDir = values['data-dir'] !== undefined ? userPath(values['data-dir']) : path.join(import.meta.dirname, '..', '..', 'data');
if (values.list === true || values.export !== undefined) {
  const opened = openStore(path.join(dataDir, DATABASE_FILE_NAME), Date.now());
  if (!opened.ok) cli.fail(opened.error.message, 'name the data folder with --data-dir');
  if (values.list === true) {
    for (const r of listBacktests(opened.value)) {
      console.log(`${r.runId}  ${new Date(r.createdAt).toISOString().slice(0, 16)}  ${r.from}..${r.to}  ${r.bots.join(',')}  net ₹${Math.round(r.netPnl).toLocaleString('en-IN')}  Sharpe ${r.sharpe === null ? '—' : r.sharpe.toFixed(2)}  max DD ${(r.maxDrawdownPct * 100).toFixed(1)}%  ${r.trades} trades`);
    }
  } else {
    if (values.out === undefined) cli.usage('--export needs --out DIR', 'name the folder to write the files into');
    const loaded = loadBacktest(opened.value, values.export!);
    if (!loaded.ok) cli.fail(loaded.error, 'list the kept runs with --list');
    for (const f of writeBacktestFiles(userPath(values.out), loaded.value)) console.log(`wrote ${f}`);
  }
  await opened.value.close();
  process.exit(0);
}
const request = requestFromOptions({ ...values, ...(values.request !== undefined ? { request: userPath(values.request) } : {}) }, undefined, userPath);
if (!request.ok) cli.usage(request.error);

const json = values.json === true;
const progressStream = json ? process.stderr : process.stdout;
const progress = backtestProgress(progressLine(progressStream), progressStream.isTTY === true, () => performance.now());
const abort = new AbortController();
process.once('SIGINT', () => abort.abort());
const started = performance.now();
const result = await runBacktest(request.value, {}, (p) => progress.update(p), abort.signal);
progress.end();
if (!result.ok) cli.fail(result.error.message);
const r = result.value;
const seconds = (performance.now() - started) / 1000;

let runId: string | undefined;
if (values['no-store'] !== true) {
  const opened = openStore(path.join(dataDir, DATABASE_FILE_NAME), Date.now());
  if (!opened.ok) cli.fail(opened.error.message, `${storeErrorFix(opened.error)}, or pass --no-store`);
  runId = saveBacktest(opened.value, r, Date.now(), `${r.request.from}..${r.request.to}`);
  await opened.value.close();
}
const written = values.out !== undefined ? writeBacktestFiles(userPath(values.out), r) : [];

if (json) {
  process.stdout.write(`${JSON.stringify(r)}\n`);
} else {
  console.log(summaryTable(r));
  for (const line of faultLines(r)) console.log(`\n${line}`);
  console.log(`\n${r.days.length} sessions, ${r.bars.toLocaleString('en-US')} underlying 1-minute bars in ${seconds.toFixed(1)} s; ${r.trades.length} closed trades.`);
  const pricing = optionPricingLine(r);
  if (pricing) console.log(pricing);
  if (runId) console.log(`kept as run ${runId} in the terminal's database`);
  for (const f of written) console.log(`wrote ${f}`);
}
