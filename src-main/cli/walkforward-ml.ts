import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { integerIn, oneOf } from '#core/cli-args';
import { progressLine, startCli, userPath, type Cli } from '#core/cli';
import { ok } from '#core/result';
import type { ModelRecord } from '#ml/registry/registry-port';
import { MODEL_KINDS } from '#ml/models/catalog';
import { DATABASE_FILE_NAME, openStore } from '#store/database';
import { ModelRegistryRepository } from '#store/model-registry-repository';
import { REQUEST_HELP, REQUEST_OPTIONS, requestFromOptions } from './backtest-args.ts';
import { compareWithMl, type MlComparison } from './ml-compare.ts';
import { retrainPerFold } from './ml-compare-retrain.ts';
import { comparisonTable } from './ml-compare-report.ts';
import { writeModelSet } from './ml-model-set.ts';

/**
 * `npm run walkforward:ml -- --from … --to …`: the bots over consecutive folds of sessions, each fold
 * backtested with and without the ML layer on the same market; the report is kept in the data folder.
 */
const OPTIONS = {
  ...REQUEST_OPTIONS,
  fold: { type: 'string' },
  models: { type: 'string' },
  'data-dir': { type: 'string' },
  json: { type: 'boolean' },
  out: { type: 'string' },
  'no-store': { type: 'boolean' },
  list: { type: 'boolean' },
  show: { type: 'string' },
  retrain: { type: 'boolean' },
  'train-sessions': { type: 'string' },
  embargo: { type: 'string' },
  'train-seed': { type: 'string' },
} as const;

const HELP = `npm run walkforward:ml -- --from YYYY-MM-DD --to YYYY-MM-DD [options]: does the ML layer help the bots?
The sessions of the range are cut into consecutive folds; each fold is backtested twice on the same market with
the same bots and parameters: once on the rule-based stand-ins (no ML source, rule regime), once with the models.
Prints, per fold and bot and in total: trades, win rate, Sharpe, max drawdown, net P&L. Without --retrain the
models are the same on every fold, and a fold inside a model's own training data is marked "ML in sample"; with
--retrain every model is trained afresh before each fold on the sessions before it, so every fold is out of sample.

  npm run walkforward:ml -- --from 2026-09-01 --to 2026-11-27 --fold 10 --history data/terminal.sqlite
  npm run walkforward:ml -- --from 2026-11-02 --to 2026-11-27 --bots momentum-rider --sim-seed 8 --json
  npm run walkforward:ml -- --from 2026-11-02 --to 2026-11-27 --fold 5 --retrain --sim-seed 8
  npm run walkforward:ml -- --list                      the kept reports
  npm run walkforward:ml -- --show FILE                 print a kept report again

options:
  --fold N            trading sessions per fold (default 5)
  --models M          active (default: the models in force in the data folder, shipped defaults for the rest)
                      or shipped (the app's defaults)
  --retrain           train every model before each fold on the sessions before it (in a worker thread), and
                      run that fold's ML side on those models: the data is the request's market (the history
                      it replays, or the same seed's simulator over those sessions)
  --train-sessions N  with --retrain: trading sessions of training data per fold (default 60)
  --embargo N         with --retrain: sessions left out between the training data and the fold (default 1)
  --train-seed N      with --retrain: the trainers' seed (default 1)
${REQUEST_HELP}
  --data-dir D        the terminal's data folder: its models, and where reports are kept (default ./data)
  --json              print the report as JSON on stdout (progress goes to stderr)
  --out FILE          also write the report as JSON to FILE
  --no-store          do not keep the report in the data folder's reports/
  -h, --help          this text

exit codes: 0 done, 1 a backtest failed, 2 bad arguments`;

const cli: Cli<typeof OPTIONS> = startCli({ name: 'walkforward:ml', invocation: 'npm run walkforward:ml --', help: HELP, options: OPTIONS });
const { values } = cli;
const dataDir = values['data-dir'] !== undefined ? userPath(values['data-dir']) : path.join(import.meta.dirname, '..', '..', 'data');
const reportsDir = path.join(dataDir, 'reports');
const shippedDir = path.join(import.meta.dirname, '..', '..', 'resources', 'models');

if (values.list === true) {
  const files = fs.existsSync(reportsDir) ? fs.readdirSync(reportsDir).filter((f) => f.startsWith('ml-compare-') && f.endsWith('.json')).sort() : [];
  if (files.length === 0) console.log(`no reports kept in ${reportsDir}`);
  for (const f of files) console.log(path.join(reportsDir, f));
  process.exit(0);
}
if (values.show !== undefined) {
  const file = fs.existsSync(userPath(values.show)) ? userPath(values.show) : path.join(reportsDir, values.show);
  let report: MlComparison;
  try {
    report = JSON.parse(fs.readFileSync(file, 'utf8')) as MlComparison;
  } catch (e) {
    cli.usage(`cannot read the report ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, 'name a file listed by --list');
  }
  if (report.format !== 1 || !Array.isArray(report.folds)) cli.usage(`${file} is not a report of walkforward:ml`);
  console.log(comparisonTable(report));
  process.exit(0);
}

const request = requestFromOptions(values, undefined, userPath);
if (!request.ok) cli.usage(request.error);
const foldDays = values.fold === undefined ? 5 : (integerIn(values.fold, 1, 250) ?? cli.usage(`--fold must be a whole number of sessions 1..250, got ${values.fold}`));
const which = oneOf(values.models ?? 'active', ['active', 'shipped']) ?? cli.usage(`--models must be active or shipped, got ${values.models}`);
const retrain = values.retrain === true;
if (!retrain) {
  for (const o of ['train-sessions', 'embargo', 'train-seed'] as const) if (values[o] !== undefined) cli.usage(`--${o} goes with --retrain`);
} else if (values.models !== undefined) cli.usage('--models and --retrain do not go together: with --retrain every fold has its own models');
const trainSessions = values['train-sessions'] === undefined ? 60 : (integerIn(values['train-sessions'], 5, 1000) ?? cli.usage(`--train-sessions must be a whole number of sessions 5..1000, got ${values['train-sessions']}`));
const embargoSessions = values.embargo === undefined ? 1 : (integerIn(values.embargo, 0, 20) ?? cli.usage(`--embargo must be a whole number of sessions 0..20, got ${values.embargo}`));
const trainSeed = values['train-seed'] === undefined ? 1 : (integerIn(values['train-seed'], 0, 2 ** 31 - 1) ?? cli.usage(`--train-seed must be a whole number, got ${values['train-seed']}`));

let records: ModelRecord[] = [];
if (!retrain && which === 'active' && fs.existsSync(path.join(dataDir, DATABASE_FILE_NAME))) {
  const opened = openStore(path.join(dataDir, DATABASE_FILE_NAME), Date.now());
  if (!opened.ok) cli.fail(opened.error.message, 'name the data folder with --data-dir, or use --models shipped');
  const registry = new ModelRegistryRepository(opened.value.sqlite);
  records = MODEL_KINDS.flatMap((k) => registry.active(k) ?? []);
  await opened.value.close();
}
const setDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ml-compare-models-'));
const cleanup = (): void => fs.rmSync(setDir, { recursive: true, force: true });
const set = retrain ? ok([]) : writeModelSet({ dir: path.join(setDir, 'set'), shippedDir, modelsDir: path.join(dataDir, 'models'), records });
if (!set.ok) {
  cleanup();
  cli.fail(set.error, 'retrain or roll back that model (npm run train), or use --models shipped');
}

const json = values.json === true;
const progress = progressLine(json ? process.stderr : process.stdout);
const abort = new AbortController();
process.once('SIGINT', () => abort.abort());
let foldText = '';
let shown = -1;
const trainingText = `training the models on the ${trainSessions} sessions before it`;
const trainingProgress = (fraction: number): void => {
  const percent = Math.floor(fraction * 100);
  if (percent === shown) return;
  shown = percent;
  progress.show(`${foldText}: ${trainingText}, ${percent} %`);
};
const result = await compareWithMl({
  request: request.value,
  foldDays,
  models: retrain
    ? retrainPerFold({ request: request.value, trainSessions, embargoSessions, seed: trainSeed, dir: setDir, onProgress: trainingProgress })
    : { shippedDir: path.join(setDir, 'set'), modelsDir: path.join(setDir, 'unused') },
  modelsUsed: set.value,
  onRun: (fold, folds, arm) => {
    foldText = `fold ${fold + 1} of ${folds}`;
    shown = -1;
    progress.show(arm === 'training the models' ? `${foldText}: ${trainingText}` : `${foldText}: backtest ${arm}`);
  },
  signal: abort.signal,
});
progress.end();
cleanup();
if (!result.ok) cli.fail(result.error.message);
const report = result.value;
const text = `${JSON.stringify(report, null, 1)}\n`;
if (values.out !== undefined) fs.writeFileSync(userPath(values.out), text);
let kept: string | undefined;
if (values['no-store'] !== true) {
  const id = createHash('sha256').update(text).digest('hex').slice(0, 12);
  kept = path.join(reportsDir, `ml-compare-${report.request.from}_${report.request.to}-${id}.json`);
  try {
    fs.mkdirSync(reportsDir, { recursive: true, mode: 0o700 });
    fs.writeFileSync(kept, text, { mode: 0o600 });
  } catch (e) {
    cli.fail(`cannot keep the report in ${reportsDir}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, 'choose a data folder you can write with --data-dir, or pass --no-store');
  }
}
if (json) process.stdout.write(`${JSON.stringify(report)}\n`);
else {
  console.log(comparisonTable(report));
  if (kept) console.log(`kept as ${kept} (print it again with --show)`);
}
