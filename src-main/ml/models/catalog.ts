import { breakContext } from '../features/break-context.ts';
import type { FeatureSet } from '../features/feature-set.ts';
import { ohlcWindow } from '../features/ohlc-window.ts';
import { regimeFeatures } from '../features/regime-features.ts';
import { rsiSequence } from '../features/rsi-sequence.ts';
import { PATTERN_CLASSES } from '../labels/detector-labels.ts';
import type { NetSpec } from '../net/net-spec.ts';

/** The four ONNX models of strategies.md "Models (ONNX)"; adaptive thresholds are a bandit, not a network. */
export const MODEL_KINDS = ['rsi-lstm', 'pattern-cnn', 'break-validator', 'regime'] as const;
export type ModelKind = (typeof MODEL_KINDS)[number];

export const REGIME_CLASSES = ['trending', 'ranging', 'volatile'] as const;

export interface OutputContract {
  readonly name: string;
  readonly units: number;
  /** `probability`: each value in [0, 1]; `distribution`: probabilities summing to 1; `value`: any finite number. */
  readonly range: 'probability' | 'distribution' | 'value';
}

export interface ModelKindDef {
  readonly kind: ModelKind;
  readonly title: string;
  readonly features: FeatureSet<never>;
  /** The timeframe the features are computed on (and the bots' signal timeframe). */
  readonly timeframe: '5m';
  /** The declared contract every file of this kind must meet, trained here or brought in. */
  readonly outputs: readonly OutputContract[];
  /** Class names, in output order, for classifiers. */
  readonly classes?: readonly string[];
  /** The network trained here (small: two shared cores, training in seconds). */
  readonly net: NetSpec;
}

const asAny = <A>(f: FeatureSet<A>): FeatureSet<never> => f as unknown as FeatureSet<never>;

export const MODEL_CATALOG: Readonly<Record<ModelKind, ModelKindDef>> = {
  'rsi-lstm': {
    kind: 'rsi-lstm',
    title: 'RSI LSTM: next RSI and direction from the last 25 RSI values',
    features: asAny(rsiSequence),
    timeframe: '5m',
    outputs: [
      { name: 'rsi_next', units: 1, range: 'value' },
      { name: 'p_up', units: 1, range: 'probability' },
    ],
    net: { kind: 'lstm', steps: 25, features: 1, units: 8, heads: [{ name: 'rsi_next', units: 1, activation: 'linear' }, { name: 'p_up', units: 1, activation: 'sigmoid' }] },
  },
  'pattern-cnn': {
    kind: 'pattern-cnn',
    title: 'Pattern CNN: chart-pattern class of the last 48 bars',
    features: asAny(ohlcWindow),
    timeframe: '5m',
    outputs: [{ name: 'class_probs', units: PATTERN_CLASSES.length, range: 'distribution' }],
    classes: PATTERN_CLASSES,
    net: { kind: 'cnn1d', steps: 48, channels: 4, convs: [{ filters: 8, kernel: 5 }, { filters: 8, kernel: 5 }], pool: 'flatten', hidden: [16], heads: [{ name: 'class_probs', units: PATTERN_CLASSES.length, activation: 'softmax' }] },
  },
  'break-validator': {
    kind: 'break-validator',
    title: 'Structure-break validator: follow-through of a fresh BOS/CHoCH',
    features: asAny(breakContext),
    timeframe: '5m',
    outputs: [{ name: 'p_follow', units: 1, range: 'probability' }],
    net: { kind: 'mlp', features: breakContext.columns.length, hidden: [16], heads: [{ name: 'p_follow', units: 1, activation: 'sigmoid' }] },
  },
  regime: {
    kind: 'regime',
    title: 'Regime classifier: trending, ranging or volatile',
    features: asAny(regimeFeatures),
    timeframe: '5m',
    outputs: [{ name: 'regime_probs', units: REGIME_CLASSES.length, range: 'distribution' }],
    classes: REGIME_CLASSES,
    net: { kind: 'mlp', features: regimeFeatures.columns.length, hidden: [16], heads: [{ name: 'regime_probs', units: REGIME_CLASSES.length, activation: 'softmax' }] },
  },
};
