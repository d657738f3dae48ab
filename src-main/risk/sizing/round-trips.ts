import type { Fill } from '#model/fill';
import { signedQuantity } from '#model/fill';

/** One trade of a bot: from its book being flat to flat again, every instrument together. */
export interface RoundTrip {
  readonly tsOpen: number;
  readonly tsClose: number;
  /** Rupees: cash in less cash out over the trade's fills. */
  readonly gross: number;
  readonly charges: number;
  /** gross − charges. */
  readonly net: number;
  readonly fills: number;
}

/**
 * A bot's closed trades from its fills (oldest first). A trade spans every fill from the moment the bot's
 * book leaves flat until every instrument in it is flat again, so a straddle or a condor and its
 * adjustments are one trade, as the trader counts them. A trade still open at the end is left out.
 */
export function roundTrips(fills: readonly Fill[]): RoundTrip[] {
  const sorted = [...fills].sort((a, b) => a.tsEvent - b.tsEvent);
  const net = new Map<string, number>();
  const out: RoundTrip[] = [];
  let open: { tsOpen: number; gross: number; charges: number; fills: number } | undefined;
  for (const f of sorted) {
    const q = signedQuantity(f);
    open ??= { tsOpen: f.tsEvent, gross: 0, charges: 0, fills: 0 };
    open.gross -= q * f.price;
    open.charges += f.charges;
    open.fills++;
    const held = (net.get(f.instrumentId) ?? 0) + q;
    if (held === 0) net.delete(f.instrumentId);
    else net.set(f.instrumentId, held);
    if (net.size === 0) {
      out.push({ tsOpen: open.tsOpen, tsClose: f.tsEvent, gross: open.gross, charges: open.charges, net: open.gross - open.charges, fills: open.fills });
      open = undefined;
    }
  }
  return out;
}
