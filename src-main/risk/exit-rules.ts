import { z } from 'zod';
import { err, ok, type Result } from '#core/result';
import type { BotId } from '#model/ids';
import { closeActions, type CloseAction } from './kill-plan.ts';
import type { PendingOrder, RiskPosition } from './ports.ts';

/**
 * Stops, targets and trailing stops declared per position or per structure, in rupees of P&L or in %
 * of the entry premium (the credit collected by a short straddle, the debit paid for a long option),
 * e.g. the straddle bot's "40 % stop, 25 % target". P&L is the open legs' marked-to-market P&L against
 * their average price; a leg closed earlier no longer counts.
 */
const amountSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('rupees'), value: z.number().positive() }).strict(),
  z.object({ kind: z.literal('premium-pct'), value: z.number().positive().max(1000) }).strict(),
]);
export type ExitAmount = z.infer<typeof amountSchema>;

export const exitRuleSchema = z
  .object({
    id: z.string().min(1),
    botId: z.string().min(1).optional(),
    scope: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('position'), instrumentId: z.string().min(1) }).strict(),
      z.object({ kind: z.literal('structure'), structureId: z.string().min(1) }).strict(),
    ]),
    /** Exit when P&L falls to −stop. */
    stop: amountSchema.optional(),
    /** Exit when P&L reaches +target. */
    target: amountSchema.optional(),
    /** Once P&L has reached `activateAt`, exit when it falls `trail` below its best. */
    trailing: z.object({ activateAt: amountSchema, trail: amountSchema }).strict().optional(),
  })
  .strict()
  .refine((r) => r.stop !== undefined || r.target !== undefined || r.trailing !== undefined, 'an exit rule needs a stop, a target or a trailing stop');
export type ExitRule = z.infer<typeof exitRuleSchema>;

export function parseExitRule(spec: unknown): Result<ExitRule, string> {
  const r = exitRuleSchema.safeParse(spec);
  if (r.success) return ok(r.data);
  return err(r.error.issues.map((i) => `${i.path.join('.') || '(rule)'}: ${i.message}`).join('; '));
}

export type ExitReason = 'stop' | 'target' | 'trailing';

/** What the monitor asks the order manager to do: close these legs (hedge last). Data, never an order. */
export interface ExitRequest {
  readonly ruleId: string;
  readonly botId?: BotId;
  readonly reason: ExitReason;
  /** P&L of the scope when it fired, rupees. */
  readonly pnl: number;
  /** The P&L level that fired it, rupees. */
  readonly threshold: number;
  readonly closes: readonly CloseAction[];
}

export interface RuleState {
  /** Best P&L seen since the rule was declared (trailing stops), rupees. */
  readonly highWater: number | null;
  readonly triggeredAt: number | null;
  /** Once fired, the rule keeps asking for the exit until the scope is flat, for the reason it first fired. */
  readonly fired: { readonly reason: ExitReason; readonly threshold: number } | null;
}

export const EXIT_REASONS: readonly ExitReason[] = ['stop', 'target', 'trailing'];

export interface ScopeMark {
  readonly positions: readonly RiskPosition[];
  readonly pnl: number;
  /** Σ |quantity| × average price of the open legs. */
  readonly premium: number;
}

/** The open positions a rule watches. */
export function scopePositions(rule: ExitRule, positions: readonly RiskPosition[]): RiskPosition[] {
  return positions.filter((p) => {
    if (p.netQuantity === 0) return false;
    if (rule.botId !== undefined && p.botId !== rule.botId) return false;
    return rule.scope.kind === 'position' ? p.instrument.id === rule.scope.instrumentId : p.structureId === rule.scope.structureId;
  });
}

const rupees = (a: ExitAmount, premium: number): number => (a.kind === 'rupees' ? a.value : (a.value / 100) * premium);

export interface RuleDecision {
  readonly state: RuleState;
  readonly fired?: { readonly reason: ExitReason; readonly threshold: number };
}

/** One evaluation of a rule at the scope's current P&L. The first of stop, trailing, target that holds fires. */
export function evaluateRule(rule: ExitRule, state: RuleState, mark: ScopeMark): RuleDecision {
  const highWater = Math.max(state.highWater ?? mark.pnl, mark.pnl);
  const next: RuleState = { ...state, highWater };
  if (rule.stop) {
    const threshold = -rupees(rule.stop, mark.premium);
    if (mark.pnl <= threshold) return { state: next, fired: { reason: 'stop', threshold } };
  }
  if (rule.trailing) {
    const activate = rupees(rule.trailing.activateAt, mark.premium);
    const threshold = highWater - rupees(rule.trailing.trail, mark.premium);
    if (highWater >= activate && mark.pnl <= threshold) return { state: next, fired: { reason: 'trailing', threshold } };
  }
  if (rule.target) {
    const threshold = rupees(rule.target, mark.premium);
    if (mark.pnl >= threshold) return { state: next, fired: { reason: 'target', threshold } };
  }
  return { state: next };
}

export function exitRequest(rule: ExitRule, mark: ScopeMark, fired: { reason: ExitReason; threshold: number }, working: readonly PendingOrder[]): ExitRequest {
  return {
    ruleId: rule.id,
    ...(rule.botId !== undefined ? { botId: rule.botId as BotId } : {}),
    reason: fired.reason,
    pnl: mark.pnl,
    threshold: fired.threshold,
    closes: closeActions(mark.positions, working),
  };
}
