import type { TrainingProgress } from '#ml/training/train-all';

/** A progress reporter that writes a line only when the model or epoch changes (a log gets a line an epoch, not ten a second). */
export function trainingProgress(show: (text: string) => void): (p: TrainingProgress) => void {
  let last = '';
  return (p) => {
    const key = `${p.kind}:${p.epoch}`;
    if (key === last) return;
    last = key;
    show(`training ${p.kind} (${p.index + 1}/${p.of}) epoch ${p.epoch + 1}/${p.epochs} · ${Math.round(p.fraction * 100)} %`);
  };
}
