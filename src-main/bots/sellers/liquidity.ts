import type { OptionChain, OptionQuote } from '#options/chain';
import { spreadPct } from '#options/chain';
import type { Gate } from '../signals/pipeline.ts';

export interface LiquidityRule {
  readonly minOi: number;
  readonly maxSpreadPct: number;
  /** What to do when the broker sends no OI at all (every leg 0): refuse, or trade without the OI rule and say so. */
  readonly oiMissing: 'block' | 'ignore';
}

/** A chain in which no leg carries open interest: the broker does not send it, the market has it. */
export function chainHasNoOi(chain: OptionChain): boolean {
  return chain.rows.every((r) => (r.ce?.oi ?? 0) === 0 && (r.pe?.oi ?? 0) === 0);
}

/**
 * strategies.md: OI > minOi and bid-ask spread < maxSpreadPct % of price, on every leg. Without OI from
 * the broker the OI half cannot be applied as written: `oiMissing` decides, and the gate says which.
 */
export function liquidityGate(chain: OptionChain, legs: readonly { readonly label: string; readonly quote: OptionQuote | undefined }[], rule: LiquidityRule): { gate: Gate; notes: string[] } {
  const noOi = chainHasNoOi(chain);
  const notes: string[] = [];
  if (noOi && rule.oiMissing === 'block') {
    return {
      gate: { name: 'liquidity', passed: false, reason: `the broker sends no open interest, so OI > ${rule.minOi} cannot be checked (oiMissing = block)` },
      notes: ['no OI from the broker: the OI rule blocked the entry; set oiMissing to "ignore" to trade on the spread rule alone'],
    };
  }
  if (noOi) notes.push(`no OI from the broker: OI > ${rule.minOi} not applied, spread < ${rule.maxSpreadPct} % only (oiMissing = ignore)`);
  const failures: string[] = [];
  const parts: string[] = [];
  for (const { label, quote } of legs) {
    if (!quote) {
      failures.push(`${label} has no quote`);
      continue;
    }
    const spread = spreadPct(quote);
    parts.push(`${label} OI ${quote.oi}, spread ${Number.isFinite(spread) ? spread.toFixed(2) : '∞'} %`);
    if (!noOi && !(quote.oi > rule.minOi)) failures.push(`${label} OI ${quote.oi} ≤ ${rule.minOi}`);
    if (!(spread < rule.maxSpreadPct)) failures.push(`${label} spread ${Number.isFinite(spread) ? spread.toFixed(2) : 'one-sided'} % ≥ ${rule.maxSpreadPct} %`);
  }
  const passed = failures.length === 0;
  return { gate: { name: 'liquidity', passed, reason: passed ? `liquid: ${parts.join('; ')}` : `illiquid: ${failures.join('; ')}` }, notes };
}
