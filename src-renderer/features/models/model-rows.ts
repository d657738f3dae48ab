import type { ModelDto, ModelKindDto, RetrainJobDto } from '#contract/model-dto';
import { istDateKeyOf } from '#renderer/lib/format.ts';

/**
 * Expected calibration error of each probability output: the bins' |predicted − observed| weighted by
 * their samples. 0 is perfectly calibrated; null where the output has no sample.
 */
export function calibrationErrors(m: Pick<ModelDto, 'calibration'>): { readonly output: string; readonly ece: number | null; readonly samples: number }[] {
  return Object.entries(m.calibration).map(([output, bins]) => {
    const samples = bins.reduce((s, b) => s + b.n, 0);
    const ece = samples > 0 ? bins.reduce((s, b) => s + b.n * Math.abs(b.predicted - b.observed), 0) / samples : null;
    return { output, ece, samples };
  });
}

/** "2025-01-01 – 2025-08-21" from the model's data, or what it lacks. */
export function dataRange(m: Pick<ModelDto, 'data'>): string {
  return m.data ? `${istDateKeyOf(m.data.from)} – ${istDateKeyOf(m.data.to)}` : 'no record of its data';
}

/** The test window the out-of-sample figures come from. */
export function testWindow(m: Pick<ModelDto, 'data'>): string {
  return m.data ? `${istDateKeyOf(m.data.test.from)} – ${istDateKeyOf(m.data.test.to)} (${m.data.test.samples} samples, embargo ${m.data.embargoBars} bars)` : '';
}

/**
 * Ticking a version for comparison: at most two, of one kind. A third replaces the older pick; a
 * version of another kind starts a new pair.
 */
export function toggleCompare(picked: readonly string[], modelId: string, kindOf: (id: string) => ModelKindDto | undefined): string[] {
  if (picked.includes(modelId)) return picked.filter((x) => x !== modelId);
  const same = picked.filter((x) => kindOf(x) === kindOf(modelId));
  return [...same.slice(-1), modelId];
}

/** Whether a kind has an earlier version in force to go back to (the registry keeps the promotion history; this is the list's guess for the button). */
export function canRollBack(models: readonly Pick<ModelDto, 'kind' | 'active'>[], kind: ModelKindDto): boolean {
  return models.filter((m) => m.kind === kind).length > 1 && models.some((m) => m.kind === kind && m.active);
}

/** One line of a retraining's state, for the panel and its progress bar. */
export function jobLine(j: RetrainJobDto): string {
  switch (j.state) {
    case 'reading':
      return `${j.id}: reading the stored history of ${j.instruments.join(', ')}…`;
    case 'training': {
      const p = j.progress;
      return p ? `${j.id}: training ${p.kind} (${p.index + 1} of ${p.of}), epoch ${p.epoch + 1} of ${p.epochs} · ${Math.round(p.fraction * 100)} %` : `${j.id}: training…`;
    }
    case 'done': {
      const made = j.results.filter((r) => r.ok).map((r) => `${r.modelId}${r.promoted ? ' (in force)' : ''}`);
      return `${j.id} done: ${made.length ? `registered ${made.join(', ')}` : 'nothing registered'}${j.message ? `; ${j.message}` : ''}`;
    }
    case 'cancelled':
      return `${j.id}: ${j.message ?? 'cancelled'}`;
    default:
      return `${j.id} failed: ${j.message ?? 'see the log'}`;
  }
}

export const isRunning = (j: RetrainJobDto | null | undefined): boolean => j?.state === 'reading' || j?.state === 'training';
