import type { CombinedScore, SignalDirection, SourceScore } from '#model/signal';
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
 * point that way the consensus. Weights are an input: performance-based weights slot in here.
 */
export function combine(views: readonly SourceView[], weights: SourceWeights = DEFAULT_WEIGHTS): EnsembleResult {
  const usable = views.filter((v) => v.status === 'ok');
  const total = usable.reduce((s, v) => s + weights[v.source], 0);
  const sources: SourceScore[] = views.map((v) => ({
    ...v,
    weight: weights[v.source],
    effectiveWeight: v.status === 'ok' && total > 0 ? weights[v.source] / total : 0,
  }));
  const notes: string[] = [];
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
