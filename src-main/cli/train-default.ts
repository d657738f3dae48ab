import fs from 'node:fs';
import path from 'node:path';
import { integerIn } from '#core/cli-args';
import { progressLine, startCli, userPath, type Cli } from '#core/cli';
import { MODEL_KINDS } from '#ml/models/catalog';
import { manifestText } from '#ml/models/manifest';
import { startTrainingJob } from '#ml/training/training-job';
import { simulatedTrainingInput } from './training-data.ts';
import { summary } from '#ml/models/metrics-summary';
import { trainingProgress } from './training-report.ts';

/**
 * `npm run train:default`: the shipped default models, made from the simulator's data only (the data the
 * project may ship) with a fixed seed. The same seed and sessions give the same bytes; `--check` retrains
 * and compares with the files in resources/models without writing.
 */
const OPTIONS = { check: { type: 'boolean' }, sessions: { type: 'string' }, seed: { type: 'string' }, out: { type: 'string' } } as const;
export const DEFAULT_SEED = 20261124;
export const DEFAULT_SESSIONS = 160;
export const DEFAULT_FROM = '2025-01-01';

const HELP = `npm run train:default [-- options]: trains the four shipped default models (RSI LSTM, pattern CNN,
structure-break validator, regime classifier) on the simulator's market and writes them with their
manifests to resources/models. They carry no market edge: the simulator has none to learn.

options:
  --check        retrain and compare with the files in the output folder, writing nothing (exit 1 if any differs)
  --sessions N   simulated NSE sessions from ${DEFAULT_FROM} (default ${DEFAULT_SESSIONS}; 40..1000)
  --seed N       simulator and training seed (default ${DEFAULT_SEED})
  --out D        output folder (default resources/models in the project)
  -h, --help     this text

exit codes: 0 written (or identical with --check), 1 a model failed or differs, 2 bad arguments`;

const cli: Cli<typeof OPTIONS> = startCli({ name: 'train:default', invocation: 'npm run train:default --', help: HELP, options: OPTIONS });
const v = cli.values;
const sessions = v.sessions === undefined ? DEFAULT_SESSIONS : (integerIn(v.sessions, 40, 1000) ?? cli.usage(`--sessions must be a whole number 40..1000, got ${v.sessions}`));
const seed = v.seed === undefined ? DEFAULT_SEED : (integerIn(v.seed, 0, 2 ** 31 - 1) ?? cli.usage(`--seed must be a whole number 0..2147483647, got ${v.seed}`));
const out = v.out !== undefined ? userPath(v.out) : path.join(import.meta.dirname, '..', '..', 'resources', 'models');

const progress = progressLine();
progress.show(`simulating ${sessions} sessions (seed ${seed})`);
const input = simulatedTrainingInput({ seed, sessions, fromDateKey: DEFAULT_FROM });
const job = startTrainingJob(input, { kinds: MODEL_KINDS, seed, onProgress: trainingProgress(progress.show) });
process.once('SIGINT', () => job.cancel());
const outcome = await job.done;
progress.end();
if (outcome.kind === 'cancelled') cli.fail('cancelled: nothing was written');
if (outcome.kind === 'failed') cli.fail(outcome.message);
let problems = 0;
for (const o of outcome.outcomes) {
  if (!o.ok) {
    problems++;
    console.log(`${o.kind}: ${o.error.message}`);
    continue;
  }
  const files: [string, Uint8Array | string][] = [
    [`${o.kind}.onnx`, o.model.onnx],
    [`${o.kind}.json`, manifestText(o.model.manifest)],
  ];
  if (v.check) {
    const differs = files.filter(([name, data]) => !sameBytes(path.join(out, name), data)).map(([name]) => name);
    if (differs.length > 0) problems++;
    console.log(`${o.kind}: ${differs.length === 0 ? 'identical' : `differs: ${differs.join(', ')}`}`);
  } else {
    fs.mkdirSync(out, { recursive: true });
    for (const [name, data] of files) fs.writeFileSync(path.join(out, name), data);
    console.log(`${o.kind}: ${o.model.manifest.onnx.bytes} bytes, sha256 ${o.model.manifest.onnx.sha256.slice(0, 12)}…; ${summary(o.model.manifest)}; ${Math.round(o.model.samplesPerSecond)} samples/s`);
  }
}
if (problems > 0) cli.fail(v.check ? `${problems} model(s) differ from ${out}` : `${problems} model(s) failed`, v.check ? 'run npm run train:default to remake them, and commit the result' : 'see the lines above');

function sameBytes(file: string, data: Uint8Array | string): boolean {
  try {
    return Buffer.from(data).equals(fs.readFileSync(file));
  } catch {
    return false;
  }
}
