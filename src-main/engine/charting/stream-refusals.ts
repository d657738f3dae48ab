import type { Clock } from '#core/clock';
import type { Logger } from '#core/log';
import { createAggregatedReporter, warnAggregated } from '#openalgo/aggregated-reporter';
import { MAX_CAPACITY_REACHED } from '#openalgo/subscription-acks';
import type { WsRefusal } from '#openalgo/ws-client';

/**
 * The chain stream's legs OpenAlgo refused on the current socket, and the stream's leg cap for the session.
 * A refused leg streams nothing: its chain is polled at full cadence, and the leg is asked again only when
 * the window re-centres or the socket reconnects, never on every poll. A refusal for capacity
 * (MAX_CAPACITY_REACHED) also lowers the cap to the legs the broker did take, so the next re-centre asks
 * for no more than that; the cap never grows back before a restart.
 */
export function createStreamRefusals(deps: { readonly clock: Clock; readonly logger: Logger; readonly maxLegs: number }) {
  const { logger } = deps;
  const refused = new Map<string, WsRefusal>();
  let cap = deps.maxLegs;
  const reporter = createAggregatedReporter({
    clock: deps.clock,
    emit: warnAggregated(logger, 'refusal', 'OpenAlgo option chain stream: leg refused, its chain is polled at full cadence', 'OpenAlgo option chain stream: legs refused, their chains are polled at full cadence'),
  });

  let shrunkFrom: number | undefined;
  const logShrink = (): void => {
    logger.warn({ from: shrunkFrom, to: cap }, 'OpenAlgo has no room for more option legs: the chain stream asks for no more than it took, from the next re-centre until restart');
    shrunkFrom = undefined;
  };

  return {
    /** The legs the window may hold now. */
    cap: (): number => cap,
    count: (): number => refused.size,
    has: (key: string): boolean => refused.has(key),

    /** A refusal of a leg subscribed now, out of `subscribed` legs in all. */
    note(key: string, r: WsRefusal, subscribed: number): void {
      refused.set(key, r);
      reporter.report(`${key} ${r.code}${r.message ? `: ${r.message}` : ''}`);
      if (r.code !== MAX_CAPACITY_REACHED) return;
      const accepted = Math.max(0, subscribed - refused.size);
      if (accepted >= cap) return;
      // One ack refuses its legs one after another: one line for all of them, once they are counted.
      if (shrunkFrom === undefined) queueMicrotask(logShrink);
      shrunkFrom ??= cap;
      cap = accepted;
    },

    /** Legs asked again (a re-centre) or no longer in the window: no longer refused. */
    forget(keys: Iterable<string>): void {
      for (const k of keys) refused.delete(k);
    },

    /** A new socket asks for every leg again. */
    clear(): void {
      refused.clear();
    },

    close(): void {
      reporter.close();
    },
  };
}
