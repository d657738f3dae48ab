import { z } from 'zod';
import { normSchema } from '../features/normalisation.ts';
import { netSpecSchema } from '../net/net-spec.ts';
import { MODEL_KINDS } from './catalog.ts';

/**
 * What travels beside every model file (`<name>.json` next to `<name>.onnx`) and into the registry: the
 * feature definition and normalisation it was trained with, its declared input/output contract, the
 * data it saw, its out-of-sample metrics and calibration, and the file's hash. A model brought from
 * elsewhere needs the same file; `net`, `training`, `data`, `metrics` and `calibration` may then be absent.
 */
const calibrationBin = z.object({ from: z.number(), to: z.number(), n: z.number().int(), predicted: z.number(), observed: z.number() });
const window = z.object({ from: z.number().int(), to: z.number().int(), samples: z.number().int().min(0) });

export const manifestSchema = z.object({
  format: z.literal(1),
  kind: z.enum(MODEL_KINDS),
  features: z.object({
    set: z.string(),
    timeframe: z.string(),
    columns: z.array(z.string()).min(1),
    dims: z.array(z.number().int().positive()).min(1),
  }),
  norm: normSchema,
  io: z.object({
    input: z.object({ name: z.string().min(1), dims: z.array(z.number().int().positive()) }),
    outputs: z.array(z.object({ name: z.string().min(1), units: z.number().int().positive() })).min(1),
  }),
  classes: z.array(z.string()).optional(),
  target: z.record(z.string(), z.union([z.number(), z.string(), z.array(z.string())])).default({}),
  net: netSpecSchema.optional(),
  data: z
    .object({
      source: z.string(),
      instruments: z.array(z.string()),
      timeframe: z.string(),
      from: z.number().int(),
      to: z.number().int(),
      bars: z.number().int(),
      train: window,
      test: window,
      embargoBars: z.number().int().min(0),
    })
    .optional(),
  training: z
    .object({
      seed: z.number().int(),
      epochs: z.number().int(),
      batchSize: z.number().int(),
      learningRate: z.number(),
      lossByEpoch: z.array(z.number()),
    })
    .optional(),
  metrics: z.record(z.string(), z.unknown()).default({}),
  calibration: z.record(z.string(), z.array(calibrationBin)).default({}),
  parity: z.object({ maxAbsDiff: z.number(), samples: z.number().int() }).optional(),
  onnx: z.object({ file: z.string().min(1), sha256: z.string().regex(/^[0-9a-f]{64}$/), bytes: z.number().int().positive() }),
});
export type ModelManifest = z.infer<typeof manifestSchema>;

export function parseManifest(json: unknown): { ok: true; manifest: ModelManifest } | { ok: false; reason: string } {
  const r = manifestSchema.safeParse(json);
  if (r.success) return { ok: true, manifest: r.data };
  return { ok: false, reason: `its manifest is invalid: ${r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}` };
}

/** The manifest as written to disk: two-space JSON with a final newline, the same bytes for the same manifest. */
export const manifestText = (m: ModelManifest): string => `${JSON.stringify(m, null, 2)}\n`;
