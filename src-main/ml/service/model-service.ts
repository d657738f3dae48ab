import fs from 'node:fs';
import path from 'node:path';
import type { Clock } from '#core/clock';
import { err, ok, type Result } from '#core/result';
import type { Fill } from '#model/fill';
import type { InstrumentId } from '#model/ids';
import type { SignalSource } from '#model/signal';
import type { ObservedSignal } from '../ensemble/hit-rates.ts';
import { createBarInference } from '../inference/bar-inference.ts';
import { createMlSource } from '../inference/ml-source.ts';
import { createSlots, type SlotStatus } from '../inference/model-slot.ts';
import { createRegimeSource } from '../inference/regime-source.ts';
import { MODEL_CATALOG, MODEL_KINDS, type ModelKind } from '../models/catalog.ts';
import type { ModelManifest } from '../models/manifest.ts';
import type { MarketAccess, MlSourcePort, RegimeInputs, RegimeSourcePort, StructureBreaks } from '../ports.ts';
import type { ModelRecord, ModelRegistryPort } from '../registry/registry-port.ts';
import { sha256Hex } from '../runtime/load-model.ts';
import type { ClosedTrade } from '../thresholds/threshold-bandit.ts';
import type { TrainingInput } from '../training/dataset.ts';
import type { TrainingProgress } from '../training/train-all.ts';
import { startTrainingJob, type TrainingJobOptions } from '../training/training-job.ts';
import { createLearners } from './learners.ts';
import { loadModelFiles, manifestPathOf, writeModelFiles } from './model-files.ts';

export interface ModelServiceOptions {
  readonly registry: ModelRegistryPort;
  readonly clock: Clock;
  /** The app's shipped defaults (`resources/models`). */
  readonly shippedDir: string;
  /** The data folder's `models/`, where trained and imported models are kept. */
  readonly modelsDir: string;
  readonly market: MarketAccess;
  /** The structure breaks of the bots' shared price-action studies, when known at construction (else `useBreaks`). */
  readonly breaks?: StructureBreaks;
  /** The rule-based classifier (bots/signals/regime.ts `ruleRegime()`): it answers while no regime model can. */
  readonly fallbackRegime: RegimeSourcePort;
  /** The ensemble's default weights (bots/signals/source.ts `DEFAULT_WEIGHTS`). */
  readonly defaultWeights: Readonly<Record<SignalSource, number>>;
  readonly log?: (level: 'info' | 'warn', message: string) => void;
  /**
   * Whether the bots' entry thresholds follow the per-bot bandit (default true). Off where no closed
   * trade is fed to `recordTrade`: a bandit never rewarded would only cycle its arms, moving thresholds
   * for no reason.
   */
  readonly adaptiveThresholds?: boolean;
}

export interface ModelStatus {
  readonly kind: ModelKind;
  readonly title: string;
  readonly slot: SlotStatus;
  readonly record?: ModelRecord;
}

export interface Comparison {
  readonly a: ModelRecord;
  readonly b: ModelRecord;
  readonly metrics: { readonly a: unknown; readonly b: unknown };
  /** Whether both were tested on the same window of the same data: otherwise their metrics are not like for like. */
  readonly sameTestWindow: boolean;
  readonly note: string;
}

type Failure = { readonly message: string };

export interface RetrainOptions {
  readonly kinds?: readonly ModelKind[];
  readonly seed: number;
  readonly fit?: TrainingJobOptions['fit'];
  readonly onProgress?: (p: TrainingProgress) => void;
  /** Put each new model in force at once (otherwise promote it later). */
  readonly promote?: boolean;
}

export type RetrainOutcome =
  | { readonly kind: 'done'; readonly results: readonly ({ readonly kind: ModelKind; readonly ok: true; readonly modelId: string; readonly promoted: boolean } | { readonly kind: ModelKind; readonly ok: false; readonly message: string })[] }
  | { readonly kind: 'cancelled' }
  | { readonly kind: 'failed'; readonly message: string };

/**
 * The ML layer as the engine holds it: one warm onnxruntime session per model kind, loaded from the
 * registry's active versions (shipped defaults registered on first start), the ML source and regime
 * classifier the bots read, promotion with hot reload, rollback, comparison, bring-your-own ONNX, and
 * the learners. A model that cannot be loaded leaves its slot "not available" with the reason; nothing
 * here throws into the engine or a bot.
 */
export function createModelService(o: ModelServiceOptions) {
  const slots = createSlots();
  const regime = createRegimeSource(slots.regime, o.fallbackRegime);
  const inference = createBarInference({ slots, market: o.market, regime, ...(o.breaks ? { breaks: o.breaks } : {}) });
  const log = o.log ?? (() => undefined);
  const learners = createLearners({ registry: o.registry, clock: o.clock, market: o.market, defaults: o.defaultWeights, warn: (m) => log('warn', m) });

  /** Models `sync` could not load: tried once, not on every call. */
  const refusedOnSync = new Set<string>();

  const fileOf = (r: ModelRecord) => path.join(r.location === 'shipped' ? o.shippedDir : o.modelsDir, r.file);

  /** Loads a registered model into its slot; on failure the slot keeps its current model (if `keep`) or is emptied. */
  function install(r: ModelRecord, keep: boolean): Result<ModelRecord, Failure> {
    const loaded = loadModelFiles(r.kind, fileOf(r), r.sha256);
    if (!loaded.ok) {
      const message = `${r.modelId} refused: ${loaded.error.reason}`;
      if (!keep) slots[r.kind].disable(message, r.modelId);
      log('warn', message);
      return err({ message });
    }
    slots[r.kind].install(r.modelId, loaded.value);
    log('info', `${r.modelId} loaded (${r.origin})`);
    return ok(r);
  }

  /**
   * The shipped default of a kind, registered once per distinct file (only if it passes its contract: a
   * damaged install never replaces a working model), and promoted while no trader's model is active.
   */
  function registerShipped(kind: ModelKind): string | undefined {
    const file = `${kind}.onnx`;
    const checked = loadModelFiles(kind, path.join(o.shippedDir, file));
    if (!checked.ok) {
      const why = `shipped ${kind} model not usable: ${checked.error.reason}`;
      log('warn', why);
      return why;
    }
    checked.value.dispose();
    const { sha256, manifest } = checked.value;
    const known = o.registry.list(kind).find((r) => r.origin === 'shipped' && r.sha256 === sha256);
    const record = known ?? addRecord(kind, 'shipped', 'shipped', file, sha256, manifest);
    const active = o.registry.active(kind);
    if (!active || (active.origin === 'shipped' && active.modelId !== record.modelId)) {
      o.registry.recordPromotion({ kind, modelId: record.modelId, action: 'promote', ts: o.clock.now(), reason: 'shipped default' });
    }
    return undefined;
  }

  function addRecord(kind: ModelKind, origin: ModelRecord['origin'], location: ModelRecord['location'], file: string, sha256: string, manifest: unknown, version = o.registry.nextVersion(kind)): ModelRecord {
    const record: ModelRecord = { modelId: `${kind}@${version}`, kind, version, origin, location, file, sha256, manifest, createdAt: o.clock.now() };
    o.registry.add(record);
    return record;
  }

  function promoteRecord(r: ModelRecord, action: 'promote' | 'rollback', reason: string): Result<ModelRecord, Failure> {
    const installed = install(r, true);
    if (!installed.ok) return installed;
    o.registry.recordPromotion({ kind: r.kind, modelId: r.modelId, action, ts: o.clock.now(), reason });
    return ok(r);
  }

  return {
    /** Registers the shipped defaults and loads each kind's active model. */
    start(): void {
      for (const kind of MODEL_KINDS) {
        const shippedProblem = registerShipped(kind);
        const active = o.registry.active(kind);
        if (active) install(active, false);
        else slots[kind].disable(shippedProblem ?? 'no model installed');
      }
    },

    status(): readonly ModelStatus[] {
      return MODEL_KINDS.map((kind) => {
        const id = slots[kind].modelId;
        const record = id ? o.registry.get(id) : undefined;
        return { kind, title: MODEL_CATALOG[kind].title, slot: slots[kind].status(), ...(record ? { record } : {}) };
      });
    },

    /** What a bot's context carries as `models`: the shared models, with this bot's own threshold bandit (when on). */
    modelsFor(bot: string): { readonly ml: MlSourcePort; readonly regime: RegimeSourcePort } {
      const thresholds = o.adaptiveThresholds === false ? {} : { thresholds: (now: number) => learners.thresholds(bot, now) };
      return { ml: createMlSource({ inference, weights: () => learners.weights(), ...thresholds }), regime };
    },

    /**
     * Puts in force what the registry says is active when it differs from what is loaded: a promotion or
     * rollback made by another process (`npm run train -- --promote-model`) reaches a running engine.
     * A model that fails to load leaves the current one running. Returns the kinds that changed.
     */
    sync(): ModelKind[] {
      const changed: ModelKind[] = [];
      for (const kind of MODEL_KINDS) {
        const active = o.registry.active(kind);
        if (!active || active.modelId === slots[kind].modelId || refusedOnSync.has(active.modelId)) continue;
        if (install(active, slots[kind].current !== undefined).ok) changed.push(kind);
        else refusedOnSync.add(active.modelId);
      }
      return changed;
    },

    /** The regime classifier for the bot manager's "which bots may open" hook. */
    regime,

    /**
     * Runs the models for several instruments at once (one onnxruntime call) ahead of the bots; with the
     * regime hook's inputs per instrument, the regime classifier's answers come from the same call.
     */
    prepare(underlyings: readonly InstrumentId[], now: number, regimeInputs?: (underlying: InstrumentId) => RegimeInputs | undefined): void {
      inference.prepare(underlyings, now, regimeInputs);
    },

    /** The structure breaks the validator reads: the bots' shared price-action studies (wired by the engine once they exist). */
    useBreaks: (source: StructureBreaks): void => inference.useBreaks(source),

    list: (kind?: ModelKind) => o.registry.list(kind),

    promote(modelId: string, reason = 'promoted by the trader'): Result<ModelRecord, Failure> {
      const r = o.registry.get(modelId);
      if (!r) return err({ message: `no model ${modelId} in the registry` });
      return promoteRecord(r, 'promote', reason);
    },

    /** Goes back to the model that was active before the current one. */
    rollback(kind: ModelKind, reason = 'rolled back by the trader'): Result<ModelRecord, Failure> {
      const current = o.registry.active(kind);
      const history = o.registry.promotions(kind);
      const previous = [...history].reverse().find((p) => p.modelId !== current?.modelId);
      if (!previous) return err({ message: `${kind} has no earlier model to roll back to` });
      const r = o.registry.get(previous.modelId);
      if (!r) return err({ message: `${previous.modelId} is no longer in the registry` });
      return promoteRecord(r, 'rollback', reason);
    },

    compare(aId: string, bId: string): Result<Comparison, Failure> {
      const a = o.registry.get(aId);
      const b = o.registry.get(bId);
      if (!a || !b) return err({ message: `no model ${!a ? aId : bId} in the registry` });
      if (a.kind !== b.kind) return err({ message: `${aId} and ${bId} are different kinds of model` });
      const data = (r: ModelRecord) => (r.manifest as Partial<ModelManifest>).data;
      const da = data(a);
      const db = data(b);
      const sameTestWindow =
        !!da && !!db && da.source === db.source && da.instruments.join() === db.instruments.join() && da.test.from === db.test.from && da.test.to === db.test.to;
      const note = sameTestWindow ? 'both measured on the same test window of the same data' : 'measured on different data or test windows: the metrics are not like for like';
      return ok({ a, b, metrics: { a: (a.manifest as Partial<ModelManifest>).metrics, b: (b.manifest as Partial<ModelManifest>).metrics }, sameTestWindow, note });
    },

    /**
     * Brings in an ONNX file with its manifest: checked against the kind's declared contract first (a
     * file that fails is refused with the reason and nothing is registered), then copied into the data
     * folder and registered. Promoting it is a separate step.
     */
    importModel(kind: ModelKind, onnxPath: string, manifestPath = manifestPathOf(onnxPath)): Result<ModelRecord, Failure> {
      const checked = loadModelFiles(kind, onnxPath, undefined, manifestPath);
      if (!checked.ok) return err({ message: `${path.basename(onnxPath)} refused: ${checked.error.reason}` });
      checked.value.dispose();
      return record(kind, 'imported', fs.readFileSync(onnxPath), checked.value.manifest);
    },

    /** Registers a model trained here (by `retrain` or `npm run train`); it is not promoted. */
    recordTrained(kind: ModelKind, onnx: Uint8Array, manifest: ModelManifest): Result<ModelRecord, Failure> {
      return record(kind, 'trained', onnx, manifest);
    },

    /**
     * Retrains on imported history in a worker thread; the bots keep running on the current models. Each
     * trained model is registered when the job ends; with `promote` it is also put in force at once.
     */
    retrain(input: TrainingInput, options: RetrainOptions): { cancel(): void; readonly done: Promise<RetrainOutcome> } {
      const job = startTrainingJob(input, { kinds: options.kinds ?? MODEL_KINDS, seed: options.seed, ...(options.fit ? { fit: options.fit } : {}), ...(options.onProgress ? { onProgress: options.onProgress } : {}) });
      const done = job.done.then((outcome): RetrainOutcome => {
        if (outcome.kind !== 'done') return outcome;
        return {
          kind: 'done',
          results: outcome.outcomes.map((x) => {
            if (!x.ok) return { kind: x.kind, ok: false, message: x.error.message };
            const r = record(x.kind, 'trained', x.model.onnx, x.model.manifest);
            if (!r.ok) return { kind: x.kind, ok: false, message: r.error.message };
            if (!options.promote) return { kind: x.kind, ok: true, modelId: r.value.modelId, promoted: false };
            const p = promoteRecord(r.value, 'promote', 'retrained and promoted');
            return p.ok ? { kind: x.kind, ok: true, modelId: r.value.modelId, promoted: true } : { kind: x.kind, ok: false, message: p.error.message };
          }),
        };
      });
      return { cancel: job.cancel, done };
    },

    observeSignal: (signal: ObservedSignal) => learners.observeSignal(signal),
    recordTrade: (bot: string, trade: ClosedTrade) => learners.recordTrade(bot, trade),
    /** Every fill of a bot's order: a trade it closes (the bot flat again) rewards the bot's bandit. */
    observeFill: (bot: string, fill: Fill): ClosedTrade | undefined => learners.recordFill(bot, fill),

    close(): void {
      for (const kind of MODEL_KINDS) slots[kind].disable('the model service is closed');
      inference.dispose();
    },
  };

  function record(kind: ModelKind, origin: 'trained' | 'imported', onnx: Uint8Array, manifest: ModelManifest): Result<ModelRecord, Failure> {
    const version = o.registry.nextVersion(kind);
    const written = writeModelFiles(o.modelsDir, `${kind}-${version}`, onnx, manifest);
    if (!written.ok) return err(written.error);
    return ok(addRecord(kind, origin, 'data', path.basename(written.value.onnxPath), sha256Hex(onnx), written.value.manifest, version));
  }
}

export type ModelService = ReturnType<typeof createModelService>;
