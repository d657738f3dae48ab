import type { ChainDto } from '#contract/market-dto';

/** The strikes nearest to forward ∓ one expected move, labelled for the chain; none outside the rows shown. */
export function expectedMoveStrikes(chain: Pick<ChainDto, 'rows' | 'forward' | 'spot' | 'expectedMove'>): Map<number, '−1σ' | '+1σ'> {
  const out = new Map<number, '−1σ' | '+1σ'>();
  const centre = chain.forward ?? chain.spot;
  if (chain.expectedMove === undefined || centre === undefined || chain.rows.length < 2) return out;
  const strikes = chain.rows.map((r) => r.strike);
  const nearest = (level: number): number | undefined => {
    if (level < strikes[0]! || level > strikes[strikes.length - 1]!) return undefined;
    return strikes.reduce((best, k) => (Math.abs(k - level) < Math.abs(best - level) ? k : best));
  };
  const low = nearest(centre - chain.expectedMove);
  const high = nearest(centre + chain.expectedMove);
  if (low !== undefined) out.set(low, '−1σ');
  if (high !== undefined) out.set(high, '+1σ');
  return out;
}
