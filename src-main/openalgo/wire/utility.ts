import { z } from 'zod';
import { optNum, optStr, successStatus } from './common.ts';

/** Ping and analyzer (openalgo.md §3.5). */
export const pingResponse = z.object({ status: successStatus, data: z.object({ message: z.string(), broker: optStr }) });

export const analyzerToggleRequest = z.strictObject({ mode: z.boolean() });

export const analyzerResponse = z.object({
  status: successStatus,
  data: z.object({
    analyze_mode: z.boolean(),
    mode: optStr,
    message: optStr,
    total_logs: optNum,
  }),
});
