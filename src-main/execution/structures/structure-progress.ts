import { isTerminal } from '#model/order';
import type { OrderRecord } from '#store/orders-repository';
import type { StructureLegRecord, StructureRecord } from '#store/structures-repository';

/** A leg as its orders tell it: what filled going in, what filled coming out, what is still working. */
export interface LegProgress {
  readonly leg: StructureLegRecord;
  readonly entryFilled: number;
  readonly exitFilled: number;
  /** Units held on this leg now. */
  readonly held: number;
  /** Entry orders not yet terminal. */
  readonly workingEntries: readonly OrderRecord[];
  readonly workingExits: readonly OrderRecord[];
}

export function legProgress(structure: StructureRecord, orders: readonly OrderRecord[]): LegProgress[] {
  return structure.legs.map((leg) => {
    const mine = orders.filter((r) => r.link?.structureId === structure.structureId && r.link.legIndex === leg.index);
    const entries = mine.filter((r) => r.link?.role === 'entry');
    const exits = mine.filter((r) => r.link?.role === 'exit');
    const entryFilled = entries.reduce((s, r) => s + r.order.filledQuantity, 0);
    const exitFilled = exits.reduce((s, r) => s + r.order.filledQuantity, 0);
    return {
      leg,
      entryFilled,
      exitFilled,
      held: entryFilled - exitFilled,
      workingEntries: entries.filter((r) => !isTerminal(r.order.status)),
      workingExits: exits.filter((r) => !isTerminal(r.order.status)),
    };
  });
}
