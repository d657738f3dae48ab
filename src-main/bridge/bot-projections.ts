import type { Signal } from '#model/signal';
import type { BotParamsView } from '#engine/engine-api';
import type { BotParamsDto, ParamFieldDto, SignalDto } from '#contract/bot-dto';

/** A number the engine could not compute (NaN, ±∞) travels as null: JSON has no such numbers. */
const finite = (v: number): number | null => (Number.isFinite(v) ? v : null);

/** Domain → wire for a signal: the full record, with non-finite numbers as null. */
export const toSignalDto = (s: Signal): SignalDto => ({
  id: s.id,
  botId: s.botId,
  instrumentId: s.instrumentId,
  tsEvent: s.tsEvent,
  kind: s.kind,
  rule: s.rule,
  direction: s.direction,
  strength: s.strength,
  scores: Object.fromEntries(Object.entries(s.scores).map(([k, v]) => [k, finite(v)])),
  inputs: Object.fromEntries(Object.entries(s.inputs).map(([k, v]) => [k, typeof v === 'number' ? finite(v) : v])),
  sources: s.sources.map((x) => ({ source: x.source, status: x.status, direction: x.direction, score: finite(x.score) ?? 0, weight: x.weight, effectiveWeight: x.effectiveWeight, detail: x.detail })),
  ...(s.combined ? { combined: { direction: s.combined.direction, score: finite(s.combined.score) ?? 0, consensus: finite(s.combined.consensus) ?? 0, availableWeight: s.combined.availableWeight } } : {}),
  ...(s.regime ? { regime: { regime: s.regime.regime, confidence: s.regime.confidence, source: s.regime.source } } : {}),
  decision: { kind: s.decision.kind, reason: s.decision.reason },
  notes: [...s.notes],
  intentIds: [...s.intentIds],
});

export const toBotParamsDto = (v: BotParamsView): BotParamsDto => ({
  botId: v.botId,
  kind: v.kind,
  fields: v.fields.map(({ key, meta }): ParamFieldDto => ({ key, ...(meta as Omit<ParamFieldDto, 'key'>) })),
  values: v.values as BotParamsDto['values'],
  ...(v.pending ? { pending: v.pending as BotParamsDto['values'] } : {}),
  allocation: v.allocation,
  maxAllocation: v.maxAllocation,
  execution: v.execution,
  regimes: [...v.regimes],
  ...(v.sizing ? { sizing: { ...v.sizing } } : {}),
});
