import type { Finding } from '#model/finding';
import type { BotId } from '#model/ids';
import type { UnknownBrokerOrder } from './broker-orders.ts';
import type { PositionGap, StructureCheck } from './position-check.ts';
import type { ReconcileFacts } from './reconcile-items.ts';

export type RepairKind = 'flatten' | 'complete' | 'adopt' | 'cancel';

/**
 * A way to settle a finding. `id` is what the trader picks (`adopt-bot:<bot>`, `adopt-trader`,
 * `adopt-broker`, `cancel`, `flatten`, `complete`); `description` says every step it will take.
 */
export interface Repair {
  readonly id: string;
  readonly kind: RepairKind;
  readonly label: string;
  readonly description: string;
}

/** The fact a finding stands for, found again in the latest comparison; undefined once it is gone. */
export type FindingFact =
  /** `explains`: structures whose missing units this order closed (it is settled through their findings). */
  | { readonly kind: 'unknown-order'; readonly order: UnknownBrokerOrder; readonly explains: readonly string[] }
  | { readonly kind: 'absent-order'; readonly clientOrderId: string }
  | { readonly kind: 'gap'; readonly gap: PositionGap; readonly part: 'unowned' | 'store-excess' }
  | { readonly kind: 'structure'; readonly check: StructureCheck };

export function factOf(finding: Finding, facts: ReconcileFacts): FindingFact | undefined {
  const s = finding.subject;
  switch (finding.kind) {
    case 'unknown-broker-order': {
      const order = facts.unknown.find((u) => u.row.brokerOrderId === s);
      return order && { kind: 'unknown-order', order, explains: facts.structures.filter((c) => c.explainedBy.includes(order.row.brokerOrderId)).map((c) => c.structureId) };
    }
    case 'order-not-at-broker':
      return facts.absent.some((a) => a.record.order.clientOrderId === s && !a.earlierDay) ? { kind: 'absent-order', clientOrderId: s } : undefined;
    case 'unowned-position':
    case 'position-mismatch': {
      const gap = facts.gaps.find((g) => `${g.instrumentId}|${g.product}` === s);
      const part = finding.kind === 'unowned-position' ? 'unowned' : 'store-excess';
      if (!gap || (part === 'unowned' ? gap.unowned : gap.storeExcess) === 0) return undefined;
      return { kind: 'gap', gap, part };
    }
    case 'structure-missing-leg':
    case 'naked-short': {
      const check = facts.structures.find((c) => c.structureId === s && (c.missing || c.naked));
      return check && { kind: 'structure', check };
    }
    default:
      return undefined;
  }
}

/**
 * True while some open finding leaves short units uncovered: a repair that would sell (close a long,
 * possibly a hedge) is not offered then. Shorts are bought back first; hedges are sold last.
 */
export function shortsUncovered(open: readonly Finding[], except: string): boolean {
  return open.some(
    (f) =>
      f.findingId !== except &&
      (f.kind === 'naked-short' || (f.kind === 'unowned-position' && Number(f.details['unowned']) < 0) || (f.kind === 'unknown-broker-order' && Number(f.details['filled']) < 0)),
  );
}

const adoptions = (bots: readonly BotId[], first: BotId | undefined, what: string): Repair[] => [
  ...[...new Set([...(first !== undefined ? [first] : []), ...bots])].map(
    (b): Repair => ({ id: `adopt-bot:${b}`, kind: 'adopt', label: `Adopt for bot ${b}`, description: `${what} becomes bot ${b}'s: the bot counts it, its limits cover it, and it closes it like its own.` }),
  ),
  { id: 'adopt-trader', kind: 'adopt', label: 'Adopt as your own', description: `${what} becomes yours (no bot): shown in your positions, closed by you or the kill switch.` },
];

/** The repairs a finding offers now, from the latest comparison of the store with the broker's books. */
export function proposeRepairs(finding: Finding, fact: FindingFact | undefined, scene: { readonly bots: readonly BotId[]; readonly open: readonly Finding[] }): Repair[] {
  if (!fact || finding.status !== 'open') return [];
  const sellsBlocked = shortsUncovered(scene.open, finding.findingId);
  switch (fact.kind) {
    case 'unknown-order': {
      const u = fact.order;
      // An order that closed a structure's leg is adopted by that structure's repair, which also records the
      // leg as closed; adopted here, the structure would go on counting a leg the broker does not hold.
      const out = fact.explains.length > 0 ? [] : adoptions(scene.bots, u.tagBot, `Broker order ${u.row.brokerOrderId} (with its ${Math.abs(u.filled)} filled units) is written into the terminal and`);
      if (u.working && fact.explains.length === 0) out.push({ id: 'cancel', kind: 'cancel', label: 'Cancel it', description: `Adopt order ${u.row.brokerOrderId} as your own (its fills so far are kept), then cancel it at the broker.` });
      if (u.filled !== 0 && (u.filled < 0 || !sellsBlocked)) {
        out.push({
          id: 'flatten',
          kind: 'flatten',
          label: 'Flatten it',
          description: `Adopt order ${u.row.brokerOrderId} as your own${u.working ? ', cancel the rest of it' : ''}, then ${u.filled < 0 ? 'buy back' : 'sell'} its ${Math.abs(u.filled)} filled units at market through risk.`,
        });
      }
      return out;
    }
    case 'absent-order':
      return [{ id: 'adopt-broker', kind: 'adopt', label: "Accept the broker's book", description: `Order ${fact.clientOrderId} is marked cancelled in the terminal: the broker does not have it.` }];
    case 'gap': {
      const g = fact.gap;
      if (fact.part === 'store-excess') {
        return [
          {
            id: 'adopt-broker',
            kind: 'adopt',
            label: "Accept the broker's figure",
            description: `Record ${Math.abs(g.storeExcess)} units of ${g.instrumentId} ${g.product} as closed outside the terminal (at the current price), taken from ${g.owners.map((o) => (o.botId !== undefined ? `bot ${o.botId}` : 'you')).join(', then ')}. Nothing is sent to the broker.`,
          },
        ];
      }
      const out = adoptions(scene.bots, undefined, `The broker's ${Math.abs(g.unowned)} ${g.unowned > 0 ? 'long' : 'short'} units of ${g.instrumentId} ${g.product} are recorded in the terminal (at the broker's average price) and`);
      if (g.unowned < 0 || !sellsBlocked) {
        out.push({ id: 'flatten', kind: 'flatten', label: 'Flatten it', description: `Record the units as your own, then ${g.unowned < 0 ? 'buy them back' : 'sell them'} at market through risk.` });
      }
      return out;
    }
    case 'structure': {
      const c = fact.check;
      const account = c.explainedBy.length > 0 ? `Broker order(s) ${c.explainedBy.join(', ')} are adopted for bot ${c.botId} and the missing units recorded as closed; then ` : 'The missing units are recorded as closed; then ';
      const out: Repair[] = [];
      if (c.status === 'open' || c.status === 'entering') {
        out.push({ id: 'complete', kind: 'complete', label: 'Complete the structure', description: `${account}the missing legs are sent again, hedges (buys) filled before any short, under the structure's own failure policy.` });
      }
      out.push({ id: 'flatten', kind: 'flatten', label: 'Flatten the structure', description: `${account}the structure is closed: every short bought back before any hedge is sold.` });
      if (!c.naked) out.push({ id: 'adopt-broker', kind: 'adopt', label: 'Accept without the missing units', description: `${account}the structure goes on with what the broker holds.` });
      return out;
    }
  }
}
