import type { ClientOrderId } from '#model/ids';

export interface ModifyTerms {
  readonly quantity?: number;
  readonly limitPrice?: number;
  readonly triggerPrice?: number;
}

type Pending = { readonly kind: 'modify'; readonly terms: ModifyTerms; readonly deadline: number } | { readonly kind: 'cancel'; readonly deadline: number };

/**
 * Modifies and cancels the broker has not confirmed yet. A cancel is only done when the book shows the
 * order cancelled (fills may still arrive before that); a modify whose answer was lost is done when the
 * book shows the new terms. Past the deadline the request counts as refused and the order is as before.
 */
export class PendingRequests {
  private readonly pending = new Map<ClientOrderId, Pending>();

  awaitModify(id: ClientOrderId, terms: ModifyTerms, deadline: number): void {
    this.pending.set(id, { kind: 'modify', terms, deadline });
  }

  awaitCancel(id: ClientOrderId, deadline: number): void {
    this.pending.set(id, { kind: 'cancel', deadline });
  }

  modifyOf(id: ClientOrderId): ModifyTerms | undefined {
    const p = this.pending.get(id);
    return p?.kind === 'modify' ? p.terms : undefined;
  }

  clear(id: ClientOrderId): void {
    this.pending.delete(id);
  }

  /** Removes and returns the requests whose deadline has passed. */
  takeExpired(now: number): { id: ClientOrderId; kind: 'modify' | 'cancel' }[] {
    const out: { id: ClientOrderId; kind: 'modify' | 'cancel' }[] = [];
    for (const [id, p] of this.pending) {
      if (p.deadline <= now) {
        out.push({ id, kind: p.kind });
        this.pending.delete(id);
      }
    }
    return out;
  }

  get size(): number {
    return this.pending.size;
  }
}
