import type { Clock } from '#core/clock';
import { err, ok, type Result } from '#core/result';
import type { TrialEvaluator } from './evaluator.ts';
import { gridSampler } from './samplers/grid.ts';
import { randomSampler } from './samplers/random.ts';
import type { Sampler, ScoredTrial } from './samplers/sampler.ts';
import { tpeSampler } from './samplers/tpe.ts';
import { gridSize, type SearchSpace } from './search-space.ts';
import { hasOutOfSample, searchSpaceFor, studySpecSchema, type StudySpec, type StudySpecInput } from './study-spec.ts';
import type { StudyStore } from './study-store.ts';
import { summarise, type StudySummary } from './summary.ts';
import type { TrialRecord, TrialTask } from './trial.ts';

export interface StudyProgress {
  readonly phase: 'in-sample' | 'out-of-sample';
  /** Trials with a result, including those found done when a study resumed. */
  readonly done: number;
  readonly total: number;
  readonly bestScore: number | null;
  readonly elapsedMs: number;
  /** From this run's pace; null until one trial has finished in this run. */
  readonly etaMs: number | null;
}

export type StudyError =
  | { readonly kind: 'invalid-study'; readonly message: string }
  | { readonly kind: 'study-mismatch'; readonly message: string }
  | { readonly kind: 'aborted'; readonly message: string }
  | { readonly kind: 'evaluator-failed'; readonly message: string };

export interface RunStudyOptions {
  readonly studyId: string;
  readonly spec: StudySpecInput;
  readonly store: StudyStore;
  readonly evaluator: TrialEvaluator;
  readonly clock: Clock;
  readonly onProgress?: (p: StudyProgress) => void;
  readonly signal?: AbortSignal;
}

/** Grids larger than this are refused: narrow the ranges or search at random. */
export const MAX_GRID = 100_000;
/** Grid and random trials are independent of each other; they are handed out in chunks of this many. */
const CHUNK = 4096;

export function samplerFor(spec: StudySpec, space: SearchSpace): Result<Sampler, StudyError> {
  if (spec.sampler === 'grid') {
    const size = gridSize(space);
    if (size > MAX_GRID) return err({ kind: 'invalid-study', message: `the grid has ${size.toExponential(2)} points (at most ${MAX_GRID.toLocaleString('en')}): narrow the ranges with --param, or use --sampler random or tpe` });
    return ok(gridSampler(space));
  }
  if (spec.sampler === 'random') return ok(randomSampler(space, spec.trials, spec.seed));
  return ok(tpeSampler(space, { total: spec.trials, seed: spec.seed, batchSize: spec.batchSize }));
}

const byScore = (a: TrialRecord, b: TrialRecord): number => (b.score ?? -Infinity) - (a.score ?? -Infinity) || a.trialId - b.trialId;

/**
 * Runs (or resumes) a study: proposes trials batch by batch, hands them to the evaluator, stores each result
 * as it arrives, then scores the best in-sample trials out-of-sample. Which trials exist and what they try
 * depends only on the spec and the results of earlier batches, so the stored results are the same for any
 * number of workers, any order of completion and any number of restarts.
 */
export async function runStudy(o: RunStudyOptions): Promise<Result<StudySummary, StudyError>> {
  const parsed = studySpecSchema.safeParse(o.spec);
  if (!parsed.success) return err({ kind: 'invalid-study', message: parsed.error.issues.map((i) => `${i.path.join('.') || 'study'}: ${i.message}`).join('; ') });
  const spec = parsed.data;
  const space = searchSpaceFor(spec.objective, spec.space);
  if (!space.ok) return err({ kind: 'invalid-study', message: space.error.message });
  const sampler = samplerFor(spec, space.value);
  if (!sampler.ok) return sampler;
  const opened = o.store.open(o.studyId, spec, o.clock.now());
  if (!opened.ok) return opened;

  const oosTop = hasOutOfSample(spec.objective) ? Math.min(spec.outOfSampleTop, sampler.value.total) : 0;
  const total = sampler.value.total + oosTop;
  const existing = o.store.records(o.studyId);
  const done = new Set(existing.map((r) => `${r.fold}:${r.trialId}`));
  const inSample = new Map(existing.filter((r) => r.fold === 'in-sample').map((r) => [r.trialId, r]));
  const started = o.clock.now();
  let doneThisRun = 0;
  let best: number | null = null;
  for (const r of inSample.values()) if (r.score !== null && (best === null || r.score > best)) best = r.score;
  let phase: StudyProgress['phase'] = 'in-sample';

  const report = (): void => {
    const elapsedMs = o.clock.now() - started;
    const remaining = total - done.size;
    o.onProgress?.({ phase, done: done.size, total, bestScore: best, elapsedMs, etaMs: doneThisRun > 0 ? Math.round((elapsedMs / doneThisRun) * remaining) : null });
  };
  const onResult = (r: TrialRecord): void => {
    o.store.write(o.studyId, r, o.clock.now());
    if (done.has(`${r.fold}:${r.trialId}`)) return;
    done.add(`${r.fold}:${r.trialId}`);
    doneThisRun++;
    if (r.fold === 'in-sample') {
      inSample.set(r.trialId, r);
      if (r.score !== null && (best === null || r.score > best)) best = r.score;
    }
    report();
  };
  const run = async (tasks: TrialTask[]): Promise<Result<void, StudyError>> => {
    if (tasks.length === 0) return ok(undefined);
    try {
      await o.evaluator.evaluate(spec.objective, tasks, onResult, o.signal);
    } catch (e) {
      if (o.signal?.aborted) return err({ kind: 'aborted', message: 'the study was stopped; run it again with the same --study to resume' });
      return err({ kind: 'evaluator-failed', message: (e as Error).message });
    }
    if (o.signal?.aborted) return err({ kind: 'aborted', message: 'the study was stopped; run it again with the same --study to resume' });
    const missing = tasks.filter((t) => !done.has(`${t.fold}:${t.trialId}`));
    if (missing.length > 0) return err({ kind: 'evaluator-failed', message: `${missing.length} trial(s) came back without a result (first: ${missing[0]!.trialId})` });
    return ok(undefined);
  };

  report();
  const s = sampler.value;
  const step = s.kind === 'tpe' ? s.batchSize : CHUNK;
  for (let start = 0; start < s.total; start += step) {
    const history: ScoredTrial[] = s.kind === 'tpe' ? [...inSample.values()].filter((r) => r.trialId < start).sort((a, b) => a.trialId - b.trialId) : [];
    const tasks: TrialTask[] = [];
    for (let t = start; t < Math.min(s.total, start + step); t++) {
      if (done.has(`in-sample:${t}`)) continue;
      const p = s.propose(t, history);
      tasks.push({ trialId: t, fold: 'in-sample', params: { ...p.params }, indices: [...p.indices] });
    }
    const r = await run(tasks);
    if (!r.ok) return r;
  }

  phase = 'out-of-sample';
  const top = [...inSample.values()].filter((r) => r.status === 'complete' && r.score !== null).sort(byScore).slice(0, oosTop);
  const oos = await run(top.filter((r) => !done.has(`out-of-sample:${r.trialId}`)).map((r) => ({ trialId: r.trialId, fold: 'out-of-sample' as const, params: r.params, indices: r.indices })));
  if (!oos.ok) return oos;
  return ok(summarise(o.store.records(o.studyId)));
}
