import { z } from 'zod';
import { botIdSchema } from './dto.ts';
import { backtestMetricsSchema, backtestResultOf, backtestTradeSchema, dayKeySchema, equityPointSchema, type BacktestMetrics, type BacktestTrade, type EquityPoint } from './backtest-result.ts';

/**
 * Backtests over the bridge and the REST API: a run is started, reports its progress, and its result is
 * kept in the terminal's database. The result's shape is defined once in backtest-result.ts, which the engine
 * builds its result from; the jobs' own shapes are projected by `src-main/bridge/backtest-router.ts`.
 */

export { dayKeySchema };
export const BACKTEST_UNDERLYING_NAMES = ['NIFTY', 'BANKNIFTY', 'FINNIFTY', 'SENSEX'] as const;
/** A started job (`bt-…`) or a kept run (16 hex digits of its result's hash). */
export const backtestIdSchema = z.string().regex(/^(bt-[0-9a-z-]{1,40}|[0-9a-f]{16})$/, 'must be a backtest id (bt-… or 16 hex digits)');

/** Where the market comes from: the seeded simulator, or the 1-minute bars kept in this terminal's database. */
export const backtestDataInput = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('simulator'),
    seed: z.number().int().min(0).max(2 ** 31 - 1),
    tickMs: z.union([z.literal(1000), z.literal(5000), z.literal(15_000), z.literal(60_000)]).optional(),
  }),
  z.strictObject({ kind: z.literal('history') }),
]);

export const backtestStartInput = z.strictObject({
  /** Each bot at most once; parameters are checked by the bot's own schema, missing ones take defaults. */
  bots: z.array(z.strictObject({ botId: botIdSchema, params: z.record(z.string(), z.unknown()).optional() })).min(1).max(4),
  underlyings: z.array(z.enum(BACKTEST_UNDERLYING_NAMES)).min(1).max(4).optional(),
  from: dayKeySchema,
  to: dayKeySchema,
  data: backtestDataInput.optional(),
  /** The backtest's fill model (`timing`, `slippage`, `spread`, `latencyMs`, `partial`); checked by the engine. */
  fills: z.record(z.string(), z.unknown()).optional(),
  capital: z.number().positive().max(1e12).optional(),
  /** Seeds the paper broker's latency and random slippage. */
  seed: z.number().int().min(0).max(2 ** 31 - 1).optional(),
  warmupSessions: z.number().int().min(0).max(20).optional(),
  label: z.string().trim().max(80).optional(),
});
export type BacktestStartInput = z.input<typeof backtestStartInput>;

export const backtestRef = z.strictObject({ id: backtestIdSchema });

export const backtestStateSchema = z.enum(['running', 'done', 'failed', 'cancelled']);

export const backtestProgressDto = z.object({
  daysDone: z.number().int(),
  daysTotal: z.number().int(),
  /** The trading day being played. */
  day: z.string(),
  /** 0–1. */
  fraction: z.number(),
});

/** The result's parts, one definition shared with the engine (backtest-result.ts). */
export const backtestMetricsDto = backtestMetricsSchema;
export type BacktestMetricsDto = BacktestMetrics;
export const equityPointDto = equityPointSchema;
export type EquityPointDto = EquityPoint;
export const backtestTradeDto = backtestTradeSchema;
export type BacktestTradeDto = BacktestTrade;

/** The engine's result as it is, its request as a plain record (the engine checked it). */
export const backtestResultDto = backtestResultOf(z.record(z.string(), z.unknown()));
export type BacktestResultDto = z.infer<typeof backtestResultDto>;

/** One backtest: running or finished in this run of the terminal, or kept in its database. */
export const backtestDto = z.object({
  id: z.string(),
  /** The job id a finished run was started under (its `id` is then the kept run's). */
  jobId: z.string().optional(),
  state: backtestStateSchema,
  label: z.string(),
  from: z.string(),
  to: z.string(),
  bots: z.array(z.string()),
  /** When it was started (or kept), epoch ms on the wall clock. */
  createdAt: z.number().int(),
  /** Progress while running, the last reported after. */
  progress: backtestProgressDto.nullable(),
  /** The kept run's id once done (the id itself for a run read from the database). */
  runId: z.string().optional(),
  /** Why it failed or stopped. */
  message: z.string().optional(),
  /** Headline figures once done. */
  summary: z.object({ netPnl: z.number(), sharpe: z.number().nullable(), maxDrawdownPct: z.number(), trades: z.number().int() }).optional(),
});
export type BacktestDto = z.infer<typeof backtestDto>;

/** A backtest with its whole result once done (null before). */
export const backtestDetailDto = z.object({ backtest: backtestDto, result: backtestResultDto.nullable() });
export type BacktestDetailDto = z.infer<typeof backtestDetailDto>;

/** A kept run's report as one self-contained HTML page (charts as inline SVG, no script), to save. */
export const backtestReportDto = z.object({ html: z.string(), fileName: z.string() });
export type BacktestReportDto = z.infer<typeof backtestReportDto>;
