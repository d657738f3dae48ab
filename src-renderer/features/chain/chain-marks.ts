import type { ChainDto } from '#contract/market-dto';

type MarkInput = Pick<ChainDto, 'rows' | 'forward' | 'spot' | 'expectedMove'>;

type MarkLabel = '−1σ' | '+1σ';

/** Forward ∓ one expected move, each with the strike shown that marks it (none when the level lies beyond them). */
function expectedMoveLevels(chain: MarkInput): { label: MarkLabel; level: number; strike?: number }[] {
  const centre = chain.forward ?? chain.spot;
  if (chain.expectedMove === undefined || centre === undefined || chain.rows.length < 2) return [];
  const strikes = chain.rows.map((r) => r.strike);
  const halfStep = (strikes[1]! - strikes[0]!) / 2;
  const nearest = (level: number): number | undefined => {
    if (level < strikes[0]! - halfStep || level > strikes[strikes.length - 1]! + halfStep) return undefined;
    return strikes.reduce((best, k) => (Math.abs(k - level) < Math.abs(best - level) ? k : best));
  };
  return ([['−1σ', centre - chain.expectedMove], ['+1σ', centre + chain.expectedMove]] as const).map(([label, level]) => {
    const strike = nearest(level);
    return { label, level, ...(strike !== undefined ? { strike } : {}) };
  });
}

/**
 * The strikes nearest to forward ∓ one expected move, labelled for the chain. A level within half a strike
 * step beyond the outermost strike shown still marks it (it is the nearest strike there is); one further
 * out marks nothing.
 */
export function expectedMoveStrikes(chain: MarkInput): Map<number, MarkLabel> {
  const out = new Map<number, MarkLabel>();
  for (const l of expectedMoveLevels(chain)) if (l.strike !== undefined) out.set(l.strike, l.label);
  return out;
}

/**
 * The one-σ levels beyond every strike shown, for a note under the chain: a far monthly's expected move can run
 * past the widest window the bridge gives (BANKNIFTY's January monthly seen from late November in the
 * simulator: ±5,016 against forty strikes of 100 each side).
 */
export function marksBeyondShown(chain: MarkInput): { label: MarkLabel; level: number }[] {
  return expectedMoveLevels(chain)
    .filter((l) => l.strike === undefined)
    .map(({ label, level }) => ({ label, level }));
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
