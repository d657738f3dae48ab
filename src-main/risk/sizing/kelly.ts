import { err, ok, type Result } from '#core/result';

export interface KellyEstimate {
  readonly trades: number;
  /** Share of trades that made money, 0..1. */
  readonly winRate: number;
  /** Average win over average loss (∞ with no losing trade). */
  readonly payoff: number;
  /** Full Kelly, W − (1 − W) ÷ R: the share of capital to risk per trade; ≤ 0 means no edge. */
  readonly full: number;
}

/**
 * The Kelly fraction of a bot's closed trades (rupees each, net of charges). A flat trade counts as
 * neither a win nor a loss but as a trade. Refused below `minTrades`: a dozen trades say nothing of edge.
 */
export function kellyEstimate(pnls: readonly number[], minTrades: number): Result<KellyEstimate, string> {
  if (pnls.length < minTrades) return err(`Kelly needs at least ${minTrades} closed trades of this bot; it has ${pnls.length}`);
  const wins = pnls.filter((p) => p > 0);
  const losses = pnls.filter((p) => p < 0);
  const winRate = wins.length / pnls.length;
  const avgWin = wins.length ? wins.reduce((a, b) => a + b, 0) / wins.length : 0;
  const avgLoss = losses.length ? -losses.reduce((a, b) => a + b, 0) / losses.length : 0;
  const payoff = avgLoss > 0 ? avgWin / avgLoss : Number.POSITIVE_INFINITY;
  const full = payoff === Number.POSITIVE_INFINITY ? winRate : winRate - (1 - winRate) / payoff;
  return ok({ trades: pnls.length, winRate, payoff, full });
}
