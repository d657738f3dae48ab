import { z } from 'zod';
import { istDateKey } from '#core/time-ist';
import type { AdaptiveThresholds } from '../ports.ts';

/** Multipliers of a bot's entry thresholds: within ±10 % (strategies.md "adaptive thresholds"). */
export const ARMS = [0.9, 0.95, 1, 1.05, 1.1] as const;
/** A trade's reward is its R multiple (P&L over the risk taken at entry), clipped to ±3 R and scaled to ±1. */
const MAX_R = 3;
const HISTORY = 200;

const stateSchema = z.object({
  arms: z.array(z.object({ n: z.number().int().min(0), sum: z.number() })).length(ARMS.length),
  current: z.number().int().min(0).max(ARMS.length - 1),
  day: z.string(),
  /** When each arm was put in force, so a trade is credited to the arm it was opened under. */
  history: z.array(z.object({ from: z.number(), arm: z.number().int().min(0).max(ARMS.length - 1) })),
});
export type BanditState = z.infer<typeof stateSchema>;

export interface ClosedTrade {
  /** When the position was opened (the arm then in force earns the reward). */
  readonly openedAt: number;
  readonly pnl: number;
  /** Rupees at risk at entry (premium, or the distance to the stop × quantity); > 0. */
  readonly risk: number;
}

/**
 * UCB1 over five threshold multipliers, one arm a session: at the first decision of each IST day it
 * picks the arm with the best mean reward plus exploration bonus (untried arms first, 1.0 before the
 * others), and holds it all day so a day's trades share one setting. Deterministic: no randomness, the
 * same trades give the same arms. The state is plain JSON for the registry's learner-state table.
 */
export class ThresholdBandit {
  private s: BanditState;

  constructor(state?: BanditState) {
    this.s = state ?? { arms: ARMS.map(() => ({ n: 0, sum: 0 })), current: ARMS.indexOf(1), day: '', history: [] };
  }

  /** Whether a call at `now` starts a new day, and so picks (and changes the state of) the arm. */
  choosesAt(now: number): boolean {
    return istDateKey(now) !== this.s.day;
  }

  /** This bot's multiplier at `now`, choosing the day's arm on its first call of the day. */
  thresholds(now: number): AdaptiveThresholds {
    const day = istDateKey(now);
    if (day !== this.s.day) this.choose(day, now);
    const a = this.s.arms[this.s.current]!;
    const m = ARMS[this.s.current]!;
    const mean = a.n > 0 ? `mean ${((a.sum / a.n) * MAX_R).toFixed(2)} R over ${a.n} trade${a.n > 1 ? 's' : ''}` : 'not tried yet';
    return { multiplier: m, basis: `entry thresholds ×${m.toFixed(2)} (threshold bandit, arm ${this.s.current + 1} of ${ARMS.length}: ${mean})` };
  }

  /** Credits a closed trade to the arm in force when it was opened. */
  record(trade: ClosedTrade): void {
    if (!(trade.risk > 0) || !Number.isFinite(trade.pnl)) return;
    const at = [...this.s.history].reverse().find((h) => h.from <= trade.openedAt);
    if (!at) return;
    const arm = this.s.arms[at.arm]!;
    arm.n++;
    arm.sum += Math.max(-MAX_R, Math.min(MAX_R, trade.pnl / trade.risk)) / MAX_R;
  }

  state(): BanditState {
    return structuredClone(this.s);
  }

  static restore(json: unknown): { bandit: ThresholdBandit; problem?: string } {
    const r = stateSchema.safeParse(json);
    if (r.success) return { bandit: new ThresholdBandit(r.data) };
    return { bandit: new ThresholdBandit(), problem: `threshold bandit state unreadable (${r.error.issues[0]?.message ?? 'invalid'}): starting afresh at ×1.00` };
  }

  private choose(day: string, now: number): void {
    const untried = [ARMS.indexOf(1), ...ARMS.keys()].find((i) => this.s.arms[i]!.n === 0);
    let arm = untried;
    if (arm === undefined) {
      const total = this.s.arms.reduce((t, a) => t + a.n, 0);
      let best = -Infinity;
      this.s.arms.forEach((a, i) => {
        const ucb = a.sum / a.n + Math.sqrt((2 * Math.log(total)) / a.n);
        if (ucb > best) {
          best = ucb;
          arm = i;
        }
      });
    }
    // An untried arm is played until a trade closes on it; a day without trades leaves it untried.
    this.s.current = arm!;
    this.s.day = day;
    this.s.history.push({ from: now, arm: arm! });
    if (this.s.history.length > HISTORY) this.s.history.splice(0, this.s.history.length - HISTORY);
  }
}
