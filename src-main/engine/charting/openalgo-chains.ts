import { err, ok, type Result } from '#core/result';
import type { OpenAlgoClient } from '#openalgo/client';
import { formatExpiryCode } from '#openalgo/symbol-codec';
import type { OptionChain } from '#options/chain';
import type { Underlying } from '#options/contract-specs';
import { chainFromOpenAlgo } from '#options/openalgo-chain';

/** One chain to keep fresh: an underlying's options on one expiry, listed on `exchange` (NFO/BFO). */
export interface ChainTarget {
  readonly underlying: Underlying;
  readonly exchange: 'NFO' | 'BFO';
  /** Expiry trading day, YYYY-MM-DD, as the NSE calendar (and so the bots) name it. */
  readonly expiry: string;
}

/** Why a chain could not be read, with the kind of the source's own error (OpenAlgo's `timeout`, `not-found`, …). */
export interface ChainSourceError {
  readonly kind: string;
  readonly message: string;
}

/** Where option chains come from outside simulation: OpenAlgo's `/optionchain` in paper and live mode. */
export interface ChainSource {
  fetch(target: ChainTarget, strikesEachSide: number, receivedAt: () => number): Promise<Result<OptionChain, ChainSourceError>>;
}

/**
 * OpenAlgo's `/optionchain` (openalgo.md §3.4) behind the `ChainSource` port. Greeks are not asked for:
 * OpenAlgo would solve every leg on each call, and the shared chain book solves IV itself, only for legs
 * whose price moved. The client keeps the API key out of every message it returns.
 */
export function openAlgoChainSource(client: Pick<OpenAlgoClient, 'optionChain'>): ChainSource {
  return {
    async fetch(target, strikesEachSide, receivedAt) {
      const [year, month, day] = target.expiry.split('-').map(Number) as [number, number, number];
      const r = await client.optionChain({
        underlying: target.underlying,
        exchange: target.exchange,
        expiry_date: formatExpiryCode({ year, month, day }),
        strike_count: Math.max(1, Math.min(100, Math.round(strikesEachSide))),
      });
      if (!r.ok) return err({ kind: r.error.kind, message: r.error.message });
      const chain = chainFromOpenAlgo(r.value, target.exchange, receivedAt());
      if (!chain.ok) return err({ kind: 'protocol', message: `OpenAlgo's ${target.underlying} chain: ${chain.error.message}` });
      if (chain.value.expiry !== target.expiry) {
        return err({ kind: 'protocol', message: `asked OpenAlgo for the ${target.underlying} ${target.expiry} chain and got ${chain.value.expiry}` });
      }
      return ok(chain.value);
    },
  };
}
