import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { integerIn, oneOf } from '#core/cli-args';
import { progressLine, startCli, userPath, type Cli } from '#core/cli';
import { botParamSpecs } from '#backtest/bot-params';
import { BACKTEST_BOTS } from '#backtest/types';
import { parseGridArg, type ParamGrid } from '#backtest/param-grid';
import { runBacktest } from '#backtest/run-backtest';
import { walkForward, type Optimise, type ScoreName, type WalkForwardResult } from '#backtest/walk-forward';
import { parseRangeOverride, searchSpaceOf, type RangeOverride } from '#optimiser/search-space';
import { samplerFor } from '#optimiser/study';
import { SAMPLERS, studySpecSchema } from '#optimiser/study-spec';
import { samplerSearch } from '#optimiser/walk-forward-search';
import { REQUEST_HELP, REQUEST_OPTIONS, requestFromOptions } from './backtest-args.ts';
import { backtestProgress } from './backtest-progress.ts';

/**
 * `npm run walkforward -- --bot … --from … --to …`: walk-forward analysis of one bot's parameters on the
 * backtester: optimise in-sample (on a grid of listed values, or with one of the optimiser's samplers),
 * test out-of-sample, fold by fold.
 */
const OPTIONS = {
  ...REQUEST_OPTIONS,
  bot: { type: 'string' },
  mode: { type: 'string' },
  'in-sample': { type: 'string' },
  'out-of-sample': { type: 'string' },
  score: { type: 'string' },
  grid: { type: 'string', multiple: true },
  sampler: { type: 'string' },
  param: { type: 'string', multiple: true },
  trials: { type: 'string' },
  'search-seed': { type: 'string' },
  batch: { type: 'string' },
  json: { type: 'boolean' },
  out: { type: 'string' },
} as const;

const SCORES: readonly ScoreName[] = ['sharpe', 'sortino', 'calmar', 'netPnl', 'profitFactor', 'expectancy', 'maxDrawdownPct'];

const HELP = `npm run walkforward -- --bot B --from YYYY-MM-DD --to YYYY-MM-DD [options]: walk-forward analysis of one
bot. The sessions of the range are cut into folds; in each, every parameter set of the grid is backtested on the
in-sample sessions, the best (by --score) is then backtested unchanged on the out-of-sample sessions after them.
With --sampler the in-sample search is the optimiser's (grid, random or TPE over the ranges given by --param).
Prints the per-fold table, the walk-forward efficiency and how stable the chosen parameters were.

  npm run walkforward -- --bot short-straddle --from 2026-09-01 --to 2026-11-27 --in-sample 20 --out-of-sample 5 \\
      --grid targetPct=15,25,35 --grid stopLossPct=30,40,60
  npm run walkforward -- --bot short-straddle --from 2026-09-01 --to 2026-11-27 --sampler tpe --trials 40 \\
      --param targetPct=10:60:5 --param stopLossPct=20:100:10

options:
  --bot B             the bot whose parameters are searched (it must be among --bots; default: --bots is just B)
  --mode M            rolling (default: windows keep their length) or anchored (every in-sample starts at --from)
  --in-sample N       trading sessions per in-sample window (default 20)
  --out-of-sample N   trading sessions per out-of-sample window (default 5)
  --score S           ${SCORES.join(', ')} (default sharpe; drawdown is minimised)
  --grid K=V1,V2      values of one parameter to try (repeat for more); default: the bot's first two
                      numeric parameters at their default and two steps either side
  --sampler S         search each in-sample window with the optimiser's sampler instead: ${SAMPLERS.join(', ')}
                      (grid walks every point of the --param ranges, at most 100,000)
  --param P           with --sampler: search this parameter, repeatable: key (its full range),
                      key=min:max[:step], key=HH:MM-HH:MM[:minutes] or key=a,b; default every searchable one
  --trials N          with --sampler random or tpe: trials per in-sample window (default 50)
  --search-seed N     with --sampler: the search's seed (default 1); the same seed proposes the same trials
  --batch N           with --sampler tpe: trials proposed at once from the same history (default 8)
${REQUEST_HELP}
  --json              print the result as JSON on stdout (progress goes to stderr)
  --out FILE          also write the result as JSON to FILE
  -h, --help          this text

exit codes: 0 done, 1 a backtest failed, 2 bad arguments`;

const cli: Cli<typeof OPTIONS> = startCli({ name: 'walkforward', invocation: 'npm run walkforward --', help: HELP, options: OPTIONS });
const { values } = cli;
const botId = values.bot ?? cli.usage('no --bot given', 'name the bot whose parameters are searched, e.g. --bot short-straddle');
const specs = botParamSpecs(botId) ?? cli.usage(`no bot ${botId}`, `one of ${BACKTEST_BOTS.join(', ')}`);
const request = requestFromOptions({ ...values, bots: values.bots ?? botId, ...(values.request !== undefined ? { request: userPath(values.request) } : {}) }, undefined, userPath);
if (!request.ok) cli.usage(request.error);
const mode = oneOf(values.mode ?? 'rolling', ['rolling', 'anchored']) ?? cli.usage(`--mode must be rolling or anchored, got ${values.mode}`);
const score = oneOf(values.score ?? 'sharpe', SCORES) ?? cli.usage(`--score must be one of ${SCORES.join(', ')}, got ${values.score}`);
const count = (name: string, raw: string | undefined, fallback: number): number => {
  if (raw === undefined) return fallback;
  return /^[1-9]\d*$/.test(raw) ? Number(raw) : cli.usage(`--${name} must be a whole number of sessions, at least 1, got ${raw}`);
};
const inSampleDays = count('in-sample', values['in-sample'], 20);
const outOfSampleDays = count('out-of-sample', values['out-of-sample'], 5);
let grid: ParamGrid | undefined;
if (values.grid !== undefined) {
  const g: Record<string, (number | string | boolean)[]> = {};
  for (const arg of values.grid) {
    const entry = parseGridArg(specs, arg);
    if (!entry.ok) cli.usage(`--grid ${entry.error}`);
    g[entry.value[0]] = entry.value[1];
  }
  grid = g;
}
const optimise = samplerOption();

/** The optimiser's search when --sampler is given, its space and sampler checked before any backtest runs. */
function samplerOption(): Optimise | undefined {
  const samplerOnly = (['param', 'trials', 'search-seed', 'batch'] as const).filter((k) => values[k] !== undefined);
  if (values.sampler === undefined) {
    if (samplerOnly.length > 0) cli.usage(`--${samplerOnly[0]} needs --sampler`, `add --sampler ${SAMPLERS.join('|')}, or list values with --grid K=V1,V2`);
    return undefined;
  }
  const sampler = oneOf(values.sampler, SAMPLERS) ?? cli.usage(`--sampler must be one of ${SAMPLERS.join(', ')}, got ${values.sampler}`);
  if (values.grid !== undefined) cli.usage('--grid lists values for the default search; with --sampler give ranges with --param', 'e.g. --param targetPct=15:35:10');
  const int = (name: 'trials' | 'search-seed' | 'batch', min: number, max: number, fallback: number): number => {
    const raw = values[name];
    if (raw === undefined) return fallback;
    return integerIn(raw, min, max) ?? cli.usage(`--${name} must be a whole number ${min}..${max}, got ${raw}`);
  };
  const space: RangeOverride[] | undefined = values.param?.map((p) => {
    const r = parseRangeOverride(p);
    return r.ok ? r.value : cli.usage(`--param ${r.error.message}`);
  });
  const options = { sampler, trials: int('trials', 1, 100_000, 50), seed: int('search-seed', 0, 2 ** 31 - 1, 1), batchSize: int('batch', 1, 4096, 8), ...(space ? { space } : {}) };
  const checked = searchSpaceOf(specs, space);
  if (!checked.ok) cli.usage(`--param ${checked.error.message}`);
  const fits = samplerFor(studySpecSchema.parse({ objective: { kind: 'synthetic' }, sampler, trials: options.trials, seed: options.seed, batchSize: options.batchSize }), checked.value);
  if (!fits.ok) cli.usage(fits.error.message);
  return samplerSearch(options);
}

const json = values.json === true;
const progressStream = json ? process.stderr : process.stdout;
const progress = backtestProgress(progressLine(progressStream), progressStream.isTTY === true, () => performance.now());
const abort = new AbortController();
process.once('SIGINT', () => abort.abort());
let runs = 0;
const started = performance.now();
const result = await walkForward({
  request: request.value,
  botId,
  mode,
  inSampleDays,
  outOfSampleDays,
  score,
  ...(grid ? { grid } : {}),
  ...(optimise ? { optimise } : {}),
  run: (req, deps, _p, signal) => {
    runs++;
    const n = runs;
    return runBacktest(req, deps, (p) => progress.update(p, `backtest ${n}`), signal);
  },
  signal: abort.signal,
});
progress.end();
if (!result.ok) cli.fail(result.error.message);
const w = result.value;
if (values.out !== undefined) fs.writeFileSync(userPath(values.out), `${JSON.stringify(w, null, 1)}\n`);
if (json) process.stdout.write(`${JSON.stringify(w)}\n`);
else {
  console.log(foldTable(w));
  for (const f of w.folds) for (const line of f.faults ?? []) console.log(`fold ${f.index + 1}: ${line}`);
  console.log(`\nwalk-forward efficiency ${w.efficiency === null ? '— (in-sample made nothing)' : w.efficiency.toFixed(2)}; out-of-sample net P&L ₹${Math.round(w.outOfSampleNetPnl).toLocaleString('en-IN')}`);
  for (const s of w.stability) console.log(`${s.key}: chosen ${s.values.join(', ')} — the most frequent in ${(s.modeShare * 100).toFixed(0)} % of folds${s.cv === null ? '' : `, variation ${(s.cv * 100).toFixed(1)} %`}`);
  console.log(`${runs} backtests in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

function foldTable(w: WalkForwardResult): string {
  const f2 = (v: number | null): string => (v === null ? '—' : v.toFixed(2));
  const rows = [
    ['fold', 'in-sample', 'out-of-sample', 'parameters', `IS ${w.score}`, `OOS ${w.score}`, 'IS net ₹', 'OOS net ₹', 'efficiency'],
    ...w.folds.map((f) => [
      String(f.index + 1),
      `${f.inSample.from}..${f.inSample.to} (${f.inSample.days})`,
      `${f.outOfSample.from}..${f.outOfSample.to} (${f.outOfSample.days})`,
      w.stability.map((s) => `${s.key}=${String(f.params[s.key])}`).join(' '),
      f2(f.inSampleScore),
      f2(f.outOfSampleScore),
      Math.round(f.inSampleMetrics.netPnl).toLocaleString('en-IN'),
      Math.round(f.outOfSampleMetrics.netPnl).toLocaleString('en-IN'),
      f2(f.efficiency),
    ]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((c, i) => (i < 4 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ')).join('\n');
}
