import type { InstrumentId } from '#model/ids';
import type { SignalDirection, SignalRegime, SourceScore } from '#model/signal';

/**
 * The two model ports a bot reads through its context: the ML slot of the ensemble and the regime
 * classifier. The engine injects them; rule-based stand-ins serve until trained models exist, and a
 * model replaces them without a bot changing.
 */
export interface MlRequest {
  readonly underlying: InstrumentId;
  readonly now: number;
  /** The rule signal's direction, for models that score agreement with it. */
  readonly direction: SignalDirection;
}

export interface MlSource {
  evaluate(request: MlRequest): Omit<SourceScore, 'weight' | 'effectiveWeight'>;
}

/** What a regime classifier reads; a missing input is undefined. */
export interface RegimeInputs {
  readonly adx?: number;
  /** ATR as a percent of the close. */
  readonly atrPct?: number;
  /** Bollinger bandwidth (U − L)/M as a percent. */
  readonly bandwidthPct?: number;
  readonly vix?: number;
}

export interface RegimeReading extends SignalRegime {
  readonly inputs: RegimeInputs;
  /** Which thresholds (or which model) decided, for the signal. */
  readonly reason: string;
}

/** The regime hook: the bot manager and the validator ask it; the ML regime classifier implements it later. */
export interface RegimeSource {
  /** Undefined when the inputs are not there yet (studies warming up). */
  classify(inputs: RegimeInputs): RegimeReading | undefined;
}

export interface BotModels {
  readonly ml: MlSource;
  readonly regime: RegimeSource;
}
