import { istDateKey } from '#core/time-ist';
import type { Bar } from '#model/bar';
import type { ChainCache } from '#options/chain-cache';
import { isUnderlying, type Underlying } from '#options/contract-specs';
import { parseInstrumentId } from '#model/ids';
import type { IvHistoryRepository } from '#store/iv-history-repository';

const DAY_MS = 86_400_000;
/** The longest IV percentile window a bot may ask for (two years of sessions). */
const KEPT = 504;

/**
 * Each underlying's ATM implied volatility at every session close, from the shared chains (the expiry
 * nearest but more than a day out: an expiring chain's IV says little about the next day), kept in the
 * store. Bots read it as `ctx.ivHistory`; until it holds enough days India VIX stands in (and says so).
 */
export class IvRecorder {
  private readonly repo: IvHistoryRepository;
  private readonly chains: ChainCache;
  private readonly cache = new Map<Underlying, number[]>();
  private readonly beforeRead: ((underlying: Underlying, now: number) => void) | undefined;

  /** `beforeRead`: has the nearest chains priced now where nothing prices them every second (a backtest). */
  constructor(repo: IvHistoryRepository, chains: ChainCache, beforeRead?: (underlying: Underlying, now: number) => void) {
    this.repo = repo;
    this.chains = chains;
    this.beforeRead = beforeRead;
  }

  /** A closed daily bar of an index, at `now` (its close): records that underlying's ATM IV. */
  onBar(bar: Bar, now: number): void {
    if (bar.timeframe !== '1d' || !bar.closed) return;
    const { symbol } = parseInstrumentId(bar.instrumentId);
    if (!isUnderlying(symbol)) return;
    const iv = this.atmIv(symbol, now, istDateKey(bar.tsStart));
    if (iv === undefined) return;
    this.repo.record(symbol, istDateKey(bar.tsStart), iv);
    this.cache.delete(symbol);
  }

  history(underlying: Underlying): readonly number[] {
    let h = this.cache.get(underlying);
    if (!h) {
      h = this.repo.history(underlying, KEPT);
      this.cache.set(underlying, h);
    }
    return h;
  }

  /**
   * The ATM IV of the chain as quoted on `day`. A chain from another day says nothing of that day's close:
   * past sessions' daily bars closing while chart history loads (paper and live) meet today's chain.
   */
  private atmIv(underlying: Underlying, now: number, day: string): number | undefined {
    this.beforeRead?.(underlying, now);
    const expiries = this.chains.expiries(underlying);
    const chosen = expiries.find((e) => this.chains.book(underlying, e)!.spec.expiryTs - now > DAY_MS) ?? expiries[0];
    if (!chosen) return undefined;
    const chain = this.chains.book(underlying, chosen)!.snapshot(now);
    if (!chain || istDateKey(chain.ts) !== day) return undefined;
    const row = chain?.rows.find((r) => r.strike === chain.atmStrike);
    const ivs = [row?.ce?.iv, row?.pe?.iv].filter((v): v is number => v !== undefined && Number.isFinite(v) && v > 0);
    return ivs.length > 0 ? ivs.reduce((a, b) => a + b, 0) / ivs.length : undefined;
  }
}
