import type { Finding } from '#model/finding';
import type { OrderRecord } from '#store/orders-repository';
import type { SimBooks, SimOrderFact } from './sim-books.ts';
import type { StoreBooks } from './store-books.ts';

/**
 * The invariants every soak run must keep, checked against the simulator's own books. Pure: the
 * runner reads both sides, this compares them, so each rule is tested on hand-made books.
 */
export interface Counts {
  /** Orders at the broker no store order claims, and legs whose orders filled more than the leg asked. */
  readonly duplicates: number;
  /** Simulator trades with no matching fill in the store. */
  readonly lostFills: number;
  /** Positions at the broker that no open structure explains and no open finding names. */
  readonly orphansUnreported: number;
  /** Instruments whose net position in the store differs from the simulator's position book. */
  readonly positionMismatches: number;
  /** Per-bot lots or positions over their limit when the run settled, or more orders in a second than allowed. */
  readonly limitBreaches: number;
}

export const ZERO: Counts = { duplicates: 0, lostFills: 0, orphansUnreported: 0, positionMismatches: 0, limitBreaches: 0 };

export interface Violation {
  readonly kind: keyof Counts;
  readonly detail: string;
}

export interface SoakLimits {
  readonly bots: Readonly<Record<string, { readonly maxLots: number; readonly maxPositions: number }>>;
  readonly maxOrdersPerSecond: number;
  readonly lotSize: (instrumentId: string) => number;
}

export interface CheckResult {
  readonly counts: Counts;
  readonly violations: readonly Violation[];
}

const paise = (p: number): number => Math.round(p * 100);

/** `settled`: the simulator's trade count at each point the run settled (after each step). */
export function checkInvariants(sim: SimBooks, store: StoreBooks, limits: SoakLimits, settled: readonly number[] = []): CheckResult {
  const violations: Violation[] = [];
  const add = (kind: keyof Counts, detail: string): void => {
    violations.push({ kind, detail });
  };
  const claim = new Map<string, OrderRecord>();
  for (const r of store.orders) if (r.order.brokerOrderId !== undefined) claim.set(r.order.brokerOrderId, r);

  duplicates(sim, store, claim, add);
  lostFills(sim, store, claim, add);
  positions(sim, store, add);
  orphans(sim, store, add);
  breaches(sim, claim, limits, settled, add);

  const count = (k: keyof Counts): number => violations.filter((v) => v.kind === k).length;
  return {
    counts: { duplicates: count('duplicates'), lostFills: count('lostFills'), orphansUnreported: count('orphansUnreported'), positionMismatches: count('positionMismatches'), limitBreaches: count('limitBreaches') },
    violations,
  };
}

const terms = (o: SimOrderFact): string => `${o.side} ${o.quantity} ${o.instrumentId} ${o.type}${o.price ? ` @ ${o.price}` : ''} ${o.product} (strategy ${o.strategy})`;

function duplicates(sim: SimBooks, store: StoreBooks, claim: ReadonlyMap<string, OrderRecord>, add: (k: keyof Counts, d: string) => void): void {
  for (const o of sim.orders) {
    if (claim.has(o.orderId)) continue;
    const same = store.orders.filter((r) => r.order.instrumentId === o.instrumentId && r.order.side === o.side && r.order.quantity === o.quantity && r.order.type === o.type);
    const seen = same.map((r) => `${r.order.clientOrderId} (${r.order.status}${r.order.brokerOrderId ? ` as ${r.order.brokerOrderId}` : ''}${r.order.reason ? `: ${r.order.reason}` : ''})`);
    add('duplicates', `order ${o.orderId} at the simulator, ${terms(o)}, ${o.status}, is claimed by no order in the store${seen.length ? `; orders of those terms: ${seen.join(', ')}` : ''}`);
  }
  const filledAt = new Map<string, number>();
  for (const t of sim.trades) filledAt.set(t.orderId, (filledAt.get(t.orderId) ?? 0) + t.quantity);
  for (const s of store.structures) {
    for (const leg of s.legs) {
      const mine = (role: 'entry' | 'exit'): number =>
        store.orders
          .filter((r) => r.link?.structureId === s.structureId && r.link.legIndex === leg.index && r.link.role === role && r.order.brokerOrderId !== undefined)
          .reduce((sum, r) => sum + (filledAt.get(r.order.brokerOrderId!) ?? 0), 0);
      const inFilled = mine('entry');
      const outFilled = mine('exit');
      if (inFilled > leg.quantity) add('duplicates', `structure ${s.structureId} leg ${leg.index} (${leg.side} ${leg.quantity} ${leg.instrumentId}): the simulator filled ${inFilled} on its entry orders`);
      if (outFilled > inFilled) add('duplicates', `structure ${s.structureId} leg ${leg.index}: the simulator filled ${outFilled} on its exit orders against ${inFilled} in`);
    }
  }
}

function lostFills(sim: SimBooks, store: StoreBooks, claim: ReadonlyMap<string, OrderRecord>, add: (k: keyof Counts, d: string) => void): void {
  const byClient = new Map(store.orders.map((r) => [r.order.clientOrderId as string, r]));
  const stored = new Map<string, number[]>();
  for (const f of store.fills) {
    const broker = byClient.get(f.clientOrderId)?.order.brokerOrderId;
    if (broker === undefined) continue;
    const key = `${broker}|${f.quantity}`;
    stored.set(key, [...(stored.get(key) ?? []), paise(f.price)]);
  }
  for (const t of sim.trades) {
    const key = `${t.orderId}|${t.quantity}`;
    const prices = stored.get(key) ?? [];
    const i = prices.indexOf(paise(t.price));
    if (i >= 0) {
      prices.splice(i, 1);
      continue;
    }
    const owner = claim.get(t.orderId);
    add('lostFills', `trade ${t.side} ${t.quantity} ${t.instrumentId} @ ${t.price} on order ${t.orderId} is not a fill in the store${owner ? ` (order ${owner.order.clientOrderId}, ${owner.order.status}, filled ${owner.order.filledQuantity})` : ' (no store order claims it)'}`);
  }
}

function positions(sim: SimBooks, store: StoreBooks, add: (k: keyof Counts, d: string) => void): void {
  const productOf = new Map(store.orders.map((r) => [r.order.clientOrderId as string, r.order.product as string]));
  const mine = new Map<string, number>();
  for (const f of store.fills) {
    const k = `${f.instrumentId}|${productOf.get(f.clientOrderId) ?? '?'}`;
    mine.set(k, (mine.get(k) ?? 0) + (f.side === 'BUY' ? f.quantity : -f.quantity));
  }
  const theirs = new Map<string, number>();
  for (const p of sim.positions) theirs.set(`${p.instrumentId}|${p.product}`, (theirs.get(`${p.instrumentId}|${p.product}`) ?? 0) + p.quantity);
  for (const k of new Set([...mine.keys(), ...theirs.keys()])) {
    const a = mine.get(k) ?? 0;
    const b = theirs.get(k) ?? 0;
    if (a !== b) add('positionMismatches', `${k.replace('|', ' ')}: the store holds ${a}, the simulator ${b}`);
  }
}

/** A finding names an instrument when it concerns it: by id or symbol anywhere in its text or details. */
function names(f: Finding, instrumentId: string, structuresOf: ReadonlyMap<string, readonly string[]>): boolean {
  const symbol = instrumentId.slice(instrumentId.indexOf(':') + 1);
  if ((structuresOf.get(f.subject) ?? []).includes(instrumentId)) return true;
  const text = `${f.message} ${JSON.stringify(f.details)}`;
  return text.includes(instrumentId) || text.includes(symbol);
}

function orphans(sim: SimBooks, store: StoreBooks, add: (k: keyof Counts, d: string) => void): void {
  const expected = new Map<string, number>();
  const structuresOf = new Map<string, string[]>();
  for (const s of store.structures) {
    structuresOf.set(s.structureId, s.legs.map((l) => l.instrumentId));
    if (s.status !== 'open') continue;
    for (const l of s.legs) expected.set(l.instrumentId, (expected.get(l.instrumentId) ?? 0) + (l.side === 'BUY' ? l.quantity : -l.quantity));
  }
  for (const r of store.orders) structuresOf.set(r.order.clientOrderId, [r.order.instrumentId]);
  const actual = new Map<string, number>();
  for (const p of sim.positions) actual.set(p.instrumentId, (actual.get(p.instrumentId) ?? 0) + p.quantity);
  for (const id of new Set([...expected.keys(), ...actual.keys()])) {
    const want = expected.get(id) ?? 0;
    const held = actual.get(id) ?? 0;
    if (want === held) continue;
    if (store.findings.some((f) => names(f, id, structuresOf))) continue;
    const what = held < 0 && want === 0 ? 'a naked short' : held === 0 ? 'a missing leg' : 'a position';
    add('orphansUnreported', `${id}: the simulator holds ${held} where the open structures explain ${want} (${what}), and no open finding names it`);
  }
}

/**
 * The gate judges a structure whole, on the book after all its legs, so the lot and position limits are
 * promises about settled books: checked at every point the run settled (`settled`: the simulator's trade
 * count then) and at the end. While a structure legs in hedge-first, its hedges may stand for a moment
 * before its shorts net against another structure of the same bot; that transient is not a breach.
 */
function breaches(sim: SimBooks, claim: ReadonlyMap<string, OrderRecord>, limits: SoakLimits, settled: readonly number[], add: (k: keyof Counts, d: string) => void): void {
  const times = sim.orders.map((o) => o.at).sort((a, b) => a - b);
  for (let i = limits.maxOrdersPerSecond, start = 0; i < times.length; i++) {
    while (times[i]! - times[start]! >= 1000) start++;
    if (i - start + 1 > limits.maxOrdersPerSecond) add('limitBreaches', `${i - start + 1} orders reached the simulator within one second (limit ${limits.maxOrdersPerSecond})`);
  }
  const orderOf = new Map(sim.orders.map((o) => [o.orderId, o]));
  const net = new Map<string, Map<string, number>>();
  const legs = new Map<string, Map<string, number>>();
  const reported = new Set<string>();
  const cuts = new Set([...settled, sim.trades.length]);
  const judge = (): void => {
    for (const [bot, book] of net) {
      const limit = limits.bots[bot];
      if (!limit) {
        if (!reported.has(bot)) add('limitBreaches', `orders tagged ${bot} reached the simulator, a bot with no limits in this run`);
        reported.add(bot);
        continue;
      }
      let lots = 0;
      for (const [id, q] of book) lots += Math.abs(q) / limits.lotSize(id);
      if (lots > limit.maxLots && !reported.has(`${bot} lots`)) {
        reported.add(`${bot} lots`);
        add('limitBreaches', `bot ${bot} held ${lots} lots when the run settled (limit ${limit.maxLots})`);
      }
      const holding = new Set([...(legs.get(bot) ?? new Map<string, number>())].filter(([, q]) => q !== 0).map(([key]) => key.split('|')[0]));
      if (holding.size > limit.maxPositions && !reported.has(`${bot} positions`)) {
        reported.add(`${bot} positions`);
        add('limitBreaches', `bot ${bot} held ${holding.size} structures when the run settled (limit ${limit.maxPositions})`);
      }
    }
  };
  for (let i = 0; i <= sim.trades.length; i++) {
    if (cuts.has(i)) judge();
    const t = sim.trades[i];
    if (!t) continue;
    const bot = orderOf.get(t.orderId)?.strategy ?? '?';
    const signed = t.side === 'BUY' ? t.quantity : -t.quantity;
    const book = net.get(bot) ?? new Map<string, number>();
    book.set(t.instrumentId, (book.get(t.instrumentId) ?? 0) + signed);
    net.set(bot, book);
    const link = claim.get(t.orderId)?.link;
    if (!link) continue;
    const byStructure = legs.get(bot) ?? new Map<string, number>();
    const k = `${link.structureId}|${link.legIndex}`;
    byStructure.set(k, (byStructure.get(k) ?? 0) + signed);
    legs.set(bot, byStructure);
  }
}
