import { TradingState, type StateCause } from './ports.ts';

/**
 * The trading state above every bot, as a table. `active` trades; `reducing` accepts exits only
 * (reduce-only orders); `halted` accepts nothing but the kill switch's own closing orders.
 *
 * Triggers map to one of four moves. A cell names the next state, or null when the trigger does nothing
 * in that state. Two guards sit outside the table: `rollover` applies only when the cause is day-scoped
 * (a kill switch or an overall drawdown outlives the day), and `resume` is refused by the ledger while a
 * limit is still breached. `reduce` never loosens: a halted book stays halted.
 */
export type Move = 'reduce' | 'halt' | 'resume' | 'rollover';

export const STATE_TABLE: Readonly<Record<TradingState, Readonly<Record<Move, TradingState | null>>>> = {
  active: { reduce: 'reducing', halt: 'halted', resume: null, rollover: null },
  reducing: { reduce: 'reducing', halt: 'halted', resume: 'active', rollover: 'active' },
  halted: { reduce: 'halted', halt: 'halted', resume: 'active', rollover: 'active' },
};

export type LimitName = 'daily-loss' | 'day-drawdown' | 'overall-drawdown';

export type StateTrigger =
  | { readonly kind: 'limit-breached'; readonly limit: LimitName; readonly action: 'reducing' | 'halted'; readonly value: number; readonly threshold: number }
  | { readonly kind: 'kill-switch' }
  | { readonly kind: 'trader-restrict'; readonly to: 'reducing' | 'halted' }
  | { readonly kind: 'trader-resume' }
  | { readonly kind: 'day-rollover'; readonly dayKey: string }
  | { readonly kind: 'state-unreadable'; readonly message: string };

export interface StateValue {
  readonly state: TradingState;
  readonly cause: StateCause | null;
  readonly since: number;
}

export interface StateTransition {
  readonly from: StateValue;
  readonly to: StateValue;
  readonly trigger: StateTrigger;
  readonly ts: number;
}

const DAY_SCOPED: ReadonlySet<StateCause> = new Set<StateCause>(['daily-loss', 'day-drawdown']);

export function isDayScoped(cause: StateCause | null): boolean {
  return cause !== null && DAY_SCOPED.has(cause);
}

function moveOf(trigger: StateTrigger): Move {
  switch (trigger.kind) {
    case 'limit-breached':
      return trigger.action === 'halted' ? 'halt' : 'reduce';
    case 'trader-restrict':
      return trigger.to === 'halted' ? 'halt' : 'reduce';
    case 'kill-switch':
    case 'state-unreadable':
      return 'halt';
    case 'trader-resume':
      return 'resume';
    case 'day-rollover':
      return 'rollover';
  }
}

function causeOf(trigger: StateTrigger): StateCause | null {
  switch (trigger.kind) {
    case 'limit-breached':
      return trigger.limit;
    case 'trader-restrict':
      return 'trader';
    case 'kill-switch':
      return 'kill-switch';
    case 'state-unreadable':
      return 'state-unreadable';
    case 'trader-resume':
    case 'day-rollover':
      return null;
  }
}

/**
 * The next state for a trigger, or undefined when nothing changes. Staying in a state can still change
 * its cause: a persistent cause replaces a day-scoped one (so the next day does not release a book an
 * overall drawdown restricted), never the other way round.
 */
export function applyTrigger(current: StateValue, trigger: StateTrigger, ts: number): StateTransition | undefined {
  const move = moveOf(trigger);
  if (move === 'rollover' && !isDayScoped(current.cause)) return undefined;
  const target = STATE_TABLE[current.state][move];
  if (target === null) return undefined;
  const cause = causeOf(trigger);
  if (target === current.state) {
    const upgrade = cause !== null && isDayScoped(current.cause) && !isDayScoped(cause);
    if (!upgrade) return undefined;
    return { from: current, to: { state: target, cause, since: current.since }, trigger, ts };
  }
  return { from: current, to: { state: target, cause: target === TradingState.active ? null : cause, since: ts }, trigger, ts };
}

/** What each state lets through, for the trading-state check. */
export function stateAllows(state: TradingState, order: { readonly reduceOnly: boolean; readonly killSwitch?: boolean }): boolean {
  if (state === TradingState.active) return true;
  if (state === TradingState.reducing) return order.reduceOnly;
  return order.reduceOnly && order.killSwitch === true;
}
