import { pass, refuse, type LegCheck } from '../check-context.ts';

/**
 * At most `maxPerSecond` orders sent in any one-second window, across every bot, the trader and the kill
 * switch (SEBI: above 10 orders per second a retail algo must be registered). Exits are not exempt; the
 * refusal carries `retryAfterMs` so the order manager waits instead of dropping an exit.
 */
export const orderRateCheck: LegCheck = (p, ctx) => {
  const max = ctx.limits.orderRate.maxPerSecond;
  const wait = ctx.rate.waitFor(p.ts, max);
  if (wait <= 0) return pass;
  return refuse({
    check: 'order-rate',
    reason: `${ctx.rate.countAt(p.ts)} orders went out in the last second; the limit is ${max} per second. Retry in ${wait} ms.`,
    limit: max,
    value: ctx.rate.countAt(p.ts),
    retryAfterMs: wait,
  });
};
