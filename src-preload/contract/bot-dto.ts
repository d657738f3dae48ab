import { z } from 'zod';
import { botIdSchema } from './dto.ts';
import { executionSchema, regimeSchema } from './bot-stats-dto.ts';

/**
 * Wire shapes of the bot manager beyond a bot's row: its signals (every evaluation that reached a
 * decision, with its inputs, each source's score and the reason) and its parameters for the editor.
 */
const direction = z.enum(['long', 'short', 'neutral']);

export const signalDto = z.object({
  id: z.string(),
  botId: z.string(),
  instrumentId: z.string(),
  tsEvent: z.number().int(),
  kind: z.enum(['entry', 'exit', 'adjustment']),
  rule: z.string(),
  direction,
  strength: z.number(),
  /** Each available source's score and `combined`; a value the engine could not compute is null. */
  scores: z.record(z.string(), z.number().nullable()),
  inputs: z.record(z.string(), z.union([z.number(), z.string(), z.boolean(), z.null()])),
  sources: z.array(
    z.object({
      source: z.enum(['ml', 'technical', 'priceAction', 'confirmation']),
      status: z.enum(['ok', 'not-available', 'not-applicable']),
      direction,
      score: z.number(),
      weight: z.number(),
      effectiveWeight: z.number(),
      detail: z.string(),
    }),
  ),
  combined: z.object({ direction, score: z.number(), consensus: z.number(), availableWeight: z.number() }).optional(),
  regime: z.object({ regime: regimeSchema, confidence: z.number(), source: z.string() }).optional(),
  /** `refused`: the bot chose to act but its intents were refused before reaching the broker (risk, kill switch, trading state). */
  decision: z.object({ kind: z.enum(['taken', 'filtered', 'refused']), reason: z.string() }),
  /** Rules that could not be applied as written and what was done instead. */
  notes: z.array(z.string()),
  intentIds: z.array(z.string()),
});
export type SignalDto = z.infer<typeof signalDto>;

export const signalsParams = z.object({ botId: botIdSchema.optional(), limit: z.number().int().min(1).max(1000).optional() }).strict();

/** A parameter's value: numbers, booleans, choices, times, sets of choices, dated entries. */
export const paramValueSchema = z.union([z.number(), z.string(), z.boolean(), z.array(z.string()), z.array(z.object({ date: z.string(), name: z.string() }))]);

export const paramFieldDto = z.object({
  key: z.string(),
  kind: z.enum(['number', 'boolean', 'choice', 'set', 'time', 'dates']),
  label: z.string(),
  description: z.string().optional(),
  default: paramValueSchema,
  min: z.union([z.number(), z.string()]).optional(),
  max: z.union([z.number(), z.string()]).optional(),
  step: z.number().optional(),
  integer: z.boolean().optional(),
  unit: z.string().optional(),
  options: z.array(z.string()).optional(),
  minItems: z.number().int().optional(),
  stepMinutes: z.number().int().optional(),
});
export type ParamFieldDto = z.infer<typeof paramFieldDto>;

export const botParamsDto = z.object({
  botId: z.string(),
  kind: z.string(),
  fields: z.array(paramFieldDto),
  values: z.record(z.string(), paramValueSchema),
  /** Parameters waiting for the next evaluation with nothing in flight. */
  pending: z.record(z.string(), paramValueSchema).optional(),
  allocation: z.number(),
  /** The most risk allows this bot (`risk.bots.<id>.capital` in config.json). */
  maxAllocation: z.number(),
  execution: executionSchema,
  regimes: z.array(regimeSchema),
  /** The bot's sizing policy (`policy`: fixed-lots, fixed-fractional, volatility-scaled, premium, margin, kelly), when set. */
  sizing: z.record(z.string(), z.unknown()).optional(),
});
export type BotParamsDto = z.infer<typeof botParamsDto>;

/** A change to a bot's settings; `params` are merged over the current ones and checked by the bot's own schema. */
export const botParamsInput = z
  .object({
    botId: botIdSchema,
    params: z.record(z.string(), paramValueSchema).optional(),
    allocation: z.number().positive().optional(),
    execution: executionSchema.optional(),
    regimes: z.array(regimeSchema).max(3).optional(),
    /** A sizing policy (checked in main against its schema), or null to remove it. */
    sizing: z.record(z.string(), z.unknown()).nullable().optional(),
  })
  .strict();
