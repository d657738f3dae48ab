import { err, ok, type Result } from '#core/result';
import type { Finding } from '#model/finding';
import { botId as toBotId, type BotId, type ClientOrderId, type InstrumentId } from '#model/ids';
import type { Product } from '#model/order';
import type { BrokerPosition } from '../broker.ts';
import type { UnknownBrokerOrder } from './broker-orders.ts';
import type { StructureCheck } from './position-check.ts';
import type { Owner, ReconciliationPort } from './reconciliation-port.ts';
import type { FindingFact, Repair } from './repair-proposals.ts';

/** What a repair did: orders adopted, adjustments written, orders sent or cancelled at the broker. */
export interface RepairOutcome {
  readonly findingId: string;
  readonly repair: Repair;
  readonly adopted: readonly ClientOrderId[];
  readonly adjustments: readonly ClientOrderId[];
  readonly cancelled: readonly ClientOrderId[];
  /** Closing orders sent by the repair itself (a structure's own orders are its executor's). */
  readonly sent: readonly ClientOrderId[];
}

export interface RepairDeps {
  readonly port: ReconciliationPort;
  /** The broker's position book as last read: adopted positions take its average price. */
  readonly brokerPositions: readonly BrokerPosition[];
  /** A bot's average price in a position, for units recorded as closed when there is no quote. */
  readonly averagePrice: (botId: BotId | undefined, instrumentId: InstrumentId, product: Product) => number;
  readonly findUnknown: (brokerOrderId: string) => UnknownBrokerOrder | undefined;
}

const ownerOf = (repairId: string, fallback: BotId | undefined): Owner | undefined => {
  if (repairId === 'adopt-trader' || repairId === 'cancel' || repairId === 'flatten') return {};
  if (repairId.startsWith('adopt-bot:')) return { botId: toBotId(repairId.slice('adopt-bot:'.length)) };
  return fallback !== undefined ? { botId: fallback } : undefined;
};

/**
 * Carries out the repair the trader chose. Every step is idempotent or refused when repeated: an
 * adopted broker order is claimed (a second adoption is refused), an adjustment's trade id is derived
 * from the finding, structure steps refuse a structure already completing or closing, and nothing is
 * ever placed twice for one finding: closing orders go through the order path once, under risk.
 */
export async function carryOutRepair(finding: Finding, fact: FindingFact, repair: Repair, deps: RepairDeps): Promise<Result<RepairOutcome, string>> {
  const { port } = deps;
  const adopted: ClientOrderId[] = [];
  const adjustments: ClientOrderId[] = [];
  const cancelled: ClientOrderId[] = [];
  const sent: ClientOrderId[] = [];
  const done = (): Result<RepairOutcome, string> => ok({ findingId: finding.findingId, repair, adopted, adjustments, cancelled, sent });
  const fail = (e: string | { message: string }, what: string): Result<RepairOutcome, string> =>
    err(`${what}: ${typeof e === 'string' ? e : e.message}${adopted.length + adjustments.length + sent.length > 0 ? ' (the steps before it stay done)' : ''}`);

  switch (fact.kind) {
    case 'unknown-order': {
      const u = fact.order;
      const owner = ownerOf(repair.id, u.tagBot)!;
      const a = port.adopt(u.row, u.trades, owner, 'trader');
      if (!a.ok) return fail(a.error, `adopting ${u.row.brokerOrderId}`);
      adopted.push(a.value);
      if ((repair.kind === 'cancel' || repair.kind === 'flatten') && u.working) {
        const c = await port.cancel(a.value, 'trader');
        if (!c.ok) return fail(c.error, `cancelling ${u.row.brokerOrderId}`);
        cancelled.push(a.value);
      }
      if (repair.kind === 'flatten' && u.filled !== 0) {
        const r = await port.close(undefined, u.row.instrumentId, u.row.product, u.filled > 0 ? 'SELL' : 'BUY', Math.abs(u.filled));
        if (!r.ok) return fail(r.error, `closing the ${Math.abs(u.filled)} units of ${u.row.brokerOrderId}`);
        sent.push(...r.value);
      }
      return done();
    }
    case 'absent-order': {
      const r = port.dropWorking(fact.clientOrderId as ClientOrderId, "not in the broker's order book (reconciliation; the trader accepted the broker's book)", 'trader');
      return r.ok ? done() : fail(r.error, `marking ${fact.clientOrderId} cancelled`);
    }
    case 'gap': {
      const g = fact.gap;
      if (fact.part === 'store-excess') {
        const price = port.mark(g.instrumentId);
        let left = Math.abs(g.storeExcess);
        for (const [i, o] of g.owners.entries()) {
          if (left === 0) break;
          const take = Math.min(left, Math.abs(o.loose));
          const at = price ?? deps.averagePrice(o.botId, g.instrumentId, g.product);
          const r = port.adjust({ key: `${finding.findingId}:${i}`, owner: o.botId !== undefined ? { botId: o.botId } : {}, instrumentId: g.instrumentId, product: g.product, side: g.storeExcess > 0 ? 'SELL' : 'BUY', quantity: take, price: at }, 'trader');
          if (!r.ok) return fail(r.error, 'recording the units as closed');
          adjustments.push(r.value);
          left -= take;
        }
        return done();
      }
      const owner = ownerOf(repair.id, undefined)!;
      const avg = deps.brokerPositions.find((p) => p.instrumentId === g.instrumentId && p.product === g.product)?.avgPrice ?? 0;
      const side = g.unowned > 0 ? 'BUY' : 'SELL';
      const r = port.adjust({ key: finding.findingId, owner, instrumentId: g.instrumentId, product: g.product, side, quantity: Math.abs(g.unowned), price: avg > 0 ? avg : (port.mark(g.instrumentId) ?? 0) }, 'trader');
      if (!r.ok) return fail(r.error, 'recording the broker position');
      adjustments.push(r.value);
      if (repair.kind === 'flatten') {
        const c = await port.close(undefined, g.instrumentId, g.product, side === 'BUY' ? 'SELL' : 'BUY', Math.abs(g.unowned));
        if (!c.ok) return fail(c.error, 'closing the position');
        sent.push(...c.value);
      }
      return done();
    }
    case 'structure':
      return repairStructure(finding, fact.check, repair, deps, { adopted, adjustments, done, fail });
  }
}

interface Collect {
  readonly adopted: ClientOrderId[];
  readonly adjustments: ClientOrderId[];
  readonly done: () => Result<RepairOutcome, string>;
  readonly fail: (e: string | { message: string }, what: string) => Result<RepairOutcome, string>;
}

/**
 * First the missing units are accounted. The unknown broker orders that closed them are adopted for the
 * structure's bot; the units they closed get an exit recorded against their leg and the same units back
 * outside the structure (so the bot's position stays what the broker shows, and whatever those orders did
 * beyond the leg stays the bot's loose position). Missing units nothing explains get an exit only: the
 * broker does not hold them. Then the structure is completed (hedges first), closed (hedge-last) or left.
 */
async function repairStructure(finding: Finding, c: StructureCheck, repair: Repair, deps: RepairDeps, k: Collect): Promise<Result<RepairOutcome, string>> {
  const { port } = deps;
  const keyOf = (id: string): string => `${id}|${c.product}`;
  const closers = c.explainedBy.map((id) => deps.findUnknown(id)).filter((u): u is UnknownBrokerOrder => u !== undefined);
  const pool = new Map<string, number>();
  for (const u of closers) pool.set(keyOf(u.row.instrumentId), (pool.get(keyOf(u.row.instrumentId)) ?? 0) + Math.abs(u.filled));
  const plan = c.legs
    .filter((l) => l.missing > 0)
    .map((leg) => {
      const explained = Math.min(leg.missing, pool.get(keyOf(leg.instrumentId)) ?? 0);
      pool.set(keyOf(leg.instrumentId), (pool.get(keyOf(leg.instrumentId)) ?? 0) - explained);
      return { leg, explained, unexplained: leg.missing - explained };
    });
  for (const u of closers) {
    const a = port.adopt(u.row, u.trades, { botId: c.botId }, 'trader');
    if (!a.ok) return k.fail(a.error, `adopting ${u.row.brokerOrderId} for bot ${c.botId}`);
    k.adopted.push(a.value);
  }
  for (const { leg, explained, unexplained } of plan) {
    const closing = leg.side === 'BUY' ? 'SELL' : 'BUY';
    const closer = closers.find((u) => u.row.instrumentId === leg.instrumentId && u.row.avgPrice > 0);
    const price = closer?.row.avgPrice ?? port.mark(leg.instrumentId) ?? deps.averagePrice(c.botId, leg.instrumentId, c.product);
    const link = { structureId: c.structureId, legIndex: leg.index, role: 'exit' as const };
    const writes: [string, Owner, 'BUY' | 'SELL', number][] = [];
    if (explained > 0) writes.push(['out', { botId: c.botId, link }, closing, explained], ['back', { botId: c.botId }, leg.side, explained]);
    if (unexplained > 0) writes.push(['gone', { botId: c.botId, link }, closing, unexplained]);
    for (const [key, owner, side, quantity] of writes) {
      const r = port.adjust({ key: `${finding.findingId}:leg${leg.index}:${key}`, owner, instrumentId: leg.instrumentId, product: c.product, side, quantity, price }, 'trader');
      if (!r.ok) return k.fail(r.error, `recording leg ${leg.index} as closed`);
      k.adjustments.push(r.value);
    }
  }
  const reason = `reconciliation: ${repair.label.toLowerCase()} (finding ${finding.findingId})`;
  if (repair.kind === 'complete') {
    const r = port.completeStructure(c.structureId, reason, 'trader');
    if (!r.ok) return k.fail(r.error, 'completing the structure');
  } else if (repair.kind === 'flatten') {
    const r = port.closeStructure(c.structureId, reason, 'trader');
    if (!r.ok) return k.fail(r.error, 'closing the structure');
  }
  await port.settled();
  return k.done();
}
