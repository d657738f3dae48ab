import type { MarketView } from '#market/multi-timeframe';
import type { InstrumentId } from '#model/ids';
import type { SignalDirection, SignalSource, SourceScore } from '#model/signal';

/**
 * The shapes of the bots' model ports (bots/contract/models.ts), restated: ml sits below bots and may not
 * import them. The engine hands ml's objects to `ctx.models`, where TypeScript checks that they agree.
 */
export interface MlRequest {
  readonly underlying: InstrumentId;
  readonly now: number;
  readonly direction: SignalDirection;
}

/** Performance-based ensemble weights: each source's default weight moved by its recent hit rate. */
export interface AdaptiveWeights {
  readonly weights: Readonly<Record<SignalSource, number>>;
  /** The hit rates behind them, for the signal's notes. */
  readonly basis: string;
}

/** The entry-threshold bandit's multiplier for this bot (0.9..1.1) and why. */
export interface AdaptiveThresholds {
  readonly multiplier: number;
  readonly basis: string;
}

/**
 * The ML source's view, as bots/signals/ml-source.ts reads it: a source view, plus the learners the
 * ensemble and validator apply (signals/ensemble.ts, signals/pipeline.ts).
 */
export type MlView = Omit<SourceScore, 'weight' | 'effectiveWeight'> & {
  readonly adaptiveWeights?: AdaptiveWeights;
  readonly adaptiveThresholds?: AdaptiveThresholds;
};

export interface MlSourcePort {
  evaluate(request: MlRequest): MlView;
}

export interface RegimeInputs {
  readonly adx?: number;
  readonly atrPct?: number;
  readonly bandwidthPct?: number;
  readonly vix?: number;
}

export interface RegimeReading {
  readonly regime: 'trending' | 'ranging' | 'volatile';
  readonly confidence: number;
  readonly source: string;
  readonly inputs: RegimeInputs;
  readonly reason: string;
}

export interface RegimeSourcePort {
  classify(inputs: RegimeInputs): RegimeReading | undefined;
}

/** Closed bars of an instrument, as the engine's market data holds them; undefined for an unknown one. */
export type MarketAccess = (instrumentId: InstrumentId) => MarketView | undefined;
