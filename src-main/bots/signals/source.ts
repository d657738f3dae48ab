import type { SignalDirection, SignalSource, SourceScore } from '#model/signal';

/** A source's own view, before the ensemble weighs it. */
export type SourceView = Omit<SourceScore, 'weight' | 'effectiveWeight'>;

export type SourceWeights = Readonly<Record<SignalSource, number>>;

/** strategies.md: ML models 0.4, technical indicators 0.3, price action 0.2, confirmations 0.1. */
export const DEFAULT_WEIGHTS: SourceWeights = { ml: 0.4, technical: 0.3, priceAction: 0.2, confirmation: 0.1 };

export function available(source: SignalSource, direction: SignalDirection, score: number, detail: string): SourceView {
  return { source, status: 'ok', direction, score: Math.min(1, Math.max(0, score)), detail };
}

export function notAvailable(source: SignalSource, why: string): SourceView {
  return { source, status: 'not-available', direction: 'neutral', score: 0, detail: why };
}

export function notApplicable(source: SignalSource, why: string): SourceView {
  return { source, status: 'not-applicable', direction: 'neutral', score: 0, detail: why };
}

export const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));

/** `+0.62`, `-3.20`: signed with fixed decimals, for detail strings. */
export const signed = (x: number, digits = 2): string => `${x >= 0 ? '+' : ''}${x.toFixed(digits)}`;
