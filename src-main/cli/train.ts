import path from 'node:path';
import { calendarDate, integerIn, oneOf } from '#core/cli-args';
import { progressLine, startCli, userPath, type Cli } from '#core/cli';
import { WallClock } from '#core/clock';
import { istDateFromKey } from '#core/time-ist';
import { instrumentIdSchema } from '#contract/dto';
import { createSqliteBarCache } from '#market/history/bar-cache';
import type { InstrumentId } from '#model/ids';
import { MODEL_KINDS, type ModelKind } from '#ml/models/catalog';
import type { ModelManifest } from '#ml/models/manifest';
import { createModelService } from '#ml/service/model-service';
import type { TrainingInput } from '#ml/training/dataset';
import { DATABASE_FILE_NAME, openStore, storeErrorFix } from '#store/database';
import { ModelRegistryRepository } from '#store/model-registry-repository';
import { BANKNIFTY, historyTrainingInput, NIFTY } from '#ml/training/history-input';
import { simulatedTrainingInput } from './training-data.ts';
import { summary } from '#ml/models/metrics-summary';
import { trainingProgress } from './training-report.ts';
import { storeFaultCrash } from '#engine/store-faults';

/**
 * `npm run train`: retrains the models on the trader's own history in the database (imported with
 * `import:csv` or fetched with `history`), in a worker thread with progress (Ctrl-C cancels), and
 * registers each new version; `--promote` puts them in force. Also lists, promotes, rolls back, compares
 * and brings in models: the operations the app's model panel will call.
 */
const OPTIONS = {
  'data-dir': { type: 'string' },
  instrument: { type: 'string', multiple: true },
  from: { type: 'string' },
  to: { type: 'string' },
  models: { type: 'string' },
  seed: { type: 'string' },
  promote: { type: 'boolean' },
  simulated: { type: 'string' },
  list: { type: 'boolean' },
  'promote-model': { type: 'string' },
  rollback: { type: 'string' },
  compare: { type: 'string' },
  import: { type: 'string' },
  kind: { type: 'string' },
} as const;

const HELP = `npm run train [-- options]: trains the ML models on your history in the terminal's database (5-minute
bars, or 1-minute bars folded into them) and registers each as a new version. The running terminal keeps
its current models until a new one is promoted (a promotion made here reaches it within 30 engine seconds).

  npm run train -- --instrument NSE_INDEX:NIFTY --from 2025-01-01 --to 2025-12-31
  npm run train -- --promote                       train on everything stored and put the models in force
  npm run train -- --list                          every registered model, its data and out-of-sample figures
  npm run train -- --promote-model regime@3        put a registered version in force
  npm run train -- --rollback regime               back to the version in force before
  npm run train -- --compare regime@2,regime@3     their out-of-sample figures side by side
  npm run train -- --import mine.onnx --kind regime   bring your own ONNX (mine.json beside it: the manifest)

training options:
  --instrument I   EXCHANGE:SYMBOL, repeatable (default NSE_INDEX:NIFTY and NSE_INDEX:BANKNIFTY); India VIX
                   (NSE_INDEX:INDIAVIX) is read for the regime model when stored
  --from D, --to D first and last day, YYYY-MM-DD (default: everything stored)
  --models M       comma-separated: ${MODEL_KINDS.join(', ')} (default all)
  --seed N         training seed (default 1): the same data and seed give the same model
  --promote        put each new model in force
  --simulated N    train on N sessions of the simulator instead of your history (to try it out)
  --data-dir D     the terminal's data folder (default ./data in the project)
  -h, --help       this text

exit codes: 0 done, 1 a model could not be trained or was refused, or cancelled, 2 bad arguments`;

const cli: Cli<typeof OPTIONS> = startCli({ name: 'train', invocation: 'npm run train --', help: HELP, options: OPTIONS });
cli.explainCrashes(storeFaultCrash);
const v = cli.values;
const dataDir = v['data-dir'] !== undefined ? userPath(v['data-dir']) : path.join(import.meta.dirname, '..', '..', 'data');
const kindOf = (raw: string): ModelKind => oneOf(raw, MODEL_KINDS) ?? cli.usage(`unknown model ${raw}`, `one of ${MODEL_KINDS.join(', ')}`);
const kinds = v.models === undefined ? MODEL_KINDS : v.models.split(',').map((k) => kindOf(k.trim()));
const seed = v.seed === undefined ? 1 : (integerIn(v.seed, 0, 2 ** 31 - 1) ?? cli.usage(`--seed must be a whole number 0..2147483647, got ${v.seed}`));
const instruments = (v.instrument ?? [NIFTY, BANKNIFTY]).map((raw) => {
  const r = instrumentIdSchema.safeParse(raw);
  return r.success ? (r.data as InstrumentId) : cli.usage(`--instrument must be EXCHANGE:SYMBOL, got ${raw}`, 'e.g. --instrument NSE_INDEX:NIFTY');
});
const date = (raw: string | undefined, name: string) => (raw === undefined ? undefined : (calendarDate(raw) ?? cli.usage(`--${name} ${raw} is not a date`, 'give a calendar day as YYYY-MM-DD')));
const from = date(v.from, 'from');
const to = date(v.to, 'to');
if (from && to && from > to) cli.usage(`--from ${from} is after --to ${to}`, 'swap them');
const simulated = v.simulated === undefined ? undefined : (integerIn(v.simulated, 20, 1000) ?? cli.usage(`--simulated must be a number of sessions 20..1000, got ${v.simulated}`));
if (v.import !== undefined && v.kind === undefined) cli.usage('--import needs --kind', `the kind of model it is: ${MODEL_KINDS.join(', ')}`);

const clock = new WallClock();
const store = openStore(path.join(dataDir, DATABASE_FILE_NAME), clock.now());
if (!store.ok) cli.fail(store.error.message, storeErrorFix(store.error));
const registry = new ModelRegistryRepository(store.value.sqlite);
const service = createModelService({
  registry,
  clock,
  shippedDir: path.join(import.meta.dirname, '..', '..', 'resources', 'models'),
  modelsDir: path.join(dataDir, 'models'),
  // No bot reads the models here: no market, and no regime fallback or ensemble weights are consulted.
  market: () => undefined,
  fallbackRegime: { classify: () => undefined },
  defaultWeights: { ml: 0.4, technical: 0.3, priceAction: 0.2, confirmation: 0.1 },
  log: (level, message) => level === 'warn' && console.error(`train: ${message}`),
});
service.start();
const close = async () => {
  service.close();
  await store.value.close();
};
const done = async (failure?: string): Promise<never> => {
  await close();
  if (failure) cli.fail(failure);
  process.exit(0);
};
for (const p of registry.problems) console.error(`train: ${p}`);

if (v.list) {
  for (const s of service.status()) {
    console.log(`${s.kind}: ${s.slot.state === 'available' ? `${s.slot.modelId} in force` : `not available (${s.slot.reason})`}`);
    for (const r of service.list(s.kind)) console.log(`  ${r.modelId} ${r.origin}: ${summary(r.manifest as ModelManifest)}`);
  }
  await done();
}
if (v['promote-model'] !== undefined) {
  const r = service.promote(v['promote-model']);
  if (r.ok) console.log(`${r.value.modelId} in force`);
  await done(r.ok ? undefined : r.error.message);
}
if (v.rollback !== undefined) {
  const r = service.rollback(kindOf(v.rollback));
  if (r.ok) console.log(`${r.value.modelId} in force again`);
  await done(r.ok ? undefined : r.error.message);
}
if (v.compare !== undefined) {
  const [a, b] = v.compare.split(',');
  const r = service.compare(a ?? '', b ?? '');
  if (r.ok) console.log(`${r.value.a.modelId}: ${summary(r.value.a.manifest as ModelManifest)}\n${r.value.b.modelId}: ${summary(r.value.b.manifest as ModelManifest)}\n${r.value.note}`);
  await done(r.ok ? undefined : r.error.message);
}
if (v.import !== undefined) {
  const r = service.importModel(kindOf(v.kind!), userPath(v.import));
  if (r.ok) console.log(`${r.value.modelId} registered from ${v.import}; put it in force with --promote-model ${r.value.modelId}`);
  await done(r.ok ? undefined : r.error.message);
}

const progress = progressLine();
let input: TrainingInput;
if (simulated !== undefined) {
  progress.show(`simulating ${simulated} sessions`);
  input = simulatedTrainingInput({ seed, sessions: simulated, fromDateKey: '2025-01-01' });
} else {
  const fromMs = from ? istDateFromKey(from) : 0;
  const toMs = to ? istDateFromKey(to) + 86_400_000 - 1 : clock.now();
  const got = await historyTrainingInput(createSqliteBarCache(store.value.sqlite), instruments, fromMs, toMs);
  for (const line of got.lines) console.log(line);
  if (got.input.series.length === 0) await done('no bars stored for these instruments in that range — import history first (npm run import:csv or npm run history)');
  input = got.input;
}
const job = service.retrain(input, { kinds, seed, onProgress: trainingProgress(progress.show), promote: v.promote === true });
process.once('SIGINT', () => job.cancel());
const outcome = await job.done;
progress.end();
if (outcome.kind === 'cancelled') await done('cancelled: nothing was registered');
if (outcome.kind === 'failed') await done(outcome.message);
let failed = 0;
if (outcome.kind === 'done') {
  for (const r of outcome.results) {
    if (!r.ok) {
      failed++;
      console.log(`${r.kind}: ${r.message}`);
      continue;
    }
    const record = registry.get(r.modelId)!;
    console.log(`${r.modelId} ${r.promoted ? 'in force' : 'registered'}: ${summary(record.manifest as ModelManifest)}`);
  }
}
await done(failed > 0 ? `${failed} model(s) not trained` : undefined);
