import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { calendarDate, integerIn, oneOf } from '#core/cli-args';
import { progressLine, startCli, userPath, type Cli } from '#core/cli';
import { WallClock } from '#core/clock';
import { BACKTEST_BOTS, BACKTEST_UNDERLYINGS } from '#backtest/types';
import { queueEvaluator } from '#jobs/queue-evaluator';
import { parseRedisUrl } from '#jobs/redis-connection';
import type { TrialEvaluator } from '#optimiser/evaluator';
import { objectiveSpecSchema, SCORES, type ObjectiveSpecInput } from '#optimiser/objective-spec';
import { parseRangeOverride, type RangeOverride } from '#optimiser/search-space';
import { runStudy } from '#optimiser/study';
import { SAMPLERS, searchSpaceFor, type StudySpecInput } from '#optimiser/study-spec';
import { StudyStore } from '#optimiser/study-store';
import { summarise } from '#optimiser/summary';
import { defaultThreads, threadPoolEvaluator } from '#optimiser/thread-pool';
import { DATABASE_FILE_NAME, openStore, storeErrorFix } from '#store/database';
import { progressText, summaryJson, summaryText } from './optimise-report.ts';

/**
 * `npm run optimise`: searches a bot's parameters (read from its schema) with backtests as the objective,
 * on this machine's cores or, with --redis, on every machine running `npm run worker`. Results are kept per
 * trial in the terminal's database, so an interrupted study resumes where it stopped.
 */
const OPTIONS = {
  bot: { type: 'string' },
  sampler: { type: 'string' },
  trials: { type: 'string' },
  seed: { type: 'string' },
  param: { type: 'string', multiple: true },
  from: { type: 'string' },
  to: { type: 'string' },
  'oos-from': { type: 'string' },
  'oos-to': { type: 'string' },
  'oos-top': { type: 'string' },
  score: { type: 'string' },
  underlyings: { type: 'string' },
  history: { type: 'string' },
  'sim-seed': { type: 'string' },
  capital: { type: 'string' },
  batch: { type: 'string' },
  threads: { type: 'string' },
  redis: { type: 'string' },
  'trials-per-job': { type: 'string' },
  study: { type: 'string' },
  list: { type: 'boolean' },
  show: { type: 'string' },
  json: { type: 'boolean' },
  'data-dir': { type: 'string' },
} as const;

const HELP = `npm run optimise -- --bot BOT --from D --to D [options]: searches the bot's parameters, each trial a backtest.

  npm run optimise -- --bot short-straddle --from 2025-01-01 --to 2025-06-30 --oos-from 2025-07-01 --oos-to 2025-09-30
  npm run optimise -- --bot iron-condor --sampler grid --param ivPercentileMin=30:70:10 --param stopLossPct=20:60:20 ...
  npm run optimise -- --bot synthetic --trials 500          a synthetic bot with a planted optimum (no market data)
  npm run optimise -- ... --redis redis://host:6379          the trials go to npm run worker processes on any machines

what to search:
  --bot B              ${BACKTEST_BOTS.join(', ')}, or synthetic
  --sampler S          ${SAMPLERS.join(', ')} (default tpe: a tree-structured Parzen estimator)
  --trials N           trials for random and tpe (default 100); a grid runs all its points (at most 100,000)
  --seed N             the search's seed (default 1): the same seed proposes the same trials
  --param P            search only this parameter, repeatable: key (its full range), key=min:max[:step],
                       key=HH:MM-HH:MM[:minutes] or key=a,b (choices); default every searchable parameter
  --score M            what is maximised: ${SCORES.join(', ')} (default sharpe; drawdown is minimised)
  --batch N            tpe proposes N trials at once from the same history (default 8)
the backtests:
  --from D, --to D     in-sample days, YYYY-MM-DD
  --oos-from D, --oos-to D   out-of-sample days: the best --oos-top (default 10) trials are run on them
  --underlyings A,B    ${BACKTEST_UNDERLYINGS.join(', ')} (default NIFTY)
  --history FILE       bars from this database (the history cache); default the simulator
  --sim-seed N         the simulated market's seed (default 1)
  --capital R          starting capital in rupees (default 5000000)
where it runs:
  --threads N          worker threads here (default one per core, here ${defaultThreads()})
  --redis URL          submit the trials as jobs to Redis instead (redis://host:6379); start npm run worker there
  --trials-per-job N   trials in one job (default 4)
results:
  --study NAME         the study's name (default: the bot, sampler and a hash of the settings, so running
                       the same command again resumes it)
  --list               the stored studies
  --show NAME          a stored study's results
  --json               print the results as JSON
  --data-dir D         the terminal's data folder (default ./data in the project)

exit codes: 0 done, 1 the study failed or was stopped (run it again to resume), 2 bad arguments`;

const cli: Cli<typeof OPTIONS> = startCli({ name: 'optimise', invocation: 'npm run optimise --', help: HELP, options: OPTIONS });
const v = cli.values;
const dataDir = v['data-dir'] !== undefined ? userPath(v['data-dir']) : path.join(import.meta.dirname, '..', '..', 'data');
const int = (name: keyof typeof OPTIONS, min: number, max: number, fallback: number): number => {
  const raw = v[name];
  if (raw === undefined) return fallback;
  if (typeof raw !== 'string') return fallback;
  return integerIn(raw, min, max) ?? cli.usage(`--${name} must be a whole number ${min}..${max}, got ${raw}`);
};
const day = (name: 'from' | 'to' | 'oos-from' | 'oos-to'): string | undefined => {
  const raw = v[name];
  return raw === undefined ? undefined : (calendarDate(raw) ?? cli.usage(`--${name} ${raw} is not a date`, 'give a calendar day as YYYY-MM-DD'));
};

const clock = new WallClock();
const opened = openStore(path.join(dataDir, DATABASE_FILE_NAME), clock.now());
if (!opened.ok) cli.fail(opened.error.message, storeErrorFix(opened.error));
const studies = new StudyStore(opened.value);
const finish = async (code: number, text?: string): Promise<never> => {
  await opened.value.close();
  // Written synchronously: process.exit right after console.log can cut a long text short on a pipe.
  if (text !== undefined) fs.writeSync(code === 0 ? 1 : 2, `${text}\n`);
  process.exit(code);
};

if (v.list) {
  const rows = studies.list();
  await finish(0, rows.length === 0 ? 'no studies yet' : rows.map((r) => `${r.studyId}: ${r.spec.sampler}, ${r.done} results, ${JSON.stringify(r.spec.objective)}`).join('\n'));
}
if (v.show !== undefined) {
  const records = studies.records(v.show);
  if (records.length === 0) await finish(1, `optimise: no study "${v.show}" with results — see npm run optimise -- --list`);
  const s = summarise(records);
  await finish(0, v.json ? JSON.stringify(summaryJson(v.show, s), null, 2) : summaryText(v.show, s));
}

if (v.bot === undefined) cli.usage('--bot is required', `one of ${BACKTEST_BOTS.join(', ')}, synthetic`);
const bot = v.bot === 'synthetic' ? 'synthetic' : (oneOf(v.bot, BACKTEST_BOTS) ?? cli.usage(`unknown bot ${v.bot}`, `one of ${BACKTEST_BOTS.join(', ')}, synthetic`));
const sampler = v.sampler === undefined ? 'tpe' : (oneOf(v.sampler, SAMPLERS) ?? cli.usage(`unknown sampler ${v.sampler}`, `one of ${SAMPLERS.join(', ')}`));
const space: RangeOverride[] | undefined = v.param?.map((p) => {
  const r = parseRangeOverride(p);
  return r.ok ? r.value : cli.usage(`--param ${r.error.message}`);
});

let objective: ObjectiveSpecInput;
if (bot === 'synthetic') {
  objective = { kind: 'synthetic' };
} else {
  const [from, to] = [day('from'), day('to')];
  if (!from || !to) cli.usage('--from and --to are required', 'give the in-sample days, e.g. --from 2025-01-01 --to 2025-06-30');
  const [oosFrom, oosTo] = [day('oos-from'), day('oos-to')];
  if ((oosFrom === undefined) !== (oosTo === undefined)) cli.usage('give both --oos-from and --oos-to, or neither');
  const underlyings = (v.underlyings ?? 'NIFTY').split(',').map((u) => oneOf(u.trim(), BACKTEST_UNDERLYINGS) ?? cli.usage(`unknown underlying ${u}`, `one of ${BACKTEST_UNDERLYINGS.join(', ')}`));
  const score = v.score === undefined ? 'sharpe' : (oneOf(v.score, SCORES) ?? cli.usage(`unknown score ${v.score}`, `one of ${SCORES.join(', ')}`));
  const data = v.history !== undefined ? { kind: 'history', database: userPath(v.history) } : { kind: 'simulator', seed: int('sim-seed', 0, 2 ** 31 - 1, 1) };
  const capital = v.capital === undefined ? 5_000_000 : Number(v.capital);
  if (!(capital > 0)) cli.usage(`--capital must be a positive number of rupees, got ${v.capital}`);
  objective = {
    kind: 'backtest',
    bot,
    request: { underlyings, data, capital },
    inSample: { from, to },
    ...(oosFrom && oosTo ? { outOfSample: { from: oosFrom, to: oosTo } } : {}),
    score,
  };
}

const parsedObjective = objectiveSpecSchema.safeParse(objective);
if (!parsedObjective.success) cli.usage(parsedObjective.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
const checked = searchSpaceFor(parsedObjective.data, space);
if (!checked.ok) cli.usage(`--param ${checked.error.message}`);

const spec: StudySpecInput = {
  objective,
  ...(space ? { space } : {}),
  sampler,
  trials: int('trials', 1, 1_000_000, 100),
  seed: int('seed', 0, 2 ** 31 - 1, 1),
  batchSize: int('batch', 1, 4096, 8),
  outOfSampleTop: int('oos-top', 0, 10_000, 10),
};
const studyId = v.study ?? `${bot}-${sampler}-${createHash('sha256').update(JSON.stringify(spec)).digest('hex').slice(0, 8)}`;
if (!/^[A-Za-z0-9_.-]{1,100}$/.test(studyId)) cli.usage(`--study "${studyId}" may hold only letters, digits, . _ and -`);

let evaluator: TrialEvaluator;
if (v.redis !== undefined) {
  const target = parseRedisUrl(v.redis);
  if (!target.ok) cli.usage(target.error.message);
  const q = await queueEvaluator({ target: target.value, label: studyId, trialsPerJob: int('trials-per-job', 1, 10_000, 4) });
  if (!q.ok) await finish(1, `optimise: ${q.error.message}`);
  evaluator = (q as { ok: true; value: TrialEvaluator }).value;
  console.log(`optimise: study ${studyId}: trials go to the workers on ${target.value.display} (start them with npm run worker -- --redis URL)`);
} else {
  evaluator = threadPoolEvaluator({ threads: int('threads', 1, 256, defaultThreads()) });
  console.log(`optimise: study ${studyId}`);
}

const controller = new AbortController();
process.once('SIGINT', () => {
  console.error('\noptimise: stopping after the trials in hand (press Ctrl-C again to quit at once); run the same command again to resume');
  controller.abort();
  process.once('SIGINT', () => process.exit(1));
});
const progress = progressLine(process.stderr);
const result = await runStudy({ studyId, spec, store: studies, evaluator, clock, signal: controller.signal, onProgress: (p) => progress.show(progressText(p)) });
progress.end();
await evaluator.close();
if (!result.ok) await finish(1, `optimise: ${result.error.message}`);
const summary = (result as { ok: true; value: ReturnType<typeof summarise> }).value;
await finish(0, v.json ? JSON.stringify(summaryJson(studyId, summary), null, 2) : summaryText(studyId, summary));
