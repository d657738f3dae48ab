import { userPath } from '#core/cli';
import { formatIstTime, istDateKey } from '#core/time-ist';
import type { ApiResult, TerminalClient } from '#client/rest-client';
import type { RouteOutput } from '#contract/rest-api';
import { modelIdSchema, modelKindSchema, retrainInput } from '#contract/model-dto';
import { call, usage, type CtlPlan, type UsagePlan } from './ctl-plan.ts';
import { record, table } from './ctl-tables.ts';

/**
 * `npm run ctl -- models …`: the running terminal's ML models through its API (`/api/models`): the
 * registry, compare, promote, roll back, bring your own ONNX, and retraining on its stored history.
 */

export interface ModelsValues {
  readonly kind?: string;
  readonly instrument?: string;
  readonly from?: string;
  readonly to?: string;
  readonly promote?: boolean;
  readonly wait?: boolean;
  readonly pollMs?: number;
}

export const MODELS_HELP = `  models [list]                   every model kind in force, every registered version with its data and figures
  models compare <id> <id>        two versions of one kind side by side, e.g. models compare regime@1 regime@2
  models promote <id>             put a version in force (the next evaluation runs it)
  models rollback <kind>          back to the version in force before (${modelKindSchema.options.join(', ')})
  models import <file.onnx> --kind K   bring your own ONNX (its manifest <file>.json beside it, on the terminal's machine)
  models retrain [--instrument I] [--from D] [--to D] [--promote] [--wait]
                                  retrain on the terminal's stored history (default NIFTY and BANKNIFTY, everything
                                  stored); the bots keep the models in force; --wait follows it to the end
  models cancel                   stop the running retraining (nothing is registered)`;

const modelId = (raw: string | undefined, verb: string): string | UsagePlan => {
  if (raw === undefined) return { kind: 'usage', what: `models ${verb} needs a model id`, fix: 'models list shows them, e.g. regime@2' };
  return modelIdSchema.safeParse(raw).success ? raw : { kind: 'usage', what: `${raw} is not a model id`, fix: 'write <kind>@<version>, e.g. regime@2 (models list shows them)' };
};

async function retrainAndWait(c: TerminalClient, body: NonNullable<Parameters<typeof retrainInput.parse>[0]>, pollMs: number): Promise<ApiResult<RouteOutput<'modelRetrain'>>> {
  const started = await c.call('modelRetrain', { body });
  if (!started.ok) return started;
  for (;;) {
    await new Promise((r) => setTimeout(r, pollMs));
    const now = await c.call('models');
    if (!now.ok) return now;
    const job = now.value.job;
    if (job === null || job.id !== started.value.id) return { ok: false, error: { status: 0, error: 'lost-job', message: `the terminal no longer reports ${started.value.id} (restarted?): look with npm run ctl -- models` } };
    if (job.state !== 'reading' && job.state !== 'training') return { ok: true, value: job };
  }
}

export function modelsPlan(words: readonly string[], v: ModelsValues): CtlPlan {
  const [verb = 'list', a, b, ...rest] = words;
  if (rest.length) return usage(`unexpected "${rest[0]}" after models ${verb}`, 'see npm run ctl -- --help');
  switch (verb) {
    case 'list':
      return a === undefined ? call('models', (c) => c.call('models')) : usage('models list takes no more words', 'write npm run ctl -- models');
    case 'compare': {
      const x = modelId(a, verb);
      if (typeof x !== 'string') return x;
      const y = modelId(b, verb);
      if (typeof y !== 'string') return y;
      return call('modelCompare', (c) => c.call('modelCompare', { body: { a: x, b: y } }));
    }
    case 'promote': {
      const id = modelId(a, verb);
      if (typeof id !== 'string') return id;
      return b === undefined ? call('modelPromote', (c) => c.call('modelPromote', { body: { modelId: id } })) : usage(`unexpected "${b}"`, 'promote one model at a time');
    }
    case 'rollback': {
      const kind = modelKindSchema.safeParse(a);
      if (!kind.success) return usage(a === undefined ? 'models rollback needs a kind' : `${a} is not a model kind`, `one of ${modelKindSchema.options.join(', ')}`);
      return b === undefined ? call('modelRollback', (c) => c.call('modelRollback', { body: { kind: kind.data } })) : usage(`unexpected "${b}"`, 'roll back one kind at a time');
    }
    case 'import': {
      if (a === undefined) return usage('models import needs an .onnx file', 'write models import mine.onnx --kind regime (mine.json beside it)');
      const kind = modelKindSchema.safeParse(v.kind);
      if (!kind.success) return usage(v.kind === undefined ? 'models import needs --kind' : `--kind ${v.kind} is not a model kind`, `one of ${modelKindSchema.options.join(', ')}`);
      return b === undefined ? call('modelImport', (c) => c.call('modelImport', { body: { kind: kind.data, path: userPath(a) } })) : usage(`unexpected "${b}"`, 'import one file at a time');
    }
    case 'retrain': {
      if (a !== undefined) return usage(`unexpected "${a}" after models retrain`, 'give the history with --instrument, --from and --to');
      const parsed = retrainInput.safeParse({
        ...(v.instrument !== undefined ? { instruments: v.instrument.split(',').map((s) => s.trim()) } : {}),
        ...(v.from !== undefined ? { from: v.from } : {}),
        ...(v.to !== undefined ? { to: v.to } : {}),
        ...(v.promote ? { promote: true } : {}),
      });
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        return usage(`--${String(issue.path[0] ?? 'instrument').replace('instruments', 'instrument')}: ${issue.message}`, 'e.g. models retrain --instrument NSE_INDEX:NIFTY --from 2025-01-01 --to 2025-12-31');
      }
      const body = parsed.data;
      if (!v.wait) return call('modelRetrain', (c) => c.call('modelRetrain', { body }));
      return call(
        'modelRetrain',
        (c) => retrainAndWait(c, body, v.pollMs ?? 1000),
        (value) => {
          const job = value as RouteOutput<'modelRetrain'>;
          return job.state === 'done' && job.message === undefined ? undefined : `${job.id} ${job.state}${job.message ? `: ${job.message}` : ''}`;
        },
      );
    }
    case 'cancel':
      return a === undefined ? call('modelRetrainCancel', (c) => c.call('modelRetrainCancel')) : usage(`unexpected "${a}" after models cancel`, 'write npm run ctl -- models cancel');
    default:
      return usage(`models ${verb} is not a models command`, 'use models list|compare|promote|rollback|import|retrain|cancel');
  }
}

const when = (ms: number): string => `${istDateKey(ms)} ${formatIstTime(ms)}`;
const day = (ms: number): string => istDateKey(ms);

type Model = RouteOutput<'modelImport'>;
const modelRow = (m: Model): (string | number)[] => [
  m.modelId,
  m.active ? 'in force' : '',
  m.origin,
  m.data ? `${day(m.data.from)}..${day(m.data.to)}` : '',
  m.data ? `${day(m.data.test.from)}..${day(m.data.test.to)} (${m.data.test.samples})` : '',
  m.sha256.slice(0, 12),
  m.summary,
];
const MODEL_HEAD = ['model', '', 'origin', 'data', 'test window (samples)', 'sha256', 'out of sample'];

const job = (j: RouteOutput<'modelRetrain'>): string =>
  record([
    ['retraining', j.id],
    ['state', j.state],
    ['started', when(j.startedAt)],
    ['progress', j.progress ? `${j.progress.kind} (${j.progress.index + 1}/${j.progress.of}) epoch ${j.progress.epoch + 1}/${j.progress.epochs} · ${Math.round(j.progress.fraction * 100)} %` : ''],
    ['data', j.data.join('; ')],
    ['results', j.results.map((r) => (r.ok ? `${r.modelId}${r.promoted ? ' in force' : ' registered'}` : `${r.kind}: ${r.message}`)).join('; ')],
    ['message', j.message],
  ]);

const models = (m: RouteOutput<'models'>): string =>
  [
    table(['kind', 'in force', 'why not'], m.slots.map((s) => [s.kind, s.modelId ?? '', s.state === 'available' ? '' : (s.reason ?? '')])),
    table(MODEL_HEAD, m.models.map(modelRow)),
    ...(m.job ? [job(m.job)] : []),
  ].join('\n');

export const MODELS_FORMAT: { [N in 'models' | 'modelCompare' | 'modelPromote' | 'modelRollback' | 'modelRetrain' | 'modelRetrainCancel' | 'modelImport']: (v: RouteOutput<N>) => string } = {
  models,
  modelPromote: models,
  modelRollback: models,
  modelCompare: (c) => `${table(MODEL_HEAD, [modelRow(c.a), modelRow(c.b)])}\n${c.note}`,
  modelRetrain: job,
  modelRetrainCancel: (j) => `${job(j)}\nasked to stop: it ends after the current batch`,
  modelImport: (m) => `${table(MODEL_HEAD, [modelRow(m)])}\nregistered; put it in force with models promote ${m.modelId}`,
};
