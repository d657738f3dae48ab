import { z } from 'zod';
import { instrumentIdSchema } from './dto.ts';

/** The model kinds of the ML layer (src-main/ml/models/catalog.ts), restated for the renderer. */
export const modelKindSchema = z.enum(['rsi-lstm', 'pattern-cnn', 'break-validator', 'regime']);
export type ModelKindDto = z.infer<typeof modelKindSchema>;
export const modelIdSchema = z.string().regex(/^(rsi-lstm|pattern-cnn|break-validator|regime)@[1-9]\d{0,8}$/, 'must be <kind>@<version>, e.g. regime@2');

const window = z.object({ from: z.number().int(), to: z.number().int(), samples: z.number().int() });
const calibrationBin = z.object({ from: z.number(), to: z.number(), n: z.number().int(), predicted: z.number(), observed: z.number() });

/** One registered model version: its data, out-of-sample figures, calibration, file hash and whether it is in force. */
export const modelDto = z.object({
  modelId: modelIdSchema,
  kind: modelKindSchema,
  version: z.number().int(),
  origin: z.enum(['shipped', 'trained', 'imported']),
  /** The version the engine runs for its kind. */
  active: z.boolean(),
  createdAt: z.number().int(),
  sha256: z.string(),
  /** The history it was trained and tested on (absent for a model brought in without that record). */
  data: z
    .object({ source: z.string(), instruments: z.array(z.string()), from: z.number().int(), to: z.number().int(), bars: z.number().int(), train: window, test: window, embargoBars: z.number().int() })
    .nullable(),
  /** Out-of-sample figures beside the naive baselines, one line. */
  summary: z.string(),
  metrics: z.record(z.string(), z.unknown()),
  /** Reliability table per probability output: predicted against observed, per bin of the test window. */
  calibration: z.record(z.string(), z.array(calibrationBin)),
  /** Largest difference between the trainer and the ONNX graph on the test window. */
  parity: z.number().nullable(),
});
export type ModelDto = z.infer<typeof modelDto>;

/** A kind's slot in the engine: the model it runs, or why it runs none. */
export const modelSlotDto = z.object({
  kind: modelKindSchema,
  title: z.string(),
  state: z.enum(['available', 'not-available']),
  modelId: z.string().optional(),
  reason: z.string().optional(),
});

export const retrainJobDto = z.object({
  id: z.string(),
  state: z.enum(['reading', 'training', 'done', 'cancelled', 'failed']),
  startedAt: z.number().int(),
  endedAt: z.number().int().optional(),
  instruments: z.array(z.string()),
  /** What the history held, a line per instrument. */
  data: z.array(z.string()),
  progress: z.object({ kind: modelKindSchema, index: z.number().int(), of: z.number().int(), epoch: z.number().int(), epochs: z.number().int(), fraction: z.number(), loss: z.number() }).nullable(),
  results: z.array(z.object({ kind: modelKindSchema, ok: z.boolean(), modelId: z.string().optional(), promoted: z.boolean().optional(), message: z.string().optional() })),
  message: z.string().optional(),
});
export type RetrainJobDto = z.infer<typeof retrainJobDto>;

/** The `models` stream and `models:list`: every kind's slot, every registered version (newest first), the latest retraining. */
export const modelsDto = z.object({ slots: z.array(modelSlotDto), models: z.array(modelDto), job: retrainJobDto.nullable() });
export type ModelsDto = z.infer<typeof modelsDto>;

export const modelRef = z.object({ modelId: modelIdSchema }).strict();
export const modelKindRef = z.object({ kind: modelKindSchema }).strict();
export const modelCompareInput = z.object({ a: modelIdSchema, b: modelIdSchema }).strict();
export const modelComparisonDto = z.object({ a: modelDto, b: modelDto, sameTestWindow: z.boolean(), note: z.string() });
export type ModelComparisonDto = z.infer<typeof modelComparisonDto>;

const DAY = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');
export const retrainInput = z
  .object({
    /** Default NIFTY and BANKNIFTY. */
    instruments: z.array(instrumentIdSchema).min(1).max(10).optional(),
    /** First and last IST day of the stored history to learn from (default: everything stored). */
    from: DAY.optional(),
    to: DAY.optional(),
    kinds: z.array(modelKindSchema).min(1).optional(),
    seed: z.number().int().min(0).max(2 ** 31 - 1).optional(),
    /** Put each new model in force when trained; otherwise promote it from the list. */
    promote: z.boolean().optional(),
  })
  .strict()
  .refine((r) => r.from === undefined || r.to === undefined || r.from <= r.to, { message: '"from" must not be after "to"', path: ['to'] });

/** Bring your own ONNX: a file on the engine's machine, its manifest `<name>.json` beside it. */
export const modelImportInput = z.object({ kind: modelKindSchema, path: z.string().min(1).max(4096) }).strict();
