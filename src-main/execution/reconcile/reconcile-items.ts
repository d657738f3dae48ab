import type { FindingKind } from '#model/finding';
import type { ClientOrderId, InstrumentId } from '#model/ids';
import type { NewFinding } from '../findings.ts';
import type { AbsentOrder, BrokerOrderFacts, UnknownBrokerOrder } from './broker-orders.ts';
import type { PositionFacts, PositionGap, StructureCheck } from './position-check.ts';

/** Everything one comparison of the store with the broker's books found. */
export interface ReconcileFacts extends BrokerOrderFacts, PositionFacts {}

/** The finding kinds reconciliation raises, resolves and repairs. */
export const RECONCILIATION_KINDS: ReadonlySet<FindingKind> = new Set<FindingKind>([
  'missing-fill',
  'unknown-broker-order',
  'order-not-at-broker',
  'unowned-position',
  'position-mismatch',
  'structure-missing-leg',
  'naked-short',
]);

/**
 * One thing found, as it would be raised. `signature` holds the figures: the same thing seen again
 * with the same figures is the same finding (a second run changes nothing); other figures supersede it.
 */
export interface ReconcileItem {
  readonly kind: FindingKind | 'expire';
  readonly subject: string;
  readonly signature: string;
  readonly finding?: NewFinding;
  /** For `expire`: the day order of an earlier session to expire. */
  readonly expire?: ClientOrderId;
}

const units = (n: number): string => (n > 0 ? `long ${n}` : n < 0 ? `short ${-n}` : 'flat');

function unknownOrderItem(u: UnknownBrokerOrder): ReconcileItem {
  const r = u.row;
  const price = r.type === 'LIMIT' || r.type === 'SL' ? ` @ ${r.price}` : '';
  const owner = u.tagBot !== undefined ? `Its strategy tag names bot ${u.tagBot}, which is blocked until you choose.` : `No bot of this terminal is named by it${r.strategy ? ` (strategy "${r.strategy}")` : ''}.`;
  return {
    kind: 'unknown-broker-order',
    subject: r.brokerOrderId,
    signature: [r.status, u.filled, r.filledQuantity, r.quantity].join('|'),
    finding: {
      kind: 'unknown-broker-order',
      severity: 'critical',
      ...(u.tagBot !== undefined ? { botId: u.tagBot } : {}),
      subject: r.brokerOrderId,
      message:
        `The broker has order ${r.brokerOrderId} (${r.side} ${r.quantity} ${r.instrumentId} ${r.type}${price} ${r.product}, ${r.status}, ${Math.abs(u.filled)} filled) that no order of the terminal claims: ` +
        `placed outside the terminal, or lost. ${owner} Choose a repair: adopt it, cancel it, or flatten what it filled.`,
      details: { brokerOrderId: r.brokerOrderId, row: r, tradeIds: u.trades.map((t) => t.tradeId), filled: u.filled, working: u.working, ...(u.tagBot !== undefined ? { tagBot: u.tagBot } : {}) },
      blocking: true,
    },
  };
}

function absentItem(a: AbsentOrder): ReconcileItem {
  const o = a.record.order;
  if (a.earlierDay) return { kind: 'expire', subject: o.clientOrderId, signature: 'expire', expire: o.clientOrderId };
  return {
    kind: 'order-not-at-broker',
    subject: o.clientOrderId,
    signature: String(o.brokerOrderId),
    finding: {
      kind: 'order-not-at-broker',
      severity: 'warning',
      ...(o.botId !== undefined ? { botId: o.botId } : {}),
      subject: o.clientOrderId,
      message: `Order ${o.clientOrderId} (${o.side} ${o.quantity} ${o.instrumentId}, ${o.status}) is working in the terminal, but the broker's order book has no order ${o.brokerOrderId}: it cannot fill there. Accept the broker's book to mark it cancelled.`,
      details: { clientOrderId: o.clientOrderId, brokerOrderId: o.brokerOrderId },
      blocking: false,
    },
  };
}

function gapItems(g: PositionGap, isOption: (id: InstrumentId) => boolean): ReconcileItem[] {
  const subject = `${g.instrumentId}|${g.product}`;
  const figures = `(the terminal counts ${units(g.store)}, the broker holds ${units(g.broker)}${g.unknownOrders !== 0 ? `, of which ${units(g.unknownOrders)} came from broker orders the terminal does not know` : ''})`;
  const details = { instrumentId: g.instrumentId, product: g.product, store: g.store, broker: g.broker, unknownOrders: g.unknownOrders, unowned: g.unowned, storeExcess: g.storeExcess, owners: g.owners };
  const signature = [g.store, g.broker, g.unknownOrders, g.unowned, g.storeExcess].join('|');
  const out: ReconcileItem[] = [];
  if (g.unowned !== 0) {
    const naked = g.unowned < 0 && isOption(g.instrumentId) ? ' It is a short option no hedge of the terminal covers: treat it as a naked short.' : '';
    out.push({
      kind: 'unowned-position',
      subject,
      signature,
      finding: {
        kind: 'unowned-position',
        severity: 'critical',
        subject,
        message: `The broker holds ${units(g.unowned)} ${g.instrumentId} ${g.product} that no bot and no order of the terminal accounts for ${figures}.${naked} Adopt it (for a bot or as your own) or flatten it.`,
        details,
        blocking: true,
      },
    });
  }
  if (g.storeExcess !== 0) {
    const owner = g.owners.length === 1 ? g.owners[0]!.botId : undefined;
    const who = g.owners.map((o) => (o.botId !== undefined ? `bot ${o.botId}` : 'you')).join(', ') || 'nobody';
    out.push({
      kind: 'position-mismatch',
      subject,
      signature,
      finding: {
        kind: 'position-mismatch',
        severity: 'critical',
        ...(owner !== undefined ? { botId: owner } : {}),
        subject,
        message: `The terminal counts ${units(g.storeExcess)} ${g.instrumentId} ${g.product} (held by ${who}) that the broker's position book does not show ${figures}: closed outside the terminal, expired, or never filled. Accept the broker's figure to record it as closed.`,
        details,
        blocking: true,
      },
    });
  }
  return out;
}

function structureItem(c: StructureCheck): ReconcileItem {
  const legs = c.legs
    .filter((l) => l.held !== l.actual || l.side === 'BUY')
    .map((l) => `leg ${l.index} ${l.side} ${l.quantity} ${l.instrumentId}: counted ${l.held}, held ${l.actual}`)
    .join('; ');
  const kind: FindingKind = c.naked ? 'naked-short' : 'structure-missing-leg';
  const why = c.naked
    ? 'Its short leg is held while a hedge is not: a naked short. The bot is blocked: complete the structure (the missing hedge is bought first) or flatten it (shorts bought back before hedges are sold).'
    : 'The bot is blocked: complete the structure, flatten it, or accept that it goes on without the missing units.';
  const explained = c.explainedBy.length > 0 ? ` Broker order(s) ${c.explainedBy.join(', ')}, unknown to the terminal, closed the missing units.` : '';
  return {
    kind,
    subject: c.structureId,
    signature: [c.naked, ...c.legs.map((l) => `${l.held}/${l.actual}`), ...c.explainedBy].join('|'),
    finding: {
      kind,
      severity: 'critical',
      botId: c.botId,
      subject: c.structureId,
      message: `Structure ${c.structureId} of bot ${c.botId} (${c.status}) does not hold what the terminal counts: ${legs}.${explained} ${why}`,
      details: { structureId: c.structureId, status: c.status, naked: c.naked, legs: c.legs, explainedBy: c.explainedBy },
      blocking: true,
    },
  };
}

/** What the facts call for: findings to hold open, and day orders of earlier sessions to expire. */
export function reconcileItems(facts: ReconcileFacts, isOption: (id: InstrumentId) => boolean): ReconcileItem[] {
  return [
    ...facts.unknown.map(unknownOrderItem),
    ...facts.absent.map(absentItem),
    ...facts.gaps.flatMap((g) => gapItems(g, isOption)),
    ...facts.structures.filter((c) => c.missing || c.naked).map(structureItem),
  ];
}
