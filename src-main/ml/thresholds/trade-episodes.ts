import { z } from 'zod';
import type { Fill } from '#model/fill';
import type { ClosedTrade } from './threshold-bandit.ts';

/** How many trade ids of an open trade are remembered to recognise a fill reported twice. */
const SEEN = 500;

const legSchema = z.object({ qty: z.number(), cost: z.number() });
const episodeSchema = z.object({
  openedAt: z.number(),
  /** Cash in less cash out less charges since the bot was last flat. */
  cash: z.number(),
  legs: z.record(z.string(), legSchema),
  /** The most premium the trade held at cost at once: its rupees at risk. */
  peak: z.number(),
  seen: z.array(z.string()),
});
const stateSchema = z.record(z.string(), episodeSchema);
export type EpisodesState = z.infer<typeof stateSchema>;
type Episode = z.infer<typeof episodeSchema>;

/**
 * A bot's trades as its threshold bandit is rewarded for them: a trade runs from the fill that takes the
 * bot off flat to the fill that makes it flat again (all its legs, so a straddle or a condor is one trade).
 * Its P&L is the cash it moved less charges; its risk the largest premium it held at cost at once (paid
 * by a buyer, the most it can lose; received by a seller, the base its return is quoted on). The open
 * trades are plain JSON, kept across a restart.
 */
export class TradeEpisodes {
  private readonly open: Map<string, Episode>;

  constructor(state: EpisodesState = {}) {
    this.open = new Map(Object.entries(structuredClone(state)));
  }

  /** Applies a bot's fill; returns the trade it closed, if any. A fill seen before is ignored. */
  onFill(bot: string, fill: Pick<Fill, 'tradeId' | 'instrumentId' | 'side' | 'quantity' | 'price' | 'charges' | 'tsEvent'>): ClosedTrade | undefined {
    let e = this.open.get(bot);
    if (e?.seen.includes(fill.tradeId)) return undefined;
    if (!e) {
      e = { openedAt: fill.tsEvent, cash: 0, legs: {}, peak: 0, seen: [] };
      this.open.set(bot, e);
    }
    e.seen.push(fill.tradeId);
    if (e.seen.length > SEEN) e.seen.splice(0, e.seen.length - SEEN);
    const signed = fill.side === 'BUY' ? fill.quantity : -fill.quantity;
    e.cash += -signed * fill.price - fill.charges;
    const leg = e.legs[fill.instrumentId] ?? { qty: 0, cost: 0 };
    e.legs[fill.instrumentId] = move(leg, signed, fill.price);
    const held = Object.values(e.legs).reduce((s, l) => s + Math.abs(l.cost), 0);
    e.peak = Math.max(e.peak, held);
    if (Object.values(e.legs).some((l) => l.qty !== 0)) return undefined;
    this.open.delete(bot);
    return { openedAt: e.openedAt, pnl: e.cash, risk: e.peak };
  }

  state(): EpisodesState {
    return structuredClone(Object.fromEntries(this.open));
  }

  static restore(json: unknown): { episodes: TradeEpisodes; problem?: string } {
    const r = stateSchema.safeParse(json);
    if (r.success) return { episodes: new TradeEpisodes(r.data) };
    return { episodes: new TradeEpisodes(), problem: `open trades of the threshold bandits unreadable (${r.error.issues[0]?.message ?? 'invalid'}): trades open now will not be credited` };
  }
}

/** A leg after a fill: adding keeps the cost of what is held, reducing takes cost off pro rata, a flip opens at the fill's price. */
function move(leg: { qty: number; cost: number }, signed: number, price: number): { qty: number; cost: number } {
  const qty = leg.qty + signed;
  if (leg.qty === 0 || Math.sign(signed) === Math.sign(leg.qty)) return { qty, cost: leg.cost + signed * price };
  if (qty === 0) return { qty: 0, cost: 0 };
  if (Math.sign(qty) === Math.sign(leg.qty)) return { qty, cost: leg.cost * (qty / leg.qty) };
  return { qty, cost: qty * price };
}
