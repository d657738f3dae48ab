import { structureId as toStructureId } from '#model/ids';
import type { Intent } from '#model/intent';
import type { Product } from '#model/order';
import type { StructurePolicy } from '#model/structure';
import { quotePrice, type OptionChain, type OptionQuote } from '#options/chain';
import type { BotContext } from '../contract/context.ts';
import { asInstrumentId, quoteAt, touchPrice } from '../common/chain-legs.ts';
import type { SellerLeg, SellerPosition } from './seller-state.ts';

/**
 * How the order manager works a seller's legs: re-send an unfilled leg up to 3 times, chasing 2 ticks
 * a time within 2 % of the first price, cancel a leg after 15 s; then unwind what filled. No leg of a
 * short structure is left naked by a half-filled entry.
 */
export const SELLER_POLICY: StructurePolicy = { kind: 'complete', maxRetries: 3, chaseStepTicks: 2, chaseBandPct: 2, legTimeoutMs: 15_000 };

export const legLabel = (l: Pick<SellerLeg, 'right' | 'strike' | 'side'>): string => `${l.side === 'SELL' ? 'short' : 'long'} ${l.strike} ${l.right}`;

export interface Marks {
  /** Cost per unit to close at mid: shorts bought back less wings sold. */
  readonly closeCost: number;
  /** Net delta in underlying units (options by the chain's deltas, plus any futures hedge). */
  readonly netDelta: number;
  /** Legs with no quote or no delta on the chain: the position cannot be marked. */
  readonly missing: readonly string[];
  readonly quotes: readonly (OptionQuote | undefined)[];
}

export function markPosition(pos: SellerPosition, chain: OptionChain): Marks {
  let closeCost = 0;
  let netDelta = pos.hedge?.quantity ?? 0;
  const missing: string[] = [];
  const quotes = pos.legs.map((l) => {
    const q = quoteAt(chain, l.strike, l.right);
    if (!q || q.delta === undefined || !(quotePrice(q) > 0)) {
      missing.push(legLabel(l));
      return q;
    }
    const sign = l.side === 'SELL' ? -1 : 1;
    closeCost -= sign * quotePrice(q);
    netDelta += sign * l.quantity * q.delta;
    return q;
  });
  return { closeCost, netDelta, missing, quotes };
}

/** Rupees rounded to the paisa, so sums of tick prices carry no float residue. */
export const toPaise = (x: number): number => Math.round(x * 100) / 100;

export type EnterStructure = Extract<Intent, { kind: 'enter-structure' }>;

/** Opens `legs` as one structure at marketable limits; buys are listed (and executed) first. */
export function enterIntent<P, S>(
  ctx: BotContext<P, S>,
  kind: SellerPosition['structure'],
  product: Product,
  legs: readonly SellerLeg[],
  chain: OptionChain,
  reason: string,
): EnterStructure {
  const ordered = [...legs].sort((a, b) => (a.side === b.side ? 0 : a.side === 'BUY' ? -1 : 1));
  return {
    kind: 'enter-structure',
    intentId: ctx.ids.intent(),
    botId: ctx.botId,
    structure: kind,
    product,
    legs: ordered.map((l) => {
      const q = quoteAt(chain, l.strike, l.right);
      if (!q) throw new Error(`no quote for ${legLabel(l)} on the ${chain.underlying} ${chain.expiry} chain`);
      return { instrumentId: asInstrumentId(l.instrumentId), side: l.side, quantity: l.quantity, type: 'LIMIT' as const, limitPrice: touchPrice(q, l.side, chain.tickSize) };
    }),
    policy: SELLER_POLICY,
    reason,
  };
}

/** Net premium per unit at the intent's limit prices: sells add, buys subtract. */
export function limitCredit(intent: EnterStructure): number {
  return toPaise(intent.legs.reduce((s, l) => s + (l.side === 'SELL' ? 1 : -1) * (l.limitPrice ?? 0), 0));
}

/** Closes a position: its structure (shorts first, then wings), and any futures hedge. */
export function exitIntents<P, S>(ctx: BotContext<P, S>, pos: SellerPosition, reason: string): Intent[] {
  const out: Intent[] = [];
  if (pos.structureId) out.push({ kind: 'exit-structure', intentId: ctx.ids.intent(), botId: ctx.botId, structureId: toStructureId(pos.structureId), reason });
  else for (const l of pos.legs) out.push({ kind: 'flatten', intentId: ctx.ids.intent(), botId: ctx.botId, instrumentId: asInstrumentId(l.instrumentId), reason });
  if (pos.hedge) out.push({ kind: 'flatten', intentId: ctx.ids.intent(), botId: ctx.botId, instrumentId: asInstrumentId(pos.hedge.instrumentId), reason });
  return out;
}
