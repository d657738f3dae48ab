import type { ChainDto } from '#contract/market-dto';

type MarkInput = Pick<ChainDto, 'rows' | 'forward' | 'spot' | 'expectedMove'>;

/**
 * The strikes nearest to forward ∓ one expected move, labelled for the chain. A level within half a strike
 * step beyond the outermost strike shown still marks it (it is the nearest strike there is); one further
 * out marks nothing.
 */
export function expectedMoveStrikes(chain: MarkInput): Map<number, '−1σ' | '+1σ'> {
  const out = new Map<number, '−1σ' | '+1σ'>();
  const centre = chain.forward ?? chain.spot;
  if (chain.expectedMove === undefined || centre === undefined || chain.rows.length < 2) return out;
  const strikes = chain.rows.map((r) => r.strike);
  const halfStep = (strikes[1]! - strikes[0]!) / 2;
  const nearest = (level: number): number | undefined => {
    if (level < strikes[0]! - halfStep || level > strikes[strikes.length - 1]! + halfStep) return undefined;
    return strikes.reduce((best, k) => (Math.abs(k - level) < Math.abs(best - level) ? k : best));
  };
  const low = nearest(centre - chain.expectedMove);
  const high = nearest(centre + chain.expectedMove);
  if (low !== undefined) out.set(low, '−1σ');
  if (high !== undefined) out.set(high, '+1σ');
  return out;
}

/**
 * How many strikes each side of the money the chain should ask for so that both one-σ marks show with a
 * strike to spare beyond them: at least `min`, at most `max` (what the bridge allows). A weekly on a calm
 * day fits in the default window; a monthly, or any expiry when India VIX is high, needs more.
 */
export function strikesToShowMarks(chain: Pick<ChainDto, 'rows' | 'expectedMove'>, min: number, max: number): number {
  if (chain.expectedMove === undefined || chain.rows.length < 2) return min;
  const step = chain.rows[1]!.strike - chain.rows[0]!.strike;
  if (!(step > 0)) return min;
  return Math.min(max, Math.max(min, Math.ceil(chain.expectedMove / step) + 2));
}
