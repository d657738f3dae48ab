import type { CombinedScore, SignalDirection, SourceScore } from '#model/signal';
import { mlTuning, type MlTuning } from './ml-source.ts';
import { DEFAULT_WEIGHTS, type SourceView, type SourceWeights } from './source.ts';

export interface EnsembleResult {
  readonly sources: readonly SourceScore[];
  readonly combined: CombinedScore;
  /** Said in the signal: which weights were renormalised and why. */
  readonly notes: readonly string[];
}

/**
 * Weighs the available sources (strategies.md: ML 0.4, technical 0.3, price action 0.2, confirmation
 * 0.1). Weights of unavailable sources are dropped and the rest renormalised to sum to 1, and the signal
 * says so. Each side's score is Σ weight × confidence of the sources pointing that way; the stronger side
 * is the direction (a tie is neutral), its score the combined score, and the weight of the sources that
 * point that way the consensus. Weights given by the caller win; otherwise the ML layer's
 * performance-based weights (each source's recent hit rate, carried by the ML view) are used and the
 * notes give them with their hit rates; otherwise the defaults.
 */
export function combine(views: readonly SourceView[], weights?: SourceWeights): EnsembleResult {
  const adaptive = weights === undefined ? mlTuning(views).adaptiveWeights : undefined;
  const w = weights ?? adaptive?.weights ?? DEFAULT_WEIGHTS;
  const usable = views.filter((v) => v.status === 'ok');
  const total = usable.reduce((s, v) => s + w[v.source], 0);
  const sources: SourceScore[] = views.map((v) => {
    // The learners travel on the ML view to get here; the stored signal keeps the view alone.
    const { adaptiveWeights: _w, adaptiveThresholds: _t, ...view } = v as SourceView & MlTuning;
    return { ...view, weight: w[v.source], effectiveWeight: v.status === 'ok' && total > 0 ? w[v.source] / total : 0 };
  });
  const notes: string[] = adaptive ? [adaptive.basis] : [];
  const left = views.filter((v) => v.status !== 'ok');
  if (total === 0) {
    notes.push('no source available: the ensemble has no view');
    return { sources, combined: { direction: 'neutral', score: 0, consensus: 0, availableWeight: 0 }, notes };
  }
  if (left.length > 0) {
    notes.push(
      `weights renormalised over ${usable.map((v) => v.source).join(', ')} (${left.map((v) => `${v.source} ${v.status}: ${v.detail}`).join('; ')})`,
    );
  }
  let long = 0;
  let short = 0;
  for (const s of sources) {
    if (s.direction === 'long') long += s.effectiveWeight * s.score;
    else if (s.direction === 'short') short += s.effectiveWeight * s.score;
  }
  const direction: SignalDirection = long > short ? 'long' : short > long ? 'short' : 'neutral';
  const consensus = sources.reduce((c, s) => c + (s.status === 'ok' && s.direction === direction ? s.effectiveWeight : 0), 0);
  const score = direction === 'long' ? long : direction === 'short' ? short : 0;
  return { sources, combined: { direction, score, consensus, availableWeight: total }, notes };
}
