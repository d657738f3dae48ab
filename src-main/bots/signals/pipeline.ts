import type { InstrumentId, IntentId } from '#model/ids';
import type { Signal, SignalDirection, SignalInput, SignalKind } from '#model/signal';
import type { BotContext } from '../contract/context.ts';
import { combine, type EnsembleResult } from './ensemble.ts';
import type { RegimeReading } from './regime.ts';
import type { SourceView, SourceWeights } from './source.ts';
import { mlTuning } from './ml-source.ts';
import { DEFAULT_VALIDATOR_RULES, scaleEntryThresholds, validateDirectional, type ValidatorRules } from './validator.ts';

/** A rule's own gate (IV percentile, liquidity, entry cut-off, …), evaluated before the decision. */
export interface Gate {
  readonly name: string;
  readonly passed: boolean;
  /** Why it passed or failed, with the numbers: `IV percentile 84 > 72`. */
  readonly reason: string;
}

export interface RuleEvaluation {
  readonly kind: SignalKind;
  readonly rule: string;
  readonly underlying: InstrumentId;
  readonly direction: SignalDirection;
  /** The rule's own strength, 0..1. */
  readonly strength: number;
  readonly inputs: Readonly<Record<string, SignalInput>>;
  readonly sources: readonly SourceView[];
  readonly regime: RegimeReading | undefined;
  readonly gates: readonly Gate[];
  /** Directional rules pass the regime validator; neutral premium sales are gated by their own filters. */
  readonly validate: 'directional' | 'none';
  /** What was done instead of a rule that could not be applied as written. */
  readonly notes: readonly string[];
  readonly weights?: SourceWeights;
  readonly validatorRules?: ValidatorRules;
}

export interface Decision {
  readonly taken: boolean;
  /** Failed gates and thresholds, joined; or the passed gates when taken. */
  readonly reason: string;
  readonly ensemble: EnsembleResult;
  readonly notes: readonly string[];
  readonly evaluation: RuleEvaluation;
}

/**
 * Rule signal → enhancement sources → weighted ensemble → the rule's gates and the regime validator →
 * taken or filtered, with every failed check in the reason. Pass `ensemble` when a gate already needed it.
 */
export function decide(e: RuleEvaluation, ensemble: EnsembleResult = combine(e.sources, e.weights)): Decision {
  const failed = e.gates.filter((g) => !g.passed).map((g) => g.reason);
  const notes = [...e.notes, ...ensemble.notes];
  if (e.validate === 'directional') {
    const tuned = e.kind === 'entry' ? mlTuning(e.sources).adaptiveThresholds : undefined;
    if (tuned) notes.push(tuned.basis);
    const rules = tuned ? scaleEntryThresholds(e.validatorRules ?? DEFAULT_VALIDATOR_RULES, tuned.multiplier) : e.validatorRules;
    const v = validateDirectional(e.direction, ensemble.combined, ensemble.sources, e.regime, rules);
    failed.push(...v.failures);
    notes.push(...v.notes);
  }
  const taken = failed.length === 0;
  const reason = taken ? e.gates.map((g) => g.reason).join('; ') || e.rule : failed.join('; ');
  return { taken, reason, ensemble, notes, evaluation: e };
}

/**
 * The stored and streamed record of a decision. `reasonTaken` replaces the gate list with what was done
 * ("sold 1 lot NIFTY 25000 straddle at 361.80") when the caller has it.
 */
export function toSignal(ctx: Pick<BotContext<unknown, unknown>, 'botId' | 'now' | 'ids'>, d: Decision, intentIds: readonly IntentId[] = [], reasonTaken?: string): Signal {
  const e = d.evaluation;
  const { combined, sources } = d.ensemble;
  const scores: Record<string, number> = {};
  for (const s of sources) if (s.status === 'ok') scores[s.source] = s.score;
  if (combined.availableWeight > 0) scores.combined = combined.score;
  const directional = e.validate === 'directional' && combined.availableWeight > 0;
  return {
    id: ctx.ids.signal(),
    botId: ctx.botId,
    instrumentId: e.underlying,
    tsEvent: ctx.now,
    kind: e.kind,
    rule: e.rule,
    direction: e.direction,
    strength: Math.min(1, Math.max(0, directional ? combined.score : e.strength)),
    scores,
    inputs: e.inputs,
    sources,
    ...(combined.availableWeight > 0 ? { combined } : {}),
    ...(e.regime ? { regime: { regime: e.regime.regime, confidence: e.regime.confidence, source: e.regime.source } } : {}),
    decision: d.taken ? { kind: 'taken', reason: reasonTaken ? `${reasonTaken} (${d.reason})` : d.reason } : { kind: 'filtered', reason: d.reason },
    notes: d.notes,
    intentIds: d.taken ? intentIds : [],
  };
}
