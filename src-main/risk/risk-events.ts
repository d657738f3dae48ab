import type { RiskConfig } from '#config/risk-schema';
import type { ExitRequest } from './exit-rules.ts';
import type { Breach } from './loss-figures.ts';
import type { OrderProposal, RiskRejection, StructureProposal } from './pre-trade.ts';
import type { StateTransition } from './trading-state.ts';

/** Who caused an event, as the audit trail names it. */
export type RiskActor = 'risk' | 'trader' | 'kill-switch' | 'config';

/**
 * Everything the risk layer reports, as data: the engine appends each to the audit trail and the bridge
 * streams them. Past tense, discriminated by `kind`.
 */
export type RiskEvent =
  | { readonly kind: 'trading-state-changed'; readonly actor: RiskActor; readonly transition: StateTransition; readonly reason: string; readonly ts: number }
  | { readonly kind: 'limit-breached'; readonly breach: Breach; readonly ts: number }
  /** A breached limit is configured to flatten: the engine runs the kill plan's closing actions. */
  | { readonly kind: 'flatten-requested'; readonly breach: Breach; readonly ts: number }
  | { readonly kind: 'limits-changed'; readonly actor: RiskActor; readonly from: RiskConfig; readonly to: RiskConfig; readonly ts: number }
  | { readonly kind: 'day-rolled-over'; readonly fromDay: string; readonly toDay: string; readonly dayStartPnl: number; readonly ts: number }
  /** A stop, target or trailing stop fired: data for the order manager, never an order. */
  | { readonly kind: 'exit-requested'; readonly request: ExitRequest; readonly ts: number }
  /** A declared or stored exit rule that is not watched, and why (`ruleId` '*' when the store could not be read). */
  | { readonly kind: 'exit-rule-rejected'; readonly ruleId: string; readonly message: string; readonly ts: number }
  | { readonly kind: 'order-checked'; readonly proposal: OrderProposal; readonly rejection?: RiskRejection; readonly ts: number }
  | { readonly kind: 'structure-checked'; readonly structure: StructureProposal; readonly rejection?: RiskRejection; readonly ts: number };

export type RiskEventTopics = { readonly risk: RiskEvent };
