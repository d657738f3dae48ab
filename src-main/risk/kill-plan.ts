import type { BotId, ClientOrderId, InstrumentId } from '#model/ids';
import type { Tradable } from '#model/instrument';
import type { OrderSide } from '#model/order';
import type { PendingOrder, RiskPosition } from './ports.ts';

/**
 * Closing order, hedge last: short options are bought back first (their loss is unbounded and the
 * wings exist to cover them), then linear legs (futures and equity: unbounded both ways), then long
 * options are sold (their worst case is the premium already paid). Within a phase the nearest expiry
 * goes first, then the larger premium, then the instrument id, so a plan is deterministic.
 */
export const ClosePhase = { shortOptions: 1, linear: 2, longOptions: 3 } as const;
export type ClosePhase = (typeof ClosePhase)[keyof typeof ClosePhase];

export interface CloseAction {
  readonly kind: 'close-position';
  readonly phase: ClosePhase;
  readonly instrument: Tradable;
  readonly side: OrderSide;
  /** Units to trade, after exits already working for the same position. */
  readonly quantity: number;
  /** Whose positions this closes (signed units each), for the order manager's attribution of the fills. */
  readonly owners: readonly { readonly botId?: BotId; readonly quantity: number }[];
}

export interface CancelAction {
  readonly kind: 'cancel-order';
  readonly clientOrderId: ClientOrderId;
  readonly instrumentId: InstrumentId;
  readonly botId?: BotId;
}

export type KillAction = CancelAction | CloseAction;

function phaseOf(instrument: Tradable, net: number): ClosePhase {
  if (instrument.kind !== 'option') return ClosePhase.linear;
  return net < 0 ? ClosePhase.shortOptions : ClosePhase.longOptions;
}

/**
 * Close actions for positions, netted per instrument across their owners (two bots holding opposite
 * sides of one contract need no trade at the broker), less the closing orders in `working` that are
 * already on their way. Ordered by phase as above; the executor sends a phase only once every close of
 * the previous phase has filled, so a failed buy-back never leaves a short without its wing.
 */
export function closeActions(positions: readonly RiskPosition[], working: readonly PendingOrder[] = []): CloseAction[] {
  const byInstrument = new Map<string, { instrument: Tradable; net: number; premium: number; owners: { botId?: BotId; quantity: number }[] }>();
  for (const p of positions) {
    if (p.netQuantity === 0) continue;
    const cur = byInstrument.get(p.instrument.id) ?? { instrument: p.instrument, net: 0, premium: 0, owners: [] };
    cur.net += p.netQuantity;
    cur.premium += Math.abs(p.netQuantity) * p.avgPrice;
    cur.owners.push({ ...(p.botId !== undefined ? { botId: p.botId } : {}), quantity: p.netQuantity });
    byInstrument.set(p.instrument.id, cur);
  }
  const actions: (CloseAction & { readonly premium: number })[] = [];
  for (const { instrument, net, premium, owners } of byInstrument.values()) {
    if (net === 0) continue;
    const side: OrderSide = net > 0 ? 'SELL' : 'BUY';
    let inFlight = 0;
    for (const o of working) if (o.instrument.id === instrument.id && o.reduceOnly && o.side === side) inFlight += o.remainingQuantity;
    const quantity = Math.abs(net) - inFlight;
    if (quantity <= 0) continue;
    actions.push({ kind: 'close-position', phase: phaseOf(instrument, net), instrument, side, quantity, owners, premium });
  }
  const expiry = (i: Tradable): number => (i.kind === 'equity' ? Number.POSITIVE_INFINITY : i.expiry);
  actions.sort(
    (a, b) =>
      a.phase - b.phase ||
      expiry(a.instrument) - expiry(b.instrument) ||
      b.premium - a.premium ||
      (a.instrument.id < b.instrument.id ? -1 : a.instrument.id > b.instrument.id ? 1 : 0),
  );
  return actions.map(({ premium: _premium, ...a }) => a);
}

/**
 * The kill switch's plan: cancel every open order (entries first), then close every position hedge
 * last. Closing orders the kill switch already has working are neither cancelled nor repeated, and
 * orders with a cancel already sent are not cancelled again, so the plan is idempotent: run it until
 * it is empty (an entry may fill while its cancel is on the way); a flat book with nothing working
 * gives an empty plan. Setting *halted* and stopping the bots come first and are the engine's part.
 */
export function killPlan(book: { readonly positions: readonly RiskPosition[]; readonly openOrders: readonly PendingOrder[] }): KillAction[] {
  const keep = (o: PendingOrder): boolean => o.killSwitch === true && o.reduceOnly;
  const cancels: CancelAction[] = book.openOrders
    .filter((o) => !keep(o) && !o.cancelRequested && o.remainingQuantity > 0)
    .sort((a, b) => Number(a.reduceOnly) - Number(b.reduceOnly))
    .map((o) => ({ kind: 'cancel-order', clientOrderId: o.clientOrderId, instrumentId: o.instrument.id, ...(o.botId !== undefined ? { botId: o.botId } : {}) }));
  const working = book.openOrders.filter(keep);
  return [...cancels, ...closeActions(book.positions, working)];
}
