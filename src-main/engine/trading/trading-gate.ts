import { err, type Result } from '#core/result';
import type { OrderProposal, RiskGate, RiskRejection } from '#risk/pre-trade';

export interface TradingGateDeps {
  /** The kill switch is closing the book: its reduce-only orders are the only ones a halt lets through. */
  readonly killEngaged: () => boolean;
  /** Undefined when orders cannot reach real money (paper broker, OpenAlgo's sandbox). */
  readonly liveArming?: { armed(): boolean; refusal(): string };
}

/**
 * The engine's side of the risk gate, around risk's own:
 * - While the kill switch runs, every reduce-only order is the kill switch's (bots are stopped, exit
 *   requests are held back), so it is marked `killSwitch` and passes a halt. Execution cannot mark them:
 *   it knows no kill switch.
 * - Orders that would reach a real broker are refused until the trader arms live trading, except the kill
 *   switch's closing orders: a press of KILL must flatten a book that was left open when trading was disarmed.
 */
export function tradingGate(inner: RiskGate, deps: TradingGateDeps): RiskGate {
  const mark = (p: OrderProposal): OrderProposal => (p.reduceOnly && deps.killEngaged() ? { ...p, killSwitch: true } : p);
  const unarmed = (proposals: readonly OrderProposal[]): Result<void, RiskRejection> | undefined => {
    const arming = deps.liveArming;
    if (!arming || arming.armed()) return undefined;
    if (deps.killEngaged() && proposals.every((p) => p.reduceOnly)) return undefined;
    return err({ check: 'trading-state', reason: arming.refusal() });
  };
  return {
    check(p) {
      return unarmed([p]) ?? inner.check(mark(p));
    },
    checkStructure(s) {
      return unarmed(s.legs) ?? inner.checkStructure({ ...s, legs: s.legs.map(mark) });
    },
    recordSent(p) {
      inner.recordSent(p);
    },
    ...(inner.sendDelay ? { sendDelay: (ts: number) => inner.sendDelay!(ts) } : {}),
  };
}
