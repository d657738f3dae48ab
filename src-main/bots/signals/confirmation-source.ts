import type { SignalDirection } from '#model/signal';
import { available, notApplicable, type SourceView } from './source.ts';

/** One confirmation layer (a trendline break, volume sustained over 3 bars, …), scored 0..1. */
export interface ConfirmationLayer {
  readonly name: string;
  readonly score: number;
  /** Why the layer scored as it did, for the trader. */
  readonly detail: string;
}

/** The mean of the bot's confirmation layers, in the direction of its rule signal. */
export function confirmationSource(direction: SignalDirection, layers: readonly ConfirmationLayer[]): SourceView {
  if (layers.length === 0) return notApplicable('confirmation', 'this bot has no confirmation layers');
  const mean = layers.reduce((s, l) => s + Math.min(1, Math.max(0, l.score)), 0) / layers.length;
  return available('confirmation', direction, mean, layers.map((l) => `${l.name} ${l.score.toFixed(2)} (${l.detail})`).join(', '));
}
