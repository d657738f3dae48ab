import { z } from 'zod';
import { BACKTEST_BOTS } from '#backtest/types';

const DAY = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');
const range = z.strictObject({ from: DAY, to: DAY }).refine((r) => r.from <= r.to, { message: '"from" must not be after "to"' });

/** The backtest figures a study may maximise (drawdowns are negated: less is better). */
export const SCORES = ['sharpe', 'sortino', 'calmar', 'cagr', 'netPnl', 'profitFactor', 'expectancy', 'maxDrawdownPct'] as const;
export type ScoreName = (typeof SCORES)[number];

/**
 * What a trial runs, as data: a worker thread or a machine across the network rebuilds the objective from
 * this alone, so it crosses every border as JSON checked by this schema.
 */
export const objectiveSpecSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('synthetic'),
    noise: z.number().min(0).max(10).default(0),
    days: z.number().int().min(2).max(5000).default(250),
    delayMs: z.number().int().min(0).max(600_000).default(0),
  }),
  z.strictObject({
    kind: z.literal('backtest'),
    bot: z.enum(BACKTEST_BOTS),
    /** The rest of the backtest request (underlyings, data, fills, capital, seed, risk): everything but bots and dates. */
    request: z.record(z.string(), z.unknown()),
    inSample: range,
    outOfSample: range.optional(),
    score: z.enum(SCORES).default('sharpe'),
  }),
]);
export type ObjectiveSpec = z.infer<typeof objectiveSpecSchema>;
export type ObjectiveSpecInput = z.input<typeof objectiveSpecSchema>;
