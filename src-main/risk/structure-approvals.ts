import type { StructureId } from '#model/ids';
import type { OrderSide } from '#model/order';
import type { RiskBook } from './ports.ts';
import type { OrderProposal } from './pre-trade.ts';

/**
 * Once a structure passed the book-wide checks as a whole, its legs are sent one by one (hedges first)
 * and pass through the gate again. Judging each intermediate state on its own would refuse the short
 * leg of a condor whose wings are already bought; so an accepted structure is remembered for
 * `APPROVAL_MS`, and a leg send skips the book-wide checks while the structure's exposure in that leg
 * (filled + working + this order) stays within the approved quantity. Anything beyond it, or later,
 * is judged in full.
 */
export const APPROVAL_MS = 120_000;

interface ApprovedLeg {
  readonly instrumentId: string;
  readonly side: OrderSide;
  readonly quantity: number;
}

interface Approval {
  readonly legs: readonly ApprovedLeg[];
  readonly expiresAt: number;
}

export interface StructureApprovals {
  approve(id: StructureId, legs: readonly OrderProposal[], ts: number): void;
  /** True when `p` is a leg of an approved structure and stays within its approved quantity. */
  covers(p: OrderProposal, book: RiskBook): boolean;
}

export function createStructureApprovals(): StructureApprovals {
  const approvals = new Map<StructureId, Approval>();
  const prune = (ts: number): void => {
    for (const [id, a] of approvals) if (a.expiresAt <= ts) approvals.delete(id);
  };
  return {
    approve(id, legs, ts) {
      prune(ts);
      const merged = new Map<string, ApprovedLeg>();
      for (const l of legs) {
        if (l.reduceOnly) continue;
        const key = `${l.instrument.id}|${l.side}`;
        const cur = merged.get(key);
        merged.set(key, { instrumentId: l.instrument.id, side: l.side, quantity: (cur?.quantity ?? 0) + l.quantity });
      }
      approvals.set(id, { legs: [...merged.values()], expiresAt: ts + APPROVAL_MS });
    },
    covers(p, book) {
      prune(p.ts);
      if (p.structureId === undefined || p.reduceOnly) return false;
      const approval = approvals.get(p.structureId);
      const leg = approval?.legs.find((l) => l.instrumentId === p.instrument.id && l.side === p.side);
      if (!leg) return false;
      const dir = p.side === 'BUY' ? 1 : -1;
      let exposure = 0;
      for (const pos of book.positions) {
        if (pos.instrument.id !== p.instrument.id || pos.botId !== p.botId) continue;
        if (pos.structureId !== undefined && pos.structureId !== p.structureId) continue;
        exposure += Math.max(0, dir * pos.netQuantity);
      }
      for (const o of book.openOrders) {
        if (o.structureId !== p.structureId || o.instrument.id !== p.instrument.id || o.side !== p.side || o.reduceOnly) continue;
        if (p.clientOrderId !== undefined && o.clientOrderId === p.clientOrderId) continue;
        exposure += o.remainingQuantity;
      }
      return exposure + p.quantity <= leg.quantity;
    },
  };
}
