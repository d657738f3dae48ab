import type { RiskRejection } from '#risk/pre-trade';
import { AuditKind, type AuditTrail } from './audit.ts';
import type { ExecutionContext } from './execution-context.ts';
import type { PlannedOrder } from './order-planner.ts';

export interface RiskDecision {
  readonly clientOrderIds: readonly string[];
  readonly allowed: boolean;
  readonly rejection?: RiskRejection;
}

/** Pass; refuse (written as denied orders); or wait: only the order rate refused, for `ms`. */
export type GateVerdict =
  | { readonly kind: 'pass'; readonly decisions: readonly RiskDecision[] }
  | { readonly kind: 'refuse'; readonly decisions: readonly RiskDecision[]; readonly rejection: RiskRejection }
  | { readonly kind: 'wait'; readonly decisions: readonly RiskDecision[]; readonly ms: number; readonly rejection: RiskRejection };

/**
 * Asks the gate about the orders of one send before any is written. Slices of one intent are judged
 * together (`checkStructure`: each slice's own checks, and the book-wide checks on their sum), so three
 * slices cannot each pass a limit their total breaks. Legs of an accepted structure are judged one by
 * one with their structure id, as the gate expects. One refusal refuses them all: a half-sent intent is
 * a position nobody asked for. A refusal by the order rate alone (it is the gate's last check) is a wait.
 */
export function gateOrders(ctx: ExecutionContext, planned: readonly PlannedOrder[]): GateVerdict {
  const ids = (ps: readonly PlannedOrder[]) => ps.map((p) => p.spec.clientOrderId as string);
  const decisions: RiskDecision[] = [];
  const verdict = (rejection: RiskRejection | undefined): GateVerdict => {
    if (!rejection) return { kind: 'pass', decisions };
    if (rejection.check === 'order-rate' && rejection.retryAfterMs !== undefined) return { kind: 'wait', decisions, ms: rejection.retryAfterMs, rejection };
    return { kind: 'refuse', decisions, rejection };
  };
  const sliced = planned.length > 1 && planned.every((p) => !p.record.link);
  if (sliced) {
    const r = ctx.risk.checkStructure({ ...(planned[0]!.spec.botId ? { botId: planned[0]!.spec.botId } : {}), legs: planned.map((p) => p.proposal), ts: ctx.clock.now() });
    decisions.push({ clientOrderIds: ids(planned), allowed: r.ok, ...(r.ok ? {} : { rejection: r.error }) });
    return verdict(r.ok ? undefined : r.error);
  }
  for (const p of planned) {
    const r = ctx.risk.check(p.proposal);
    decisions.push({ clientOrderIds: ids([p]), allowed: r.ok, ...(r.ok ? {} : { rejection: r.error }) });
    if (!r.ok) return verdict(r.error);
  }
  return verdict(undefined);
}

/** Records the gate's answers; call inside the transaction that writes the orders they concern. */
export function auditDecisions(audit: AuditTrail, decisions: readonly RiskDecision[]): void {
  for (const d of decisions) audit.record(AuditKind.riskDecision, 'risk', d, d.clientOrderIds[0]);
}

export function rejectionText(r: RiskRejection): string {
  return `risk ${r.check}: ${r.reason}`;
}
