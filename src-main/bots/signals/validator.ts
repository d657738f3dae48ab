import type { CombinedScore, SignalDirection, SourceScore } from '#model/signal';
import type { Regime, RegimeReading } from './regime.ts';

export interface RegimeThresholds {
  readonly consensus: number;
  readonly mlConfidence: number;
  readonly confirmation: number;
}

export interface ValidatorRules {
  readonly byRegime: Readonly<Record<Regime, RegimeThresholds>>;
  /** Combined score needed to trade, in every regime. */
  readonly minCombined: number;
}

/**
 * strategies.md: high volatility 0.7 / 0.6 / 0.75, trending 0.55 / 0.45 / 0.6, combined ≥ 0.65. Ranging has
 * no row there: it takes the ensemble's own defaults (consensus 0.6, ML confidence 0.5) and the trending
 * confirmation line, 0.6. An unknown regime (studies still warming) is treated as ranging and said so.
 */
export const DEFAULT_VALIDATOR_RULES: ValidatorRules = {
  byRegime: {
    volatile: { consensus: 0.7, mlConfidence: 0.6, confirmation: 0.75 },
    trending: { consensus: 0.55, mlConfidence: 0.45, confirmation: 0.6 },
    ranging: { consensus: 0.6, mlConfidence: 0.5, confirmation: 0.6 },
  },
  minCombined: 0.65,
};

export interface Validation {
  readonly passed: boolean;
  /** Each failed threshold, as a sentence. */
  readonly failures: readonly string[];
  /** Thresholds that could not be applied (no ML model, no confirmation layers). */
  readonly notes: readonly string[];
  readonly thresholds: RegimeThresholds & { readonly minCombined: number; readonly regime: Regime };
}

const pct = (x: number): string => x.toFixed(2);

/** Checks a directional rule signal against the thresholds of the current regime. */
export function validateDirectional(
  direction: SignalDirection,
  combined: CombinedScore,
  sources: readonly SourceScore[],
  regime: RegimeReading | undefined,
  rules: ValidatorRules = DEFAULT_VALIDATOR_RULES,
): Validation {
  const r: Regime = regime?.regime ?? 'ranging';
  const t = rules.byRegime[r];
  const failures: string[] = [];
  const notes: string[] = [];
  if (!regime) notes.push('regime unknown (its studies are warming up): ranging thresholds used');
  if (combined.direction !== direction) failures.push(`ensemble points ${combined.direction}, not ${direction}`);
  if (combined.consensus < t.consensus) failures.push(`consensus ${pct(combined.consensus)} < ${t.consensus} (${r})`);
  if (combined.score < rules.minCombined) failures.push(`combined score ${pct(combined.score)} < ${rules.minCombined}`);
  const ml = sources.find((s) => s.source === 'ml');
  if (ml?.status === 'ok') {
    if (ml.direction !== direction || ml.score < t.mlConfidence) failures.push(`ML ${ml.direction} ${pct(ml.score)} short of ${direction} ${t.mlConfidence} (${r})`);
  } else notes.push(`ML confidence threshold ${t.mlConfidence} not applied: ${ml?.detail ?? 'no ML source'}`);
  const conf = sources.find((s) => s.source === 'confirmation');
  if (conf?.status === 'ok') {
    if (conf.score < t.confirmation) failures.push(`confirmation ${pct(conf.score)} < ${t.confirmation} (${r})`);
  } else notes.push(`confirmation threshold ${t.confirmation} not applied: ${conf?.detail ?? 'no confirmation source'}`);
  return { passed: failures.length === 0, failures, notes, thresholds: { ...t, minCombined: rules.minCombined, regime: r } };
}

/**
 * Entry thresholds moved by a multiplier (the ML layer's threshold bandit, clamped to ±10 %): each regime's
 * consensus line and the combined-score line, capped at 1. The ML-confidence and confirmation lines stay.
 */
export function scaleEntryThresholds(rules: ValidatorRules, multiplier: number): ValidatorRules {
  const m = Math.min(1.1, Math.max(0.9, multiplier));
  const scale = (x: number) => Math.min(1, x * m);
  const byRegime = Object.fromEntries(Object.entries(rules.byRegime).map(([r, t]) => [r, { ...t, consensus: scale(t.consensus) }])) as Record<Regime, RegimeThresholds>;
  return { byRegime, minCombined: scale(rules.minCombined) };
}
