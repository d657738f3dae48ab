import { z } from 'zod';

/**
 * A backtest's result, defined once: the engine builds and stores it (`src-main/backtest/types.ts` takes
 * these schemas), the bridge and the REST API carry it as it is, the UI reads it. The contract is a leaf,
 * so the one definition lives here, below both.
 */

export const dayKeySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD');

export const backtestMetricsSchema = z.strictObject({
  startEquity: z.number(),
  endEquity: z.number(),
  netPnl: z.number(),
  /** P&L before charges. */
  grossPnl: z.number(),
  charges: z.number(),
  /** Compound annual growth over the calendar span of the run (365-day year); null for a span under one day. */
  cagr: z.number().nullable(),
  /** Annualised with √252 over daily returns; null with fewer than two days or no variance. */
  sharpe: z.number().nullable(),
  sortino: z.number().nullable(),
  calmar: z.number().nullable(),
  /** Largest fall from a peak of equity, rupees and fraction of that peak. */
  maxDrawdown: z.number(),
  maxDrawdownPct: z.number(),
  /** Longest time below a previous peak, in trading days. */
  maxDrawdownDays: z.number().int(),
  trades: z.number().int(),
  winRate: z.number().nullable(),
  profitFactor: z.number().nullable(),
  /** Mean net P&L per trade. */
  expectancy: z.number().nullable(),
  /** Share of the run's bars with a position open. */
  exposure: z.number(),
  /** Charges as a share of the P&L the closed trades moved before charges: charges ÷ Σ |gross P&L of each trade|. */
  chargesShareOfGross: z.number().nullable(),
});
export type BacktestMetrics = z.infer<typeof backtestMetricsSchema>;

export const backtestTradeSchema = z.strictObject({
  botId: z.string(),
  instrumentId: z.string(),
  /** Long or short round trip. */
  direction: z.enum(['long', 'short']),
  quantity: z.number().int().positive(),
  entryTs: z.number().int(),
  exitTs: z.number().int(),
  entryPrice: z.number(),
  exitPrice: z.number(),
  grossPnl: z.number(),
  charges: z.number(),
  netPnl: z.number(),
  /** The signal (rule) that opened the position and why it was taken; and what closed it. */
  signal: z.string(),
  reason: z.string(),
  exitReason: z.string(),
});
export type BacktestTrade = z.infer<typeof backtestTradeSchema>;

/** A position still held when the run ended: in the equity curve at its mark, in no trade and no trade figure. */
export const openAtEndSchema = backtestTradeSchema.pick({ botId: true, instrumentId: true, direction: true, quantity: true, entryTs: true, entryPrice: true, signal: true, reason: true }).extend({
  /** The last session close's mark, the one the equity curve values it at. */
  mark: z.number(),
  /** Closing it at the mark: P&L less the charges paid so far (the exit's own are not counted). */
  netPnl: z.number(),
});
export type OpenAtEnd = z.infer<typeof openAtEndSchema>;

export const equityPointSchema = z.strictObject({
  /** End of a trading day (IST), as epoch ms. */
  ts: z.number().int(),
  day: dayKeySchema,
  equity: z.number(),
  drawdown: z.number(),
});
export type EquityPoint = z.infer<typeof equityPointSchema>;

export const botResultSchema = z.strictObject({
  botId: z.string(),
  params: z.record(z.string(), z.unknown()),
  metrics: backtestMetricsSchema,
  equity: z.array(equityPointSchema),
  /**
   * The bot went to error during the run (a hook threw or broke the bot contract): when, and the engine's
   * message. It evaluated nothing after that, so its figures stop there. Absent when it ran to the end.
   */
  fault: z.strictObject({ ts: z.number().int(), day: dayKeySchema, message: z.string() }).optional(),
});
export type BotResult = z.infer<typeof botResultSchema>;

const IST_MS = 5.5 * 3_600_000;

/** A faulted bot's line for the CLI, the report and the screen; undefined for a bot that ran to the end. */
export function faultText(b: BotResult): string | undefined {
  if (!b.fault) return undefined;
  const at = new Date(b.fault.ts + IST_MS).toISOString().slice(11, 16);
  return `${b.botId} went to error on ${b.fault.day} at ${at} IST and evaluated nothing after: ${b.fault.message}`;
}

/**
 * What priced the options on one trading day: `imported` chains came from the smile of the previous
 * session's imported bhavcopy, `modelled` ones from the model surface (with why); the day's `source` is
 * `imported` (all chains), `model` (none), `mixed`, or `none` when no chain was priced that day. Where the
 * history cache holds intraday bars of a chain's contracts, `intraday` says how many of its reprices that
 * day took legs from their live closes; the others, and the legs without one, were priced as above.
 */
export const optionPricingDaySchema = z.strictObject({
  day: dayKeySchema,
  source: z.enum(['imported', 'model', 'mixed', 'none']),
  imported: z.array(z.string()),
  modelled: z.array(z.strictObject({ chain: z.string(), reason: z.string() })),
  /** Absent in results kept before intraday option bars were read. */
  intraday: z
    .array(
      z.strictObject({
        chain: z.string(),
        /** Contracts with intraday bars that session, and the bar lengths read (finest per contract). */
        contracts: z.number().int(),
        timeframes: z.array(z.string()),
        /** Times the chain was priced that day, and how many of them priced legs from live closes. */
        reprices: z.number().int(),
        live: z.number().int(),
        /** Why the other reprices had no live close to price from, with how many each, most first. */
        fallbacks: z.array(z.strictObject({ reason: z.string(), reprices: z.number().int() })),
        /**
         * Of the live reprices (present when there was one), how many priced the chain on the market's forward
         * (the index × the basis: the live closes' forward F ÷ the index's close S at their instant), the lowest
         * and highest basis, and why the others were priced on the index × e^{rT}. Absent in results kept
         * before it was recorded.
         */
        carry: z
          .strictObject({
            reprices: z.number().int(),
            basis: z.strictObject({ min: z.number(), max: z.number() }).optional(),
            fallbacks: z.array(z.strictObject({ reason: z.string(), reprices: z.number().int() })),
          })
          .optional(),
      }),
    )
    .optional(),
});
export type OptionPricingDay = z.infer<typeof optionPricingDaySchema>;

/** A chain's day of live reprices on the market's forward in words, and why the others were not (empty for a result kept before it was recorded). */
export function carryText(carry: NonNullable<OptionPricingDay['intraday']>[number]['carry']): string {
  if (!carry) return '';
  const b = carry.basis;
  const basis = b ? ` (basis F/S ${b.min === b.max ? b.min.toFixed(5) : `${b.min.toFixed(5)} to ${b.max.toFixed(5)}`})` : '';
  return `${carry.reprices} on the market's forward${basis}${carry.fallbacks.map((f) => `; ${f.reprices} on the index × e^rT: ${f.reason}`).join('')}`;
}

/** What priced a run's options, sessions counted by source (the CLI's line and the backtest screen); undefined for a result kept before sources were recorded. */
export function optionPricingSummary(days: readonly OptionPricingDay[] | undefined): string | undefined {
  if (!days) return undefined;
  const count = (source: OptionPricingDay['source']): number => days.filter((d) => d.source === source).length;
  const parts = [`${count('imported')} from imported bhavcopies`, `${count('mixed')} mixed`, `${count('model')} from the model surface`];
  if (count('none') > 0) parts.push(`${count('none')} with no chain priced`);
  const live = days.filter((d) => d.intraday?.some((c) => c.live > 0)).length;
  if (live > 0) parts.push(`${live} with legs from intraday option bars`);
  return `options priced, by session: ${parts.join(', ')}`;
}

/**
 * The whole result around the request it ran: the engine checks the request with its own schema (defaults
 * filled in), the wire carries it as a plain record.
 */
export function backtestResultOf<R extends z.ZodType>(request: R) {
  return z.strictObject({
    /** The request as run, with every default filled in. */
    request,
    /** Trading days played, in order (holidays and weekends skipped). */
    days: z.array(dayKeySchema),
    /** Underlying 1-minute bars the engine saw inside the range (warm-up not counted). */
    bars: z.number().int(),
    portfolio: z.strictObject({ metrics: backtestMetricsSchema, equity: z.array(equityPointSchema) }),
    bots: z.array(botResultSchema),
    trades: z.array(backtestTradeSchema),
    /** Positions held when the run ended (absent in results kept before they were recorded). */
    openAtEnd: z.array(openAtEndSchema).optional(),
    /** Per trading day, what priced the options (absent in results kept before it was recorded). */
    optionPricing: z.array(optionPricingDaySchema).optional(),
  });
}
