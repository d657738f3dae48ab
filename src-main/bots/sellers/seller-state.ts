import { z } from 'zod';
import { Underlying } from '#options/contract-specs';
import type { BotContext, BotStructureView } from '../contract/context.ts';
import { structureOf } from '../common/structure-of.ts';

export const sellerLegSchema = z.strictObject({
  instrumentId: z.string().min(1),
  right: z.enum(['CE', 'PE']),
  strike: z.number().positive(),
  side: z.enum(['BUY', 'SELL']),
  quantity: z.number().int().positive(),
});
export type SellerLeg = z.infer<typeof sellerLegSchema>;

/**
 * One short-premium position a seller holds on one underlying, as the bot tracks it. Fills and held
 * quantities come from execution (`ctx.structures`); the bot keeps only what execution cannot know:
 * the plan, the credit it sold for, and the adjustment in progress.
 */
export const sellerPositionSchema = z.strictObject({
  underlying: z.enum(Object.values(Underlying) as [Underlying, ...Underlying[]]),
  expiry: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  phase: z.enum(['entering', 'open', 'exiting']),
  /** The enter-structure intent; execution's structure carries it, which is how the two are matched. */
  intentId: z.string().min(1),
  structureId: z.string().min(1).optional(),
  structure: z.enum(['straddle', 'strangle', 'iron-condor']),
  legs: z.array(sellerLegSchema).min(1),
  /** Net premium per unit: the quoted credit until the entry fills, then the filled one. */
  credit: z.number(),
  openedAt: z.number().int(),
  adjustments: z.number().int().min(0),
  /** An adjustment done as exit then re-entry: the legs to enter once the exit has closed. */
  rollTo: z.array(sellerLegSchema).min(1).optional(),
  /** The tested side an adjustment already answered: no second roll until that side is untested again. */
  rolledFor: z.enum(['CE', 'PE']).optional(),
  /** A futures hedge against delta, signed units. */
  hedge: z.strictObject({ instrumentId: z.string().min(1), quantity: z.number().int() }).optional(),
  /** One-time warnings already shown as signals (a leg that could not be marked, …). */
  warned: z.array(z.string()),
});
export type SellerPosition = z.infer<typeof sellerPositionSchema>;

export const sellerStateSchema = z.strictObject({ positions: z.array(sellerPositionSchema) });
export type SellerState = z.infer<typeof sellerStateSchema>;

export const emptySellerState = (): SellerState => ({ positions: [] });

export type SyncEvent = 'none' | 'opened' | 'entry-failed' | 'closed' | 'roll-due' | 'stuck';

/** An intent that has not become a structure after this long was refused before execution recorded it. */
export const STRUCTURE_TIMEOUT_MS = 5 * 60_000;

/** Net premium per unit from the entry fills: sells add, buys subtract. */
export function filledCredit(structure: BotStructureView): number {
  return Math.round(structure.legs.reduce((s, l) => s + (l.side === 'SELL' ? 1 : -1) * l.entryPrice, 0) * 100) / 100;
}

/**
 * Moves a position along with its structure: entering → open when every leg filled (credit from the
 * fills); entering → gone when risk denied it or its policy unwound it, or when no structure appeared
 * within 5 minutes and nothing is held; exiting → gone when closed (or `roll-due`: the caller enters
 * `rollTo`); open → gone when closed from outside (a flatten, the kill switch); any phase → `stuck`
 * when execution reports the structure orphaned, and the bot then does nothing with it (a blocking
 * finding is the trader's).
 */
export function syncPosition<P, S>(pos: SellerPosition, ctx: BotContext<P, S>): { position: SellerPosition | undefined; event: SyncEvent } {
  const structure = structureOf(ctx.structures, pos.intentId);
  const hedgeFlat = !pos.hedge || (ctx.positions.find((p) => p.instrumentId === pos.hedge!.instrumentId)?.netQuantity ?? 0) === 0;
  if (!structure) {
    const flat = pos.legs.every((l) => (ctx.positions.find((p) => p.instrumentId === l.instrumentId)?.netQuantity ?? 0) === 0);
    if (ctx.now - pos.openedAt < STRUCTURE_TIMEOUT_MS || !flat || pos.phase === 'open') return { position: pos, event: 'none' };
    return { position: undefined, event: pos.phase === 'entering' ? 'entry-failed' : 'closed' };
  }
  if (structure.status === 'orphaned') return { position: pos, event: 'stuck' };
  const done = structure.status === 'closed' || structure.status === 'denied' || structure.status === 'unwound';
  if (pos.phase === 'entering') {
    if (structure.status === 'open') return { position: { ...pos, phase: 'open', structureId: structure.structureId, credit: filledCredit(structure) }, event: 'opened' };
    if (done) return { position: undefined, event: 'entry-failed' };
    return { position: pos, event: 'none' };
  }
  if (pos.phase === 'exiting') {
    if (!done || !hedgeFlat) return { position: pos, event: 'none' };
    return pos.rollTo ? { position: pos, event: 'roll-due' } : { position: undefined, event: 'closed' };
  }
  if (done) return { position: undefined, event: 'closed' };
  return { position: pos, event: 'none' };
}

/**
 * The state with `underlying`'s position replaced by `next` (moved last), or removed. When that changes
 * nothing (still flat, or the same position already last) the given state itself comes back: the bot
 * manager re-validates only a state that is a new object, and most minutes change nothing.
 */
export function replacePosition(state: SellerState, underlying: Underlying, next: SellerPosition | undefined): SellerState {
  const at = state.positions.findIndex((p) => p.underlying === underlying);
  if (next === undefined ? at < 0 : at === state.positions.length - 1 && state.positions[at] === next) return state;
  const rest = state.positions.filter((p) => p.underlying !== underlying);
  return { positions: next ? [...rest, next] : rest };
}
