import { pass, refuse, type LegCheck } from '../check-context.ts';
import { stateAllows, type StateValue } from '../trading-state.ts';

const CAUSE_TEXT: Record<string, string> = {
  'daily-loss': 'the daily loss limit was reached',
  'day-drawdown': "the drawdown from the day's peak reached its limit",
  'overall-drawdown': 'the overall drawdown reached its limit',
  'kill-switch': 'the kill switch was pressed',
  trader: 'the trader set it',
  'state-unreadable': 'the stored risk state could not be read',
};

/** "Trading is halted because the kill switch was pressed": the state and what put the book in it. */
export function tradingStateText({ state, cause }: Pick<StateValue, 'state' | 'cause'>): string {
  return `Trading is ${state}${cause ? ` because ${CAUSE_TEXT[cause] ?? cause}` : ''}`;
}

/** Active trades; reducing accepts reduce-only orders; halted accepts only the kill switch's closing orders. */
export const tradingStateCheck: LegCheck = (p, ctx) => {
  const { state } = ctx.state;
  if (stateAllows(state, p)) return pass;
  const what = state === 'reducing' ? 'only exits (reduce-only orders) are accepted' : 'no order is accepted except the kill switch closing positions';
  return refuse({ check: 'trading-state', reason: `${tradingStateText(ctx.state)}: ${what}.` });
};
