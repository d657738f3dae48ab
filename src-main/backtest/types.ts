import { z } from 'zod';
import type { Logger } from '#core/log';
import type { Result } from '#core/result';
import type { EngineDeps } from '#engine/engine';
import { BACKTEST_UNDERLYING_NAMES } from '#contract/backtest-dto';
import { backtestResultOf } from '#contract/backtest-result';

/**
 * The backtest's public contract: what a caller asks for (`BacktestRequest`), what it gets back
 * (`BacktestResult`) and the shape of `runBacktest`. The optimiser, the job queue, the CLI and the UI all
 * speak these types; a request or a result crossing a thread, a process or the network is checked by these
 * schemas at the border. Keep changes additive.
 */

const DAY = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');

export const BACKTEST_BOTS = ['short-straddle', 'iron-condor', 'volatility-expander', 'momentum-rider'] as const;
/** The underlyings a backtest replays: the contract's list (the UI and the API offer the same). */
export const BACKTEST_UNDERLYINGS = BACKTEST_UNDERLYING_NAMES;

export const backtestBotSchema = z.strictObject({
  /** The bot (its id is its kind: the engine runs one of each). */
  id: z.enum(BACKTEST_BOTS),
  /** Parameters checked by the bot's own schema; missing ones take their defaults. */
  params: z.record(z.string(), z.unknown()).default({}),
});
export type BacktestBot = z.infer<typeof backtestBotSchema>;

/** Where the market comes from: the seeded simulator, or the history cache (bars in a SQLite file). */
export const dataSourceSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('simulator'),
    seed: z.number().int().min(0).max(2 ** 31 - 1),
    /**
     * Spacing of the simulated ticks (a divisor of a minute). The live simulation ticks every second; 5 s
     * (twelve ticks to a 1-minute bar, as its older warm-up sessions) runs a backtest about five times faster.
     */
    tickMs: z.union([z.literal(1000), z.literal(2000), z.literal(3000), z.literal(5000), z.literal(10_000), z.literal(15_000), z.literal(30_000), z.literal(60_000)]).default(5000),
  }),
  z.strictObject({
    kind: z.literal('history'),
    /** The SQLite file holding the bar cache (`terminal.sqlite` of a data folder, or one made by `import:csv`). */
    database: z.string().min(1),
    /** Bars of this timeframe are replayed as four ticks each (open, nearer extreme, farther extreme, close). */
    timeframe: z.enum(['1m', '3m', '5m', '15m', '30m', '60m']).default('1m'),
    /**
     * `imported`: legs are priced from their contracts' intraday bars in the file (the last that ended, while
     * fresh), else from the smile of the previous session's imported bhavcopy where the file holds one, else
     * from the model surface; `model`: every chain from the model surface.
     */
    optionPrices: z.enum(['imported', 'model']).default('imported'),
  }),
]);
export type DataSource = z.infer<typeof dataSourceSchema>;

export const slippageSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('ticks'), ticks: z.number().int().min(0).max(100) }),
  z.strictObject({ kind: z.literal('bps'), bps: z.number().min(0).max(500) }),
]);

/**
 * How orders fill. `next-tick` fills against the quote in force when the order reaches the broker
 * (after `latencyMs`: a bar's close is the next bar's first tick), a remainder against the quotes after it;
 * `next-bar` holds the order until the next 1-minute boundary after it was sent (a minute after a bar's close). `spread` widens quotes
 * that show no touch: half of it on each side of the last price. `partial.maxShareOfLevel` caps what one
 * order takes from one displayed level, the rest keeps working. Freeze-quantity splits are not a
 * setting: the order path slices by the exchange's freeze limit as of the trade date, as it does live.
 */
export const fillModelSchema = z.strictObject({
  timing: z.enum(['next-tick', 'next-bar']).default('next-tick'),
  spread: z
    .discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('quoted') }),
      z.strictObject({ kind: z.literal('ticks'), ticks: z.number().int().min(0).max(100) }),
      z.strictObject({ kind: z.literal('bps'), bps: z.number().min(0).max(500) }),
    ])
    .default({ kind: 'quoted' }),
  slippage: slippageSchema.default({ kind: 'ticks', ticks: 0 }),
  /** Up to this many extra ticks against the order per fill, from the seeded random source. */
  randomSlippageTicks: z.number().int().min(0).max(20).default(0),
  latencyMs: z
    .strictObject({ min: z.number().int().min(0).max(60_000), max: z.number().int().min(0).max(60_000) })
    .refine((l) => l.min <= l.max, { message: 'min must not exceed max' })
    .default({ min: 0, max: 0 }),
  partial: z.strictObject({ maxShareOfLevel: z.number().gt(0).max(1) }).default({ maxShareOfLevel: 1 }),
});
export type FillModel = z.infer<typeof fillModelSchema>;

export const backtestRequestSchema = z
  .strictObject({
    bots: z.array(backtestBotSchema).min(1).refine((b) => new Set(b.map((x) => x.id)).size === b.length, { message: 'each bot at most once' }),
    underlyings: z.array(z.enum(BACKTEST_UNDERLYINGS)).min(1).default(['NIFTY', 'BANKNIFTY']),
    /** First and last IST trading day, inclusive. */
    from: DAY,
    to: DAY,
    data: dataSourceSchema,
    fills: fillModelSchema.default(fillModelSchema.parse({})),
    /** Starting capital of the portfolio in rupees (risk limits scale from it). */
    capital: z.number().positive().max(1e12).default(5_000_000),
    /** Seeds the paper broker's latency and random slippage (and nothing else: the market has its own). */
    seed: z.number().int().min(0).max(2 ** 31 - 1).default(1),
    /**
     * Changes to the risk settings (config.json's "risk" section, same names), applied over the defaults
     * with `capital` as the risk capital; the engine's own schema checks them.
     */
    risk: z.record(z.string(), z.unknown()).default({}),
    /** Simulated sessions played before `from` to warm indicators up (their trades are not counted). */
    warmupSessions: z.number().int().min(0).max(20).default(2),
  })
  .refine((r) => r.from <= r.to, { message: '"from" must not be after "to"', path: ['to'] });
export type BacktestRequest = z.infer<typeof backtestRequestSchema>;
/** A request as a caller writes it: defaults may be left out. */
export type BacktestRequestInput = z.input<typeof backtestRequestSchema>;

// The result's parts are the contract's (one definition for the engine, the wire and the UI); the contract
// is a leaf of zod schemas alone, so reading it here points down like any other import of the engine's.
export { backtestMetricsSchema as metricsSchema, backtestTradeSchema as tradeSchema, botResultSchema, equityPointSchema } from '#contract/backtest-result';
export type { BacktestMetrics as Metrics, BacktestTrade as Trade, BotResult, EquityPoint, OpenAtEnd, OptionPricingDay } from '#contract/backtest-result';

export const backtestResultSchema = backtestResultOf(z.custom<BacktestRequest>((v) => backtestRequestSchema.safeParse(v).success));
export type BacktestResult = z.infer<typeof backtestResultSchema>;

export interface BacktestProgress {
  readonly daysDone: number;
  readonly daysTotal: number;
  /** The trading day being played. */
  readonly day: string;
  /** 0–1. */
  readonly fraction: number;
}

export type BacktestError =
  | { readonly kind: 'invalid-request'; readonly message: string }
  /** The data source has nothing for some day or underlying in the range. */
  | { readonly kind: 'no-data'; readonly message: string }
  | { readonly kind: 'aborted'; readonly message: string }
  /** The engine refused to start a bot or failed while running. */
  | { readonly kind: 'engine'; readonly message: string };

export interface BacktestDeps {
  /** A folder for the run's own scratch database (removed afterwards); default the OS temp folder. */
  readonly workDir?: string;
  readonly logger?: Logger;
  /** Strategies replacing this build's for some bots: a variant under test (the look-ahead test's peeking bot). */
  readonly botDefinitions?: EngineDeps['botDefinitions'];
  /** The ML models the bots read (the ML source, the regime classifier); without them the rule-based stand-ins. */
  readonly models?: EngineDeps['models'];
}

export type RunBacktest = (
  request: BacktestRequestInput,
  deps?: BacktestDeps,
  onProgress?: (p: BacktestProgress) => void,
  signal?: AbortSignal,
) => Promise<Result<BacktestResult, BacktestError>>;
