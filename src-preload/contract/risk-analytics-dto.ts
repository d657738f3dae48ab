import { z } from 'zod';
import { paramFieldDto, paramValueSchema } from './bot-dto.ts';

/**
 * Wire shapes of portfolio VaR, stress scenarios and shadow A/B (src-main/engine/var, engine/shadow).
 * Rupees; a VaR or a loss is positive, a P&L negative when it loses. Times are engine-clock epoch ms.
 */
const method = z.enum(['historical', 'monte-carlo']);

export const varRowDto = z.object({
  ts: z.number().int(),
  method,
  /** `1d`, or the intraday horizon as `<minutes>m`. */
  horizon: z.string(),
  confidence: z.number(),
  var: z.number(),
  es: z.number(),
  /** The 95 % interval of the VaR estimate (order statistics). */
  varLow: z.number(),
  varHigh: z.number(),
  scenarios: z.number().int(),
  legs: z.number().int(),
  worst: z.string(),
});
export type VarRowDto = z.infer<typeof varRowDto>;

export const varSnapshotDto = z.object({
  ts: z.number().int(),
  legs: z.number().int(),
  rows: z.array(varRowDto),
  unavailable: z.array(z.object({ method, horizon: z.string(), reason: z.string() })),
});
export type VarSnapshotDto = z.infer<typeof varSnapshotDto>;

export const varInput = z.object({ sinceMs: z.number().int().min(0).optional() }).strict();
/** The pre-trade VaR limit in force (null: none). */
export const varLimitDto = z.object({ maxLoss: z.number(), confidence: z.number(), method }).nullable();

export const varHistoryDto = z.object({
  latest: varSnapshotDto,
  history: z.array(varRowDto),
  limit: varLimitDto,
  /** VaR is recomputed this often and after every fill; the pre-trade check reads the last refresh's scenarios. */
  refreshSeconds: z.number().int(),
});
export type VarHistoryDto = z.infer<typeof varHistoryDto>;

export const stressReportDto = z.object({
  ts: z.number().int(),
  rows: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      description: z.string(),
      source: z.enum(['defined', 'stored history', 'recorded figures']),
      move: z.string(),
      pnl: z.number(),
      byBot: z.record(z.string(), z.number()),
    }),
  ),
  worst: z.object({ id: z.string(), loss: z.number() }),
  owners: z.array(z.string()),
  /** The pre-trade stress limit in force: the most the book may lose in any scenario (null: none). */
  limit: z.number().nullable(),
});
export type StressReportDto = z.infer<typeof stressReportDto>;

/** A self-contained HTML page to save. */
export const stressHtmlDto = z.object({ html: z.string(), fileName: z.string() });

/** The sizing policies with the fields of each (engine/sizing/sizing-fields.ts). */
export const sizingPoliciesDto = z.array(z.object({ policy: z.string(), label: z.string(), description: z.string(), fields: z.array(paramFieldDto) }));
export type SizingPolicyDto = z.infer<typeof sizingPoliciesDto>[number];

const variantIdSchema = z.string().regex(/^[a-z-]{1,40}~[A-Za-z0-9_-]{1,32}$/, 'must be <bot>~<label>');

export const variantDto = z.object({
  variantId: z.string(),
  botId: z.string(),
  label: z.string(),
  settings: z.record(z.string(), z.unknown()),
  status: z.enum(['running', 'stopped', 'promoted']),
  tsCreated: z.number().int(),
  tsEnded: z.number().int().nullable(),
  /** A running variant's own risk layer: halted by its loss limit or the kill switch, reducing, or active. */
  trading: z.object({ state: z.enum(['active', 'reducing', 'halted']), cause: z.string().nullable() }).optional(),
});
export type VariantDto = z.infer<typeof variantDto>;

export const variantInput = z
  .object({
    botId: z.string().regex(/^[a-z-]{1,40}$/),
    label: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'letters, digits, - or _ (at most 32)'),
    params: z.record(z.string(), paramValueSchema).optional(),
    /** A sizing policy (checked in main), or null for none. */
    sizing: z.record(z.string(), z.unknown()).nullable().optional(),
  })
  .strict();
export const variantRef = z.object({ variantId: variantIdSchema }).strict();

const sideDto = z.object({
  netPnl: z.number(),
  charges: z.number(),
  trades: z.number().int(),
  hitRate: z.number(),
  maxDrawdown: z.number(),
  slippagePerUnit: z.number().nullable(),
  daily: z.array(z.number()),
});

export const comparisonDto = z.object({
  days: z.array(z.string()),
  real: sideDto,
  variant: sideDto,
  test: z.object({ t: z.number(), df: z.number(), p: z.number() }).nullable(),
  verdict: z.object({ kind: z.enum(['insufficient', 'variant-better', 'real-better', 'no-difference']), reason: z.string() }),
});
export type ComparisonDto = z.infer<typeof comparisonDto>;
