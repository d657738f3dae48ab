import { z } from 'zod';
import { Underlying } from '#options/contract-specs';

export const buyerLegSchema = z.strictObject({
  instrumentId: z.string().min(1),
  right: z.enum(['CE', 'PE']),
  strike: z.number().positive(),
  /** Units bought (a whole number of lots); after a partial entry, the units actually held. */
  quantity: z.number().int().positive(),
});
export type BuyerLeg = z.infer<typeof buyerLegSchema>;

/**
 * One long-option position of a buyer bot, as the bot tracks it. Fills come from execution (`ctx.positions`
 * for a single leg bought with a `place` intent, `ctx.structures` for a straddle entered as a structure);
 * the bot keeps what execution cannot know: the plan, the premium and IV it entered at, the best premium
 * seen since (for a trailing stop) and the exit in progress.
 */
export const buyerPositionShape = {
  underlying: z.enum(Object.values(Underlying) as [Underlying, ...Underlying[]]),
  expiry: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  /** long: calls, short: puts, neutral: a long straddle. */
  direction: z.enum(['long', 'short', 'neutral']),
  phase: z.enum(['entering', 'open', 'exiting']),
  /** How the entry was sent: one `place` order for a single leg, one `enter-structure` for a straddle. */
  entry: z.enum(['order', 'structure']),
  /** The entry intent; the position is named by it. */
  intentId: z.string().min(1),
  /** Set when the entry is a structure, once execution has opened it. */
  structureId: z.string().min(1).optional(),
  legs: z.array(buyerLegSchema).min(1).max(2),
  /** Premium per unit summed over the legs: the limit until the entry fills, then the filled price. */
  entryPremium: z.number().positive(),
  /** Mean implied volatility of the legs at entry (decimal), when the chain had one. */
  entryIv: z.number().positive().nullable(),
  /** When the entry intent was sent, and when execution reported it filled. */
  sentAt: z.number().int(),
  openedAt: z.number().int().optional(),
  /** Highest premium per unit marked since the entry filled. */
  peakPremium: z.number().nonnegative(),
  /** When the exit was sent: an exit not done a minute later is sent again. */
  exitSentAt: z.number().int().optional(),
  /** One-time warnings already shown as signals (a leg that could not be marked, …). */
  warned: z.array(z.string()),
};

export const buyerPositionSchema = z.strictObject(buyerPositionShape);
export type BuyerPosition = z.infer<typeof buyerPositionSchema>;

/** State is stored as JSON: keys left undefined are dropped so a round trip gives the same object. */
export function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

export const legLabel = (l: Pick<BuyerLeg, 'right' | 'strike'>): string => `${l.strike} ${l.right}`;

export const positionLabel = (p: Pick<BuyerPosition, 'underlying' | 'expiry' | 'legs'>): string =>
  `${p.underlying} ${p.expiry} ${p.legs.map(legLabel).join(' + ')}`;
