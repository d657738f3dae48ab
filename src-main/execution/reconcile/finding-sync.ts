import type { Fill } from '#model/fill';
import type { Finding } from '#model/finding';
import type { ClientOrderId } from '#model/ids';
import type { FindingsBoard } from '../findings.ts';
import type { ReconcileItem } from './reconcile-items.ts';
import type { Repair } from './repair-proposals.ts';

const itemKey = (i: { kind: string; subject: string }): string => `${i.kind}\u0000${i.subject}`;

/** True when the first read shows exactly the open findings with their figures: nothing to confirm, no second read. */
export function matchesOpen(items: readonly ReconcileItem[], open: readonly Finding[]): boolean {
  const seen = new Set(items.map(itemKey));
  return items.every((i) => i.kind !== 'expire' && open.some((f) => itemKey(f) === itemKey(i) && f.details['signature'] === i.signature)) && open.every((f) => seen.has(itemKey(f)));
}

/**
 * A difference counts when two reads in a row show it with the same figures; an open finding is gone when
 * neither read shows it. `second` is undefined when the first read matched the open findings (steady),
 * and `failed` when the confirming read could not be made (then nothing counts either way).
 */
export function confirmItems(first: readonly ReconcileItem[], second: readonly ReconcileItem[] | 'failed' | undefined, open: readonly Finding[]): { confirmed: Map<string, ReconcileItem>; gone: Set<string> } {
  const atFirst = new Map(first.map((i) => [itemKey(i), i]));
  if (second === 'failed') return { confirmed: new Map(), gone: new Set() };
  if (second === undefined) return { confirmed: atFirst, gone: new Set() };
  const atSecond = new Set(second.map(itemKey));
  const confirmed = new Map(second.filter((i) => atFirst.get(itemKey(i))?.signature === i.signature).map((i) => [itemKey(i), i]));
  const gone = new Set(open.map(itemKey).filter((k) => !atFirst.has(k) && !atSecond.has(k)));
  return { confirmed, gone };
}

/**
 * Brings the open findings in line with what was confirmed: a finding gone from the books is resolved
 * (credited to the trader's repair when one was applied), one whose figures changed is superseded by a
 * new one, a new difference is raised once. Confirmed day orders of earlier sessions are expired.
 */
export function settleFindings(input: {
  readonly board: FindingsBoard;
  readonly open: readonly Finding[];
  readonly confirmed: ReadonlyMap<string, ReconcileItem>;
  readonly gone: ReadonlySet<string>;
  readonly current: readonly ReconcileItem[];
  readonly underway: Map<string, Repair>;
  readonly expire: (id: ClientOrderId) => boolean;
}): { raised: Finding[]; resolved: Finding[]; expired: ClientOrderId[] } {
  const { board, confirmed, gone, underway } = input;
  const raised: Finding[] = [];
  const resolved: Finding[] = [];
  const expired: ClientOrderId[] = [];
  for (const f of input.open) {
    const k = itemKey(f);
    const now = confirmed.get(k);
    if (!gone.has(k) && (now === undefined || now.signature === f.details['signature'])) continue;
    const cleared = gone.has(k) && !input.current.some((i) => i.subject === f.subject);
    const credit = underway.get(f.subject);
    const why = !cleared ? 'superseded: the figures changed' : credit ? `repaired (${credit.label}); the broker's books agree` : "no longer seen: the store and the broker's books agree";
    const r = board.resolve(f.findingId, why, credit && cleared ? 'trader' : 'reconciliation');
    if (r) resolved.push(r);
    if (cleared) underway.delete(f.subject);
  }
  const stillOpen = new Set(board.open().map(itemKey));
  for (const [k, i] of confirmed) {
    if (i.expire !== undefined) {
      if (input.expire(i.expire)) expired.push(i.expire);
      continue;
    }
    if (stillOpen.has(k) || !i.finding) continue;
    const credit = underway.get(i.subject);
    raised.push(board.raise({ ...i.finding, details: { ...i.finding.details, signature: i.signature, ...(credit ? { repairUnderWay: credit.id } : {}) } }));
  }
  return { raised, resolved, expired };
}

/** A trade the store lacked, imported: raised for the record and resolved at once (nothing is asked of the trader). */
export function reportImported(board: FindingsBoard, fills: readonly Fill[]): { raised: Finding[]; resolved: Finding[] } {
  const raised: Finding[] = [];
  const resolved: Finding[] = [];
  for (const fill of fills) {
    const f = board.raise({
      kind: 'missing-fill',
      severity: 'warning',
      subject: fill.tradeId,
      message: `Trade ${fill.tradeId} (${fill.side} ${fill.quantity} ${fill.instrumentId} @ ${fill.price}) of order ${fill.clientOrderId} was in the broker's trade book but not in the store: imported.`,
      details: { fill },
      blocking: false,
    });
    raised.push(f);
    const r = board.resolve(f.findingId, 'imported from the broker trade book', 'reconciliation');
    if (r) resolved.push(r);
  }
  return { raised, resolved };
}
