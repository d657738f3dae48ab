import type { InstrumentId } from '#model/ids';
import type { Tradable } from '#model/instrument';

/** Where execution learns an instrument's lot, tick and expiry (the engine's instrument registry). */
export interface InstrumentLookup {
  tradable(instrumentId: InstrumentId): Tradable | undefined;
}

/** A fixed list, for simulations and tests. */
export function instrumentsFrom(list: readonly Tradable[]): InstrumentLookup {
  const map = new Map(list.map((i) => [i.id, i]));
  return { tradable: (id) => map.get(id) };
}
