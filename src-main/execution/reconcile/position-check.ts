import type { BotId, BrokerOrderId, InstrumentId, StructureId } from '#model/ids';
import type { OrderSide, Product } from '#model/order';
import type { StructureStatus } from '#model/structure';
import type { OrderRecord } from '#store/orders-repository';
import type { StructureRecord } from '#store/structures-repository';
import type { BrokerPosition } from '../broker.ts';
import type { BotPosition } from '../positions.ts';
import { isStructureTerminal } from '../structures/structure-fsm.ts';
import { legProgress } from '../structures/structure-progress.ts';
import type { UnknownBrokerOrder } from './broker-orders.ts';

/** A structure leg as the store and the broker show it. */
export interface LegCheck {
  readonly index: number;
  readonly instrumentId: InstrumentId;
  readonly side: OrderSide;
  readonly quantity: number;
  /** Units the store counts as held on this leg (its entries less its exits). */
  readonly held: number;
  /** Held units the broker's position does not contain. */
  readonly missing: number;
  /** Units the broker really holds for this leg: `held` less `missing`. */
  readonly actual: number;
}

export interface StructureCheck {
  readonly structureId: StructureId;
  readonly botId: BotId;
  readonly status: StructureStatus;
  readonly product: Product;
  readonly legs: readonly LegCheck[];
  /** Some leg holds less than the store counts. */
  readonly missing: boolean;
  /** A short leg is held while a hedge (BUY) leg is short of its quantity. */
  readonly naked: boolean;
  /** Unknown broker orders whose trades closed a missing leg's units. */
  readonly explainedBy: readonly BrokerOrderId[];
}

/** One instrument and product where the broker's net position differs from the store's. */
export interface PositionGap {
  readonly instrumentId: InstrumentId;
  readonly product: Product;
  readonly store: number;
  readonly broker: number;
  /** Signed units of unknown broker orders' trades (they are reported on their own). */
  readonly unknownOrders: number;
  /** Signed units the broker holds that nothing in the store accounts for: a position no bot owns. */
  readonly unowned: number;
  /** Signed units the store holds outside structures that the broker does not hold. */
  readonly storeExcess: number;
  /** Holders of `storeExcess` (undefined botId: the trader), the largest first, with their units outside structures. */
  readonly owners: readonly { readonly botId?: BotId; readonly loose: number }[];
}

export interface PositionFacts {
  readonly structures: StructureCheck[];
  readonly gaps: PositionGap[];
}

type Key = string;
const keyOf = (instrumentId: InstrumentId, product: Product): Key => `${instrumentId}|${product}`;
const sign = Math.sign;

interface LegState {
  readonly s: StructureRecord;
  readonly index: number;
  readonly key: Key;
  /** Signed units held per the store. */
  readonly signed: number;
  missing: number;
}

/**
 * Rebuilds every live structure leg by leg and compares the store with the broker's position book.
 * Per instrument and product, the broker's net less the store's (the gap) is taken first from the
 * structure legs it closes (a leg missing at the broker), the oldest structure first: a structure is
 * what a naked short hides in. What is left, less what unknown broker orders' trades explain, is a
 * position no bot owns (the broker holds more) or units the store holds that the broker does not.
 */
export function checkPositions(input: {
  readonly orders: readonly OrderRecord[];
  readonly positions: readonly BotPosition[];
  readonly structures: readonly StructureRecord[];
  readonly broker: readonly BrokerPosition[];
  readonly unknown: readonly UnknownBrokerOrder[];
  readonly inScope: (id: InstrumentId) => boolean;
}): PositionFacts {
  const store = new Map<Key, Map<string, number>>();
  const storeTotal = new Map<Key, number>();
  const meta = new Map<Key, { instrumentId: InstrumentId; product: Product }>();
  const note = (id: InstrumentId, product: Product): Key => {
    const k = keyOf(id, product);
    if (!meta.has(k)) meta.set(k, { instrumentId: id, product });
    return k;
  };
  for (const p of input.positions) {
    const k = note(p.position.instrumentId, p.product);
    const bots = store.get(k) ?? new Map<string, number>();
    bots.set(p.botId ?? '', (bots.get(p.botId ?? '') ?? 0) + p.position.netQuantity);
    store.set(k, bots);
    storeTotal.set(k, (storeTotal.get(k) ?? 0) + p.position.netQuantity);
  }
  const broker = new Map<Key, number>();
  for (const b of input.broker) {
    if (!input.inScope(b.instrumentId)) continue;
    const k = note(b.instrumentId, b.product);
    broker.set(k, (broker.get(k) ?? 0) + b.quantity);
  }
  const pending = new Map<Key, number>();
  for (const u of input.unknown) {
    const k = note(u.row.instrumentId, u.row.product);
    pending.set(k, (pending.get(k) ?? 0) + u.filled);
  }

  const live = input.structures.filter((s) => !isStructureTerminal(s.status));
  const legs: LegState[] = [];
  for (const s of live) {
    for (const p of legProgress(s, input.orders)) {
      if (p.held <= 0) continue;
      legs.push({ s, index: p.leg.index, key: note(p.leg.instrumentId, s.product), signed: p.leg.side === 'BUY' ? p.held : -p.held, missing: 0 });
    }
  }
  const gaps: PositionGap[] = [];
  const closingOrders = new Map<Key, BrokerOrderId[]>();
  for (const [k, { instrumentId, product }] of meta) {
    const total = storeTotal.get(k) ?? 0;
    const gap0 = (broker.get(k) ?? 0) - total;
    let gap = gap0;
    for (const leg of legs) {
      if (gap === 0) break;
      if (leg.key !== k || sign(leg.signed) !== -sign(gap)) continue;
      leg.missing = Math.min(Math.abs(gap), Math.abs(leg.signed));
      gap += sign(leg.signed) * leg.missing;
    }
    const fromLegs = gap0 - gap;
    const p = pending.get(k) ?? 0;
    if (fromLegs !== 0) closingOrders.set(k, input.unknown.filter((u) => keyOf(u.row.instrumentId, u.row.product) === k && sign(u.filled) === sign(fromLegs)).map((u) => u.row.brokerOrderId));
    const explainedLegs = sign(p) === sign(fromLegs) ? sign(fromLegs) * Math.min(Math.abs(p), Math.abs(fromLegs)) : 0;
    const residual = gap - p + explainedLegs;
    if (residual === 0) continue;
    const held = total + fromLegs;
    const storeExcess = held !== 0 && sign(residual) === -sign(held) ? sign(held) * Math.min(Math.abs(residual), Math.abs(held)) : 0;
    const owners = [...(store.get(k) ?? new Map<string, number>())]
      .map(([bot, units]) => ({ bot, loose: units - legs.filter((l) => l.key === k && l.s.botId === bot).reduce((s, l) => s + l.signed, 0) }))
      .filter((o) => storeExcess !== 0 && sign(o.loose) === sign(storeExcess))
      .sort((a, b) => Math.abs(b.loose) - Math.abs(a.loose))
      .map((o) => ({ ...(o.bot !== '' ? { botId: o.bot as BotId } : {}), loose: o.loose }));
    gaps.push({ instrumentId, product, store: total, broker: broker.get(k) ?? 0, unknownOrders: p, unowned: residual + storeExcess, storeExcess, owners });
  }
  const structures = live.map((s): StructureCheck => {
    const checks = legProgress(s, input.orders).map((p): LegCheck => {
      const missing = legs.find((l) => l.s === s && l.index === p.leg.index)?.missing ?? 0;
      return { index: p.leg.index, instrumentId: p.leg.instrumentId, side: p.leg.side, quantity: p.leg.quantity, held: p.held, missing, actual: p.held - missing };
    });
    const missing = checks.some((l) => l.missing > 0);
    const naked = checks.some((l) => l.side === 'SELL' && l.actual > 0) && checks.some((l) => l.side === 'BUY' && l.actual < l.quantity);
    const explainedBy = [...new Set(checks.filter((l) => l.missing > 0).flatMap((l) => closingOrders.get(keyOf(l.instrumentId, s.product)) ?? []))];
    return { structureId: s.structureId, botId: s.botId, status: s.status, product: s.product, legs: checks, missing, naked, explainedBy };
  });
  return { structures, gaps };
}
