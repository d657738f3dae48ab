import { z } from 'zod';
import { backtestResultSchema } from '../types.ts';

/**
 * What crosses between the terminal's main thread and a backtest thread, checked on arrival: the thread is
 * another V8 isolate, so its messages are data at a border like any other.
 */
export const progressSchema = z.strictObject({
  daysDone: z.number().int().min(0),
  daysTotal: z.number().int().min(0),
  day: z.string(),
  fraction: z.number(),
});

export const threadMessageSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('progress'), progress: progressSchema }),
  z.strictObject({ kind: z.literal('done'), result: backtestResultSchema }),
  z.strictObject({ kind: z.literal('failed'), error: z.strictObject({ kind: z.enum(['invalid-request', 'no-data', 'aborted', 'engine']), message: z.string() }) }),
]);
export type ThreadMessage = z.infer<typeof threadMessageSchema>;

/** The one message the main thread sends: stop at the next step. */
export const cancelMessageSchema = z.strictObject({ kind: z.literal('cancel') });
