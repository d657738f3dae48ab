import { z } from 'zod';
import type { Result } from '#core/result';
import { describeParams, type ParamsSchema } from '#bots/contract/params';
import { BOT_DEFINITIONS } from '#engine/bots/definitions';
import { objectiveSpecSchema, type ObjectiveSpec } from './objective-spec.ts';
import { searchSpaceOf, type RangeOverride, type SearchSpace, type SpaceError } from './search-space.ts';
import { plantedParams } from './synthetic/planted.ts';

export const SAMPLERS = ['grid', 'random', 'tpe'] as const;
export type SamplerName = (typeof SAMPLERS)[number];

const rangeOverrideSchema = z.strictObject({
  key: z.string().min(1),
  min: z.union([z.number(), z.string()]).optional(),
  max: z.union([z.number(), z.string()]).optional(),
  step: z.number().positive().optional(),
  options: z.array(z.string()).min(1).readonly().optional(),
});

/**
 * A study as stored: restarting a study id with the same spec resumes it; with another spec it is refused,
 * so two different searches never mix their trials under one id.
 */
export const studySpecSchema = z.strictObject({
  objective: objectiveSpecSchema,
  /** The parameters searched and their ranges; absent: every searchable parameter over its full range. */
  space: z.array(rangeOverrideSchema).min(1).optional(),
  sampler: z.enum(SAMPLERS),
  /** Trials for random and TPE; a grid runs every point. */
  trials: z.number().int().min(1).max(1_000_000).default(100),
  seed: z.number().int().min(0).max(2 ** 31 - 1).default(1),
  /** TPE proposes this many trials from one history: more keeps more workers busy, fewer learns faster. */
  batchSize: z.number().int().min(1).max(4096).default(8),
  /** The best this many in-sample trials are also scored out-of-sample (0: none). */
  outOfSampleTop: z.number().int().min(0).max(10_000).default(10),
});
export type StudySpec = z.infer<typeof studySpecSchema>;
export type StudySpecInput = z.input<typeof studySpecSchema>;

/** The parameter schema the space is read from: the bot's own, or the synthetic bot's. */
export function paramsSchemaOf(objective: ObjectiveSpec): ParamsSchema<unknown> {
  return objective.kind === 'synthetic' ? (plantedParams as unknown as ParamsSchema<unknown>) : BOT_DEFINITIONS[objective.bot].params;
}

/** Whether trials can be scored out-of-sample: the synthetic objective has a second fold of its own. */
export const hasOutOfSample = (objective: ObjectiveSpec): boolean => objective.kind === 'synthetic' || objective.outOfSample !== undefined;

/** The search space of a study: the objective's parameter schema, narrowed by the overrides. */
export function searchSpaceFor(objective: ObjectiveSpec, overrides?: readonly RangeOverride[]): Result<SearchSpace, SpaceError> {
  return searchSpaceOf(describeParams(paramsSchemaOf(objective)), overrides);
}
