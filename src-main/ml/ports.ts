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

/** A BOS or CHoCH as the price-action detectors report it, and how many bars ago it became known. */
export interface FreshBreak {
  readonly side: 1 | -1;
  readonly kind: 'bos' | 'choch';
  readonly level: number;
  readonly tsKnown: number;
  /** Bars between the bar the break became known at and the latest bar (0: the latest). */
  readonly barsAgo: number;
}

/** What the price-action detectors know at an instrument's latest closed 5-minute bar. */
export interface StructureReading {
  /** The close of the latest bar the detectors took: the ML layer uses the reading only at that bar. */
  readonly close: number;
  readonly lastBreak?: FreshBreak;
}

/**
 * The structure breaks of an instrument's 5-minute bars, read from the price-action detectors the bots'
 * shared studies already run (the engine wires it: engine/bots/bot-models.ts), so the validator's breaks
 * cost no second run of the detectors. Undefined while the detectors have no bar of it.
 */
export type StructureBreaks = (underlying: InstrumentId) => StructureReading | undefined;

/** Closed bars of an instrument, as the engine's market data holds them; undefined for an unknown one. */
export type MarketAccess = (instrumentId: InstrumentId) => MarketView | undefined;
