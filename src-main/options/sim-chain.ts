import type { Random } from '#core/random';
import { roundToTick } from '#model/instrument';
import { black76Pair } from './black.ts';
import type { ChainRow, OptionChain, OptionQuote } from './chain.ts';
import { DAYS_PER_YEAR } from './black.ts';
import { optionSymbol } from './option-symbol.ts';
import type { ChainVols } from './imported-smile.ts';
import { atmVol, surfaceSmile, type SurfaceParams } from './surface.ts';

/**
 * A simulated option chain priced off an IV surface. Quotes: mid = model price; the half-spread is a
 * base fraction of price (at least one tick) widened with |z| away from the money, as real NIFTY
 * wings are, so cheap far wings fail a 2 % spread rule as they do in the market. OI is bell-shaped
 * around ATM with seeded noise and sits mostly in out-of-the-money strikes (ITM legs keep 30 % far from
 * the money); volume is twice OI. Each quote carries its OpenAlgo symbol, as a live chain does.
 *
 * The OI bell's width is the move expected over at least a week (`OI_HORIZON_YEARS`), not over the time
 * left: open interest is built over a contract's life and stays on the book until expiry, so on expiry
 * morning a NIFTY weekly still holds large OI a few hundred points out, where a width of σ√T (hours)
 * would leave none two strikes away.
 */
const OI_HORIZON_YEARS = 7 / DAYS_PER_YEAR.calendar;

export interface SimChainInput {
  readonly underlying: string;
  readonly exchange: string;
  readonly expiry: string;
  readonly expiryTs: number;
  readonly now: number;
  readonly spot: number;
  readonly r: number;
  /** Dividend yield for the forward F = S·e^{(r−q)T}. */
  readonly q: number;
  /** Calendar years to expiry. */
  readonly T: number;
  readonly strikeStep: number;
  /** Strikes each side of ATM. */
  readonly strikesEachSide: number;
  /**
   * Only these steps from the money (−2 is two strikes below ATM), in place of the whole window: the legs
   * a reader marks, each priced as the window would price it.
   */
  readonly steps?: readonly number[];
  readonly lotSize: number;
  readonly tickSize?: number;
  readonly surface: SurfaceParams;
  /** Vols by strike in place of the surface's (imported option closes), the surface's where it has none. */
  readonly vols?: ChainVols;
  /** Half-spread as a fraction of price at the money (default 0.25 %). */
  readonly baseSpread?: number;
  /** Spread widening per unit |z| (default 0.6). */
  readonly spreadWing?: number;
  readonly random?: Random;
}

/** One chain's pricing: its forward, ATM strike and tick, and any row by steps from the money, priced as `simulateChain` prices it. */
export interface SimChainPricer {
  readonly F: number;
  readonly atm: number;
  readonly tick: number;
  /** The row `n` strikes from the money (−2 is two below), undefined where its strike is not positive. */
  row(n: number): ChainRow | undefined;
}

export function simChainPricer(i: SimChainInput): SimChainPricer {
  const tick = i.tickSize ?? 0.05;
  const F = i.spot * Math.exp((i.r - i.q) * i.T);
  const atm = Math.round(F / i.strikeStep) * i.strikeStep;
  const sigmaAtm = i.vols?.atm ?? atmVol(i.surface, i.T);
  let smile: ((F: number, K: number) => number) | undefined;
  const row = (n: number): ChainRow | undefined => {
    const K = atm + n * i.strikeStep;
    if (K <= 0) return undefined;
    const sigma = i.vols?.vol(K) ?? (smile ??= surfaceSmile(i.surface, i.T))(F, K);
    const z = Math.log(K / F) / (sigmaAtm * Math.sqrt(i.T));
    const zOi = Math.log(K / F) / (sigmaAtm * Math.sqrt(Math.max(i.T, OI_HORIZON_YEARS)));
    const greeks = black76Pair(F, K, i.T, i.r, sigma);
    const quote = (right: 'CE' | 'PE'): OptionQuote => {
      const g = greeks[right];
      const half = Math.max(tick, g.price * (i.baseSpread ?? 0.0025) * (1 + (i.spreadWing ?? 0.6) * Math.abs(z)));
      const mid = Math.max(g.price, tick);
      const bid = Math.max(roundToTick(mid - half, tick), 0);
      const ask = Math.max(roundToTick(mid + half, tick), bid + tick);
      const noise = i.random ? 0.7 + 0.6 * i.random.next() : 1;
      const otm = right === 'CE' ? K >= F : K <= F;
      const moneyness = otm ? 1 : 0.3 + 0.7 * Math.exp(-2 * zOi * zOi);
      const oi = Math.round((2_000_000 * Math.exp(-0.5 * zOi * zOi) * moneyness * noise) / i.lotSize) * i.lotSize;
      return {
        symbol: optionSymbol(i.underlying, i.expiry, K, right),
        ltp: roundToTick(mid, tick),
        bid,
        ask,
        bidQty: i.lotSize * 10,
        askQty: i.lotSize * 10,
        volume: oi * 2,
        oi,
        iv: sigma,
        delta: g.delta,
        gamma: g.gamma,
        theta: g.theta / DAYS_PER_YEAR.calendar,
        vega: g.vega * 0.01,
      };
    };
    return { strike: K, ce: quote('CE'), pe: quote('PE') };
  };
  return { F, atm, tick, row };
}

export function simulateChain(i: SimChainInput): OptionChain {
  const { F, atm, tick, row } = simChainPricer(i);
  const rows: ChainRow[] = [];
  const add = (n: number): void => {
    const r = row(n);
    if (r) rows.push(r);
  };
  if (i.steps) for (const n of i.steps) add(n);
  else for (let n = -i.strikesEachSide; n <= i.strikesEachSide; n++) add(n);
  return {
    underlying: i.underlying,
    exchange: i.exchange,
    expiry: i.expiry,
    expiryTs: i.expiryTs,
    ts: i.now,
    spot: i.spot,
    forward: F,
    atmStrike: atm,
    lotSize: i.lotSize,
    tickSize: tick,
    rows,
  };
}
