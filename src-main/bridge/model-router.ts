import type { z } from 'zod';
import type { EngineApi } from '#engine/engine-api';
import { modelView, modelViews, type ModelView } from '#engine/bots/model-views';
import { istDateFromKey } from '#core/time-ist';
import type { commands, CommandOutput } from '#contract/channels';
import type { BridgeResult } from '#contract/dto';
import type { ModelDto, ModelsDto, RetrainJobDto } from '#contract/model-dto';

type ModelsApi = NonNullable<EngineApi['models']>;
/** The router's stream sink, restated: the router imports this file. */
interface StreamSink {
  snapshot(data: unknown): void;
  delta(data: unknown): void;
}
type RetrainJob = NonNullable<ReturnType<ModelsApi['jobs']['current']>>;
type ModelCommand = 'models:list' | 'models:compare' | 'models:promote' | 'models:rollback' | 'models:retrain' | 'models:retrain:cancel' | 'models:import';
type Handler<C extends ModelCommand> = (input: z.infer<(typeof commands)[C]['input']>) => BridgeResult<CommandOutput<C>>;

const NIFTY = 'NSE_INDEX:NIFTY';
const BANKNIFTY = 'NSE_INDEX:BANKNIFTY';
const DAY_MS = 86_400_000;

const unavailable = { ok: false as const, error: { kind: 'not-available' as const, message: 'the ML models are not available in this terminal' } };
const refused = (message: string, kind: 'invalid-state' | 'not-found' = 'invalid-state') => ({ ok: false as const, error: { kind, message } });

const toModelDto = (v: ModelView): ModelDto => ({
  ...v,
  data: v.data ? { ...v.data, instruments: [...v.data.instruments], train: { ...v.data.train }, test: { ...v.data.test } } : null,
  metrics: { ...v.metrics },
  calibration: Object.fromEntries(Object.entries(v.calibration).map(([k, bins]) => [k, bins.map((b) => ({ ...b }))])),
});

export function toRetrainJobDto(j: RetrainJob): RetrainJobDto {
  return {
    id: j.id,
    state: j.state,
    startedAt: j.startedAt,
    ...(j.endedAt !== undefined ? { endedAt: j.endedAt } : {}),
    instruments: [...j.request.instruments],
    data: [...j.data],
    progress: j.progress ? { ...j.progress } : null,
    results: j.results.map((r) => (r.ok ? { kind: r.kind, ok: true, modelId: r.modelId, promoted: r.promoted } : { kind: r.kind, ok: false, message: r.message })),
    ...(j.message !== undefined ? { message: j.message } : {}),
  };
}

export function toModelsDto(models: ModelsApi): ModelsDto {
  const v = modelViews(models);
  const job = models.jobs.current();
  return { slots: v.slots.map((s) => ({ ...s })), models: v.models.map(toModelDto), job: job ? toRetrainJobDto(job) : null };
}

/**
 * The bridge's model commands over the engine's ML layer: the registry, promotion and rollback (hot
 * reload), comparison, bring-your-own ONNX and retraining. `changed` tells the open `models` streams.
 */
export function modelHandlers(api: EngineApi, changed: () => void): { [C in ModelCommand]: Handler<C> } {
  const after = <T>(r: BridgeResult<T>): BridgeResult<T> => {
    if (r.ok) changed();
    return r;
  };
  return {
    'models:list': () => (api.models ? { ok: true, value: toModelsDto(api.models) } : unavailable),
    'models:compare': ({ a, b }) => {
      const m = api.models;
      if (!m) return unavailable;
      const r = m.compare(a, b);
      if (!r.ok) return refused(r.error.message, /^no model/.test(r.error.message) ? 'not-found' : 'invalid-state');
      const active = new Set(m.status().flatMap((s) => (s.slot.state === 'available' ? [s.slot.modelId] : [])));
      return { ok: true, value: { a: toModelDto(modelView(r.value.a, active)), b: toModelDto(modelView(r.value.b, active)), sameTestWindow: r.value.sameTestWindow, note: r.value.note } };
    },
    'models:promote': ({ modelId }) => {
      const m = api.models;
      if (!m) return unavailable;
      const r = m.promote(modelId);
      return after(r.ok ? { ok: true, value: toModelsDto(m) } : refused(r.error.message, /^no model/.test(r.error.message) ? 'not-found' : 'invalid-state'));
    },
    'models:rollback': ({ kind }) => {
      const m = api.models;
      if (!m) return unavailable;
      const r = m.rollback(kind);
      return after(r.ok ? { ok: true, value: toModelsDto(m) } : refused(r.error.message));
    },
    'models:retrain': (input) => {
      const m = api.models;
      if (!m) return unavailable;
      const r = m.jobs.start({
        instruments: input.instruments ?? [NIFTY, BANKNIFTY],
        ...(input.from !== undefined ? { from: istDateFromKey(input.from) } : {}),
        ...(input.to !== undefined ? { to: istDateFromKey(input.to) + DAY_MS - 1 } : {}),
        ...(input.kinds ? { kinds: input.kinds } : {}),
        ...(input.seed !== undefined ? { seed: input.seed } : {}),
        ...(input.promote ? { promote: true } : {}),
      });
      return r.ok ? { ok: true, value: toRetrainJobDto(r.value) } : refused(r.error.message);
    },
    'models:retrain:cancel': () => {
      const m = api.models;
      if (!m) return unavailable;
      const r = m.jobs.cancel();
      return r.ok ? { ok: true, value: toRetrainJobDto(r.value) } : refused(r.error.message);
    },
    'models:import': ({ kind, path }) => {
      const m = api.models;
      if (!m) return unavailable;
      const r = m.importModel(kind, path);
      if (!r.ok) return refused(r.error.message);
      const active = new Set(m.status().flatMap((s) => (s.slot.state === 'available' ? [s.slot.modelId] : [])));
      return after({ ok: true, value: toModelDto(modelView(r.value, active)) });
    },
  };
}

/**
 * The `models` stream: the whole view, again on every change made through the bridge, every step of a
 * retraining, and (checked each engine second) a promotion made elsewhere or a model registered by
 * `npm run train`.
 */
export function openModels(api: EngineApi, sink: StreamSink, changes: Set<() => void>): BridgeResult<() => void> {
  const m = api.models;
  if (!m) {
    // An engine without models (a test fake, a shell built without them) shows none; commands say why.
    sink.snapshot({ slots: [], models: [], job: null } satisfies ModelsDto);
    return { ok: true, value: () => undefined };
  }
  let last = '';
  // What a change moves: a slot, the number of versions, the job's state or step. The view is built only then.
  const keyOf = (): string => JSON.stringify([m.status().map((s) => s.slot), m.list().length, m.jobs.current()]);
  const push = (first = false): void => {
    const key = keyOf();
    if (key === last) return;
    last = key;
    const view = toModelsDto(m);
    if (first) sink.snapshot(view);
    else sink.delta(view);
  };
  push(true);
  const offJob = m.jobs.subscribe(() => push());
  const offBeat = api.events.subscribe('heartbeat', () => push());
  const changed = (): void => push();
  changes.add(changed);
  return {
    ok: true,
    value: () => {
      offJob();
      offBeat();
      changes.delete(changed);
    },
  };
}
