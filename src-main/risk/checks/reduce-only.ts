import { pass, refuse, signedQuantity, type LegCheck } from '../check-context.ts';

/**
 * A reduce-only order must really reduce: the open position it closes (the bot's own, or the account's
 * for the trader and the kill switch) has the opposite sign and room left after the exits already
 * working. Otherwise "exits only" would let an entry through by its label.
 */
export const reduceOnlyCheck: LegCheck = (p, ctx) => {
  if (!p.reduceOnly) return pass;
  const id = p.instrument.id;
  const mine = (l: { readonly botId?: string }): boolean => p.botId === undefined || l.botId === p.botId;
  let open = 0;
  for (const pos of ctx.book.positions) if (pos.instrument.id === id && mine(pos)) open += pos.netQuantity;
  let working = 0;
  for (const o of ctx.book.openOrders) {
    if (o.instrument.id !== id || !o.reduceOnly || !mine(o) || o.clientOrderId === p.clientOrderId) continue;
    working += o.side === 'BUY' ? o.remainingQuantity : -o.remainingQuantity;
  }
  const q = signedQuantity(p);
  const room = -(open + working);
  const reduces = open !== 0 && Math.sign(q) === -Math.sign(open) && Math.sign(room) === Math.sign(q) && Math.abs(q) <= Math.abs(room);
  if (reduces) return pass;
  const whose = p.botId === undefined ? 'the account' : `bot ${p.botId}`;
  return refuse({
    check: 'reduce-only',
    reason: `A reduce-only ${p.side} of ${p.quantity} ${p.instrument.symbol} does not reduce ${whose}'s position (open ${open}, exits already working ${working}).`,
    limit: Math.abs(room),
    value: p.quantity,
  });
};
