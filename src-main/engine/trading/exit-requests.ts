import type { IdGenerator } from '#core/ids';
import { intentId, structureId as toStructureId, type BotId } from '#model/ids';
import type { Intent } from '#model/intent';
import type { ExitRequest, ExitRule } from '#risk/exit-rules';
import type { OrderManager } from '#execution/order-manager';
import type { HeldLeg } from './risk-portfolio.ts';

/**
 * Turns the live monitor's exit request (a stop, target or trailing stop that fired) into intents for the
 * order manager. A structure rule exits its structure through the structure's own hedge-last path; a
 * position rule closes each owner's share at market, shorts first as risk ordered them. The monitor asks
 * again every few seconds until the scope is flat; what is already working is left out of its request.
 */
export function exitIntents(
  request: ExitRequest,
  scope: ExitRule['scope'] | undefined,
  deps: { readonly manager: OrderManager; readonly loose: () => readonly HeldLeg[]; readonly ids: IdGenerator },
): Intent[] {
  const reason = `${request.reason} (rule ${request.ruleId}) at P&L ₹${request.pnl.toFixed(2)}`;
  if (scope?.kind === 'structure') {
    const s = deps.manager.structure(toStructureId(scope.structureId));
    if (!s || (s.status !== 'open' && s.status !== 'entering')) return [];
    return [{ kind: 'exit-structure', intentId: intentId(deps.ids.next()), botId: s.botId, structureId: s.structureId, reason }];
  }
  const intents: Intent[] = [];
  const legs = deps.loose();
  for (const action of request.closes) {
    let remaining = action.quantity;
    for (const owner of action.owners) {
      if (owner.botId === undefined || remaining <= 0) continue;
      const closes = (action.side === 'BUY' && owner.quantity < 0) || (action.side === 'SELL' && owner.quantity > 0);
      const leg = legs.find((l) => l.botId === owner.botId && l.instrument.id === action.instrument.id && Math.sign(l.netQuantity) === Math.sign(owner.quantity));
      if (!closes || !leg) continue;
      const quantity = Math.min(Math.abs(owner.quantity), Math.abs(leg.netQuantity), remaining);
      remaining -= quantity;
      intents.push({
        kind: 'place',
        intentId: intentId(deps.ids.next()),
        botId: owner.botId as BotId,
        instrumentId: action.instrument.id,
        side: action.side,
        quantity,
        type: 'MARKET',
        product: leg.product,
        reason,
      });
    }
  }
  return intents;
}
