import { istDateKey } from '#core/time-ist';
import { isUnderlying } from '#options/contract-specs';
import { pass, refuse, type LegCheck } from '../check-context.ts';

/**
 * The quantity itself: whole lots, at most the exchange's freeze quantity (the order manager slices
 * above it, so a larger proposal is a bug upstream), and at most the configured lots per order
 * (the fat finger on quantity).
 */
export const orderSizeCheck: LegCheck = (p, ctx) => {
  const inst = p.instrument;
  const lot = inst.lotSize;
  if (!Number.isInteger(p.quantity) || p.quantity <= 0 || p.quantity % lot !== 0) {
    return refuse({ check: 'order-size', reason: `Quantity ${p.quantity} of ${inst.symbol} is not a whole number of lots of ${lot}.`, value: p.quantity });
  }
  const maxUnits = ctx.limits.orderSize.maxLotsPerOrder * lot;
  if (p.quantity > maxUnits) {
    return refuse({
      check: 'order-size',
      reason: `${p.quantity / lot} lots of ${inst.symbol} in one order is more than the ${ctx.limits.orderSize.maxLotsPerOrder} allowed.`,
      limit: ctx.limits.orderSize.maxLotsPerOrder,
      value: p.quantity / lot,
    });
  }
  if (inst.kind !== 'equity' && isUnderlying(inst.underlying)) {
    const freeze = ctx.specs.specOn(inst.underlying, istDateKey(p.ts), istDateKey(inst.expiry)).freezeQty;
    if (freeze !== undefined && p.quantity > freeze) {
      return refuse({
        check: 'order-size',
        reason: `${p.quantity} ${inst.symbol} is above the exchange freeze quantity of ${freeze}: it must be sliced.`,
        limit: freeze,
        value: p.quantity,
      });
    }
  }
  return pass;
};
