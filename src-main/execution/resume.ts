import type { ClientOrderId } from '#model/ids';
import type { ExecutionContext } from './execution-context.ts';
import type { ModifyTerms, PendingRequests } from './pending-requests.ts';
import type { StructureExecutor } from './structures/structure-executor.ts';
import type { UnknownOutcomeResolver } from './unknown-outcome.ts';

export const NOT_SENT_REASON = 'not sent: the engine stopped between writing the order and sending it';

/**
 * After a restart, before any bot runs. An `initialized` order was never sent (the `submitted` row is
 * written before every send), so it is denied. A `submitted` order may or may not have reached the
 * broker, which is exactly an unknown outcome. Unknown outcomes are watched again. Unconfirmed modifies
 * and cancels are settled by the next book read or their deadline. Structures re-plan from their record.
 */
export function resumeAfterRestart(
  ctx: ExecutionContext,
  parts: { resolver: UnknownOutcomeResolver; structures: StructureExecutor; requests: PendingRequests; requestedTerms: ReadonlyMap<ClientOrderId, ModifyTerms> },
): void {
  const { ledger, clock, config } = ctx;
  const { resolver, structures, requests } = parts;
  const deadline = clock.now() + config.requestConfirmWaitMs;
  for (const rec of ledger.open()) {
    const id = rec.order.clientOrderId;
    switch (rec.order.status) {
      case 'initialized':
        ledger.apply(id, { kind: 'denied', reason: NOT_SENT_REASON, ts: clock.now() }, { actor: 'reconciliation' });
        break;
      case 'submitted':
        ledger.apply(id, { kind: 'outcome-unknown', reason: 'the engine stopped while the order was being sent', ts: clock.now() }, { actor: 'reconciliation' });
        resolver.watch(id);
        break;
      case 'unknown':
        resolver.watch(id);
        break;
      case 'pending-update':
        requests.awaitModify(id, parts.requestedTerms.get(id) ?? {}, deadline);
        break;
      case 'pending-cancel':
        requests.awaitCancel(id, deadline);
        break;
      default:
        break;
    }
  }
  structures.tick();
}
