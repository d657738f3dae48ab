import { z } from 'zod';
import { successStatus } from './common.ts';

/** Ping and analyzer (openalgo.md §3.5). */
export const pingResponse = z.object({ status: successStatus, data: z.object({ message: z.string(), broker: z.string().optional() }) });

export const analyzerToggleRequest = z.strictObject({ mode: z.boolean() });

export const analyzerResponse = z.object({
  status: successStatus,
  data: z.object({
    analyze_mode: z.boolean(),
    mode: z.string().optional(),
    message: z.string().optional(),
    total_logs: z.number().optional(),
  }),
});
