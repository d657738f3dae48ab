import { err, ok, type Result } from '#core/result';
import type { BrokerOrderId, ClientOrderId } from '#model/ids';
import type { AuditActor } from './audit.ts';
import type { BrokerOrderRow } from './broker.ts';
import type { ExecutionContext } from './execution-context.ts';
import { matchKey, unknownOutcomeCandidates } from './order-book-matcher.ts';

export const NOT_PLACED_REASON = 'not placed: no matching order appeared in the broker order book';

interface Watch {
  readonly deadline: number;
  ambiguous: boolean;
}

/**
 * Settles orders whose placement answer was lost, from the order book only; nothing is ever sent again.
 * On each book read, for every such order:
 * - another order of ours with the same terms is still waiting for its own answer: wait (its row would
 *   look the same);
 * - exactly one unclaimed row matches and no other unresolved order shares its terms: adopt that row's
 *   broker id;
 * - no row matches: wait; on the first read made after `unknownOutcomeWaitMs` the order is rejected as
 *   not placed;
 * - two or more rows match, or two unresolved orders share the terms: block the bot and ask the
 *   trader (a finding); the order stays unknown until the trader answers.
 */
export class UnknownOutcomeResolver {
  private readonly ctx: ExecutionContext;
  private readonly onAdopted: (row: BrokerOrderRow | undefined, brokerOrderId: BrokerOrderId) => void;
  private readonly watched = new Map<ClientOrderId, Watch>();

  constructor(ctx: ExecutionContext, onAdopted: (row: BrokerOrderRow | undefined, brokerOrderId: BrokerOrderId) => void) {
    this.ctx = ctx;
    this.onAdopted = onAdopted;
  }

  watch(id: ClientOrderId): void {
    this.watched.set(id, { deadline: this.ctx.clock.now() + this.ctx.config.unknownOutcomeWaitMs, ambiguous: false });
  }

  get size(): number {
    return this.watched.size;
  }

  resolve(rows: readonly BrokerOrderRow[]): void {
    const { ledger, clock, config } = this.ctx;
    const now = clock.now();
    for (const [id, w] of [...this.watched]) {
      const rec = ledger.get(id);
      if (!rec || rec.order.status !== 'unknown') {
        this.watched.delete(id);
        continue;
      }
      if (w.ambiguous) continue;
      const key = matchKey(rec.order);
      const inFlight = ledger.open().some((r) => r.order.status === 'submitted' && matchKey(r.order) === key);
      if (inFlight) continue;
      const peers = [...this.watched.keys()].filter((p) => p !== id && ledger.get(p)?.order.status === 'unknown' && matchKey(ledger.get(p)!.order) === key);
      const candidates = unknownOutcomeCandidates(rec.order, rec.sentAt ?? rec.order.tsInit, rows, (b) => ledger.isClaimed(b), config.clockSkewMs);
      if (candidates.length === 0) {
        if (now < w.deadline) continue;
        this.watched.delete(id);
        ledger.apply(id, { kind: 'rejected', reason: NOT_PLACED_REASON, ts: now }, { actor: 'reconciliation' });
      } else if (candidates.length === 1 && peers.length === 0) {
        this.adopt(id, candidates[0]!, 'reconciliation');
      } else {
        w.ambiguous = true;
        this.raiseAmbiguity(id, candidates, peers);
      }
    }
  }

  /**
   * The trader's answer to an ambiguity: the broker order that is ours, or `not-placed`. Unblocks the
   * bot once no other blocking finding holds it.
   */
  resolveByTrader(id: ClientOrderId, choice: BrokerOrderId | 'not-placed', rows: readonly BrokerOrderRow[] = []): Result<void, string> {
    const { ledger, findings, clock } = this.ctx;
    const rec = ledger.get(id);
    if (!rec || rec.order.status !== 'unknown') return err(`order ${id} has no unknown outcome to resolve`);
    if (choice !== 'not-placed' && ledger.isClaimed(choice)) return err(`broker order ${choice} already belongs to order ${ledger.byBrokerId(choice)?.order.clientOrderId}`);
    if (choice === 'not-placed') {
      this.watched.delete(id);
      ledger.apply(id, { kind: 'rejected', reason: 'not placed (the trader said so)', ts: clock.now() }, { actor: 'trader' });
    } else {
      this.adopt(id, rows.find((r) => r.brokerOrderId === choice) ?? choice, 'trader');
    }
    for (const f of findings.openFor(id)) if (f.kind === 'ambiguous-outcome') findings.resolve(f.findingId, choice === 'not-placed' ? 'not placed' : `adopted ${choice}`, 'trader');
    return ok(undefined);
  }

  private adopt(id: ClientOrderId, row: BrokerOrderRow | BrokerOrderId, actor: AuditActor): void {
    const brokerOrderId = typeof row === 'string' ? row : row.brokerOrderId;
    this.watched.delete(id);
    const r = this.ctx.ledger.apply(id, { kind: 'accepted', brokerOrderId, ts: this.ctx.clock.now() }, { actor });
    if (r.ok) this.onAdopted(typeof row === 'string' ? undefined : row, brokerOrderId);
  }

  private raiseAmbiguity(id: ClientOrderId, candidates: readonly BrokerOrderRow[], peers: readonly ClientOrderId[]): void {
    const order = this.ctx.ledger.get(id)!.order;
    const terms = `${order.side} ${order.quantity} ${order.instrumentId} ${order.type}${order.limitPrice !== undefined ? ` @ ${order.limitPrice}` : ''} ${order.product}`;
    this.ctx.findings.raise({
      kind: 'ambiguous-outcome',
      severity: 'critical',
      ...(order.botId !== undefined ? { botId: order.botId } : {}),
      subject: id,
      message:
        `The answer to order ${id} (${terms}) was lost and the broker's book cannot tell which order is ours: ` +
        `${candidates.length} matching order(s) ${candidates.map((c) => c.brokerOrderId).join(', ')}` +
        (peers.length > 0 ? ` shared with ${peers.length} other unresolved order(s) of the same terms` : '') +
        `. The bot is blocked: choose the broker order that is ours, or say it was not placed.`,
      details: { candidates: candidates.map((c) => c.brokerOrderId), peers, sentAt: this.ctx.ledger.get(id)?.sentAt },
      blocking: true,
    });
  }
}
