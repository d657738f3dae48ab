import { z } from 'zod';

/**
 * A bot's sizing policy: how many lots an opening signal becomes, decided after the bot's signal and
 * before risk's checks (risk can still refuse the size). Every policy ends rounded down to whole lots
 * of the contract on the trade date and capped at the bot's `maxLots`. `confidence` scales the amount
 * (strategies.md's momentum-rider multipliers, by default) by the signal's strength and the ML view.
 */
const confidenceSchema = z
  .object({
    strongStrength: z.number().min(0).max(1).default(0.8),
    strongMultiplier: z.number().positive().max(5).default(1.5),
    mediumStrength: z.number().min(0).max(1).default(0.65),
    mediumMultiplier: z.number().positive().max(5).default(1.2),
    /** ML agreeing above this confidence… */
    mlHighConfidence: z.number().min(0).max(1).default(0.7),
    mlAgreeMultiplier: z.number().positive().max(5).default(1.1),
    /** …or pointing the other way. */
    mlConflictMultiplier: z.number().positive().max(5).default(0.6),
  })
  .strict()
  .refine((c) => c.mediumStrength <= c.strongStrength, 'mediumStrength must not exceed strongStrength');
export type ConfidenceMultipliers = z.infer<typeof confidenceSchema>;

const common = { confidence: confidenceSchema.nullable().default(null) };
const pct = (max: number) => z.number().positive().max(max);

export const sizingPolicySchema = z.discriminatedUnion('policy', [
  /** The same number of lots every time. */
  z.object({ policy: z.literal('fixed-lots'), lots: z.number().int().min(1).max(1000), ...common }).strict(),
  /** Risk `riskPct` % of the bot's capital to the stop, the stop `stopPct` % of the premium. */
  z.object({ policy: z.literal('fixed-fractional'), riskPct: pct(20), stopPct: pct(100), ...common }).strict(),
  /**
   * Risk `riskPct` % of capital on a move of `multiple` × the underlying's ATR or of its one-day move
   * implied by IV (S·σ·√(1/365)), through the position's delta: calmer markets, larger sizes.
   */
  z.object({ policy: z.literal('volatility-scaled'), riskPct: pct(20), measure: z.enum(['atr', 'iv']), multiple: z.number().positive().max(10).default(1), ...common }).strict(),
  /** Option buyers: pay at most `premiumPct` % of capital in premium (the most a long option can lose). */
  z.object({ policy: z.literal('premium'), premiumPct: pct(50), ...common }).strict(),
  /** Option sellers: block at most `marginPct` % of capital in margin. */
  z.object({ policy: z.literal('margin'), marginPct: pct(100), ...common }).strict(),
  /**
   * Kelly fraction from the bot's own closed trades (net of charges), times `fraction` (half-Kelly by
   * default), capped at `maxRiskPct` % of capital at risk to the stop; refused below `minTrades`
   * unless `lotsUntilMinTrades` is set: a new bot (or shadow variant) has no trades, so without it a
   * Kelly bot could never collect the sample its estimate needs.
   */
  z
    .object({
      policy: z.literal('kelly'),
      fraction: z.number().positive().max(1).default(0.5),
      maxRiskPct: pct(20).default(2),
      minTrades: z.number().int().min(10).default(30),
      lotsUntilMinTrades: z.number().int().min(0).max(1000).default(0),
      stopPct: pct(100),
      ...common,
    })
    .strict(),
]);
export type SizingPolicy = z.infer<typeof sizingPolicySchema>;
export type SizingPolicyInput = z.input<typeof sizingPolicySchema>;
