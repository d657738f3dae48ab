import type { ModelKind } from '../models/catalog.ts';
import type { TrainingInput } from './dataset.ts';
import type { FitDefaults } from './kind-trainer.ts';
import { TRAINERS } from './kinds/index.ts';
import { trainModel, type TrainedModel, type TrainError } from './train-model.ts';

export interface TrainAllOptions {
  readonly kinds: readonly ModelKind[];
  readonly seed: number;
  /** Per-kind overrides of epochs, batch size, learning rate. */
  readonly fit?: Partial<Record<ModelKind, Partial<FitDefaults>>>;
  readonly onProgress?: (p: TrainingProgress) => void;
  readonly shouldStop?: () => boolean;
  readonly now?: () => number;
}

export interface TrainingProgress {
  readonly kind: ModelKind;
  /** 0-based position of `kind` among the kinds being trained. */
  readonly index: number;
  readonly of: number;
  readonly epoch: number;
  readonly epochs: number;
  /** Share of the whole run done, 0..1. */
  readonly fraction: number;
  readonly loss: number;
}

export type KindOutcome = { readonly kind: ModelKind; readonly ok: true; readonly model: TrainedModel } | { readonly kind: ModelKind; readonly ok: false; readonly error: Exclude<TrainError, { kind: 'cancelled' }> };

/** Trains each kind in turn (the same seed for each); a kind without enough data is reported, the others go on. */
export function trainAll(input: TrainingInput, o: TrainAllOptions): { readonly cancelled: true } | { readonly cancelled: false; readonly outcomes: readonly KindOutcome[] } {
  const outcomes: KindOutcome[] = [];
  for (const [index, kind] of o.kinds.entries()) {
    const r = trainModel(TRAINERS[kind], input, {
      seed: o.seed,
      ...(o.fit?.[kind] ? { fit: o.fit[kind] } : {}),
      ...(o.shouldStop ? { shouldStop: o.shouldStop } : {}),
      ...(o.now ? { now: o.now } : {}),
      onProgress: (p) => o.onProgress?.({ kind, index, of: o.kinds.length, epoch: p.epoch, epochs: p.epochs, loss: p.loss, fraction: (index + (p.epoch + (p.batch + 1) / p.batches) / p.epochs) / o.kinds.length }),
    });
    if (r.ok) outcomes.push({ kind, ok: true, model: r.value });
    else if (r.error.kind === 'cancelled') return { cancelled: true };
    else outcomes.push({ kind, ok: false, error: r.error });
  }
  return { cancelled: false, outcomes };
}
