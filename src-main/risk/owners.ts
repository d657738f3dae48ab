import type { BotId } from '#model/ids';
import type { OrderProposal } from './pre-trade.ts';
import type { BookLeg } from './valuation.ts';

/** The bots (undefined: the trader) whose opening orders are in the proposal: per-bot limits apply to each. */
export function openingOwners(proposals: readonly OrderProposal[]): (BotId | undefined)[] {
  return [...new Set(proposals.filter((p) => !p.reduceOnly).map((p) => p.botId))];
}

/** Net units per instrument of one owner's legs. */
export function netByInstrument(legs: readonly BookLeg[], owner: BotId | undefined): Map<string, { quantity: number; lotSize: number }> {
  const out = new Map<string, { quantity: number; lotSize: number }>();
  for (const l of legs) {
    if (l.botId !== owner) continue;
    const cur = out.get(l.instrument.id) ?? { quantity: 0, lotSize: l.instrument.lotSize };
    out.set(l.instrument.id, { quantity: cur.quantity + l.quantity, lotSize: cur.lotSize });
  }
  return out;
}

export function grossLots(legs: readonly BookLeg[], owner: BotId | undefined): number {
  let lots = 0;
  for (const { quantity, lotSize } of netByInstrument(legs, owner).values()) lots += Math.abs(quantity) / lotSize;
  return lots;
}

/** Open positions of an owner: a structure counts once, a leg outside any structure once per instrument. */
export function positionKeys(legs: readonly BookLeg[], owner: BotId | undefined): Set<string> {
  const net = new Map<string, number>();
  for (const l of legs) {
    if (l.botId !== owner) continue;
    const key = l.structureId !== undefined ? `structure:${l.structureId}` : `instrument:${l.instrument.id}`;
    net.set(key, (net.get(key) ?? 0) + Math.abs(l.quantity));
  }
  return new Set([...net].filter(([, q]) => q > 0).map(([k]) => k));
}
