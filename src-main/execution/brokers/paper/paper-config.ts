import { DEFAULT_BROKERAGE, type BrokerageConfig } from '#options/charges';

/** Slippage added against the trader on every fill: whole ticks, or basis points of the price. */
export type Slippage = { readonly kind: 'ticks'; readonly ticks: number } | { readonly kind: 'bps'; readonly bps: number };

export interface PaperBrokerConfig {
  /** Starting cash in rupees; margin is checked against it. */
  readonly cash: number;
  readonly slippage: Slippage;
  /** Up to this many extra ticks of slippage per fill, drawn from the seeded random source. */
  readonly randomSlippageTicks: number;
  /** Round trip of every request on the injected clock: uniform in [min, max] ms, from the seed. */
  readonly latencyMs: { readonly min: number; readonly max: number };
  /** Limit and trigger prices beyond ±this % of the day's reference price are refused (when the quote has no circuit limits). */
  readonly priceBandPct: number;
  /** SPAN-like margin of a short option: strike × units × rate. */
  readonly shortOptionMarginRate: number;
  /** Margin of a futures position: price × units × rate. */
  readonly futuresMarginRate: number;
  readonly brokerage: BrokerageConfig;
  /** Seeds latency and random slippage: the same seed and the same inputs give the same fills. */
  readonly seed: number;
  /**
   * An order or a modification is refused when the instrument's last quote is older than this (engine-clock
   * ms): against a real feed, a leg nobody quotes any more must not fill at a price from minutes ago.
   * Absent: no limit (the simulator and a backtest requote every leg they can be asked to trade).
   */
  readonly maxQuoteAgeMs?: number;
}

/**
 * `maxQuoteAgeMs` for a paper broker on a real feed's quotes (paper mode, and shadow variants beside live).
 * In session a liquid index option's book changes far more often, and the followed chains requote every leg
 * every few seconds, so a quote this old means its data has stopped (the chain dropped, the feed down), not
 * a quiet book: an exit on a quiet hedge leg must not be refused for want of a tick.
 */
export const PAPER_QUOTE_MAX_AGE_MS = 120_000;

/** The quote-age limit of a paper broker on the engine's quotes: none on simulated ones. */
export const paperQuoteLimit = (simulatedQuotes: boolean): Pick<PaperBrokerConfig, 'maxQuoteAgeMs'> => (simulatedQuotes ? {} : { maxQuoteAgeMs: PAPER_QUOTE_MAX_AGE_MS });

export const DEFAULT_PAPER_CONFIG: PaperBrokerConfig = {
  cash: 1_000_000,
  slippage: { kind: 'ticks', ticks: 0 },
  randomSlippageTicks: 0,
  latencyMs: { min: 0, max: 0 },
  priceBandPct: 20,
  shortOptionMarginRate: 0.12,
  futuresMarginRate: 0.12,
  brokerage: DEFAULT_BROKERAGE,
  seed: 1,
};
