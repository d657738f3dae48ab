import type { Clock } from '#core/clock';
import { err, ok, type Result } from '#core/result';
import type { ModelKind } from '../models/catalog.ts';
import type { TrainingInput } from '../training/dataset.ts';
import type { TrainingProgress } from '../training/train-all.ts';
import type { RetrainOptions, RetrainOutcome } from './model-service.ts';

export interface RetrainRequest {
  /** Instruments whose stored history the models learn from. */
  readonly instruments: readonly string[];
  /** Epoch ms bounds of the history; absent: everything stored. */
  readonly from?: number;
  readonly to?: number;
  readonly kinds?: readonly ModelKind[];
  readonly seed?: number;
  /** Put each new model in force when trained (otherwise they wait to be promoted). */
  readonly promote?: boolean;
}

export type RetrainResult = { readonly kind: ModelKind; readonly ok: true; readonly modelId: string; readonly promoted: boolean } | { readonly kind: ModelKind; readonly ok: false; readonly message: string };

export interface RetrainJob {
  readonly id: string;
  readonly state: 'reading' | 'training' | 'done' | 'cancelled' | 'failed';
  readonly request: RetrainRequest;
  readonly startedAt: number;
  readonly endedAt?: number;
  /** What the history held, a line per instrument. */
  readonly data: readonly string[];
  readonly progress?: TrainingProgress;
  readonly results: readonly RetrainResult[];
  readonly message?: string;
}

type Failure = { readonly message: string };

export interface RetrainJobsDeps {
  readonly clock: Clock;
  /** The training input from stored history, or why there is none. */
  readonly input: (r: RetrainRequest) => Promise<Result<{ readonly input: TrainingInput; readonly lines: readonly string[] }, string>>;
  readonly retrain: (input: TrainingInput, o: RetrainOptions) => { cancel(): void; readonly done: Promise<RetrainOutcome> };
  readonly fit?: RetrainOptions['fit'];
}

/**
 * Retraining as the app runs it: one job at a time on the trader's stored history, in the training
 * worker, its state and progress (one change per model and epoch) to whoever listens, and cancel. The
 * engine keeps trading on the models in force throughout; what is trained waits for a promotion unless
 * the request asks for it.
 */
export function createRetrainJobs(d: RetrainJobsDeps) {
  let job: RetrainJob | undefined;
  let cancel: (() => void) | undefined;
  let cancelled = false;
  let count = 0;
  const listeners = new Set<(j: RetrainJob) => void>();
  const set = (next: RetrainJob): void => {
    job = next;
    for (const l of listeners) l(next);
  };
  const end = (patch: Partial<RetrainJob>): void => {
    if (job) set({ ...job, ...patch, endedAt: d.clock.now() });
    cancel = undefined;
  };

  async function run(request: RetrainRequest): Promise<void> {
    const got = await d.input(request);
    if (cancelled) return end({ state: 'cancelled', message: 'cancelled: nothing was registered' });
    if (!got.ok) return end({ state: 'failed', message: got.error });
    set({ ...job!, state: 'training', data: [...got.value.lines] });
    let last = '';
    const handle = d.retrain(got.value.input, {
      seed: request.seed ?? 1,
      ...(request.kinds ? { kinds: request.kinds } : {}),
      ...(d.fit ? { fit: d.fit } : {}),
      ...(request.promote ? { promote: true } : {}),
      onProgress: (p) => {
        const key = `${p.kind}:${p.epoch}`;
        if (key === last || !job) return;
        last = key;
        set({ ...job, progress: p });
      },
    });
    cancel = handle.cancel;
    const outcome = await handle.done;
    if (outcome.kind === 'cancelled') return end({ state: 'cancelled', message: 'cancelled: nothing was registered' });
    if (outcome.kind === 'failed') return end({ state: 'failed', message: outcome.message });
    const failed = outcome.results.filter((r) => !r.ok).length;
    // Nothing registered is a failure, whatever the reason each model gives.
    if (failed > 0 && failed === outcome.results.length) return end({ state: 'failed', results: outcome.results, message: `no model trained: ${outcome.results.map((r) => (r.ok ? '' : r.message)).join('; ')}` });
    end({ state: 'done', results: outcome.results, ...(failed > 0 ? { message: `${failed} of ${outcome.results.length} model(s) not trained` } : {}) });
  }

  return {
    current: (): RetrainJob | undefined => job,

    start(request: RetrainRequest): Result<RetrainJob, Failure> {
      if (job && (job.state === 'reading' || job.state === 'training')) return err({ message: `${job.id} is still ${job.state === 'reading' ? 'reading history' : 'training'}: cancel it or wait for it to end` });
      if (request.instruments.length === 0) return err({ message: 'name at least one instrument whose history to train on' });
      cancelled = false;
      cancel = () => (cancelled = true);
      set({ id: `retrain-${++count}`, state: 'reading', request, startedAt: d.clock.now(), data: [], results: [] });
      run(request).catch((e: unknown) => end({ state: 'failed', message: `retraining failed: ${e instanceof Error ? e.message : String(e)}` }));
      return ok(job!);
    },

    cancel(): Result<RetrainJob, Failure> {
      if (!job || !cancel) return err({ message: 'no retraining is running' });
      cancel();
      return ok(job);
    },

    subscribe(listener: (j: RetrainJob) => void): () => void {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}

export type RetrainJobs = ReturnType<typeof createRetrainJobs>;
