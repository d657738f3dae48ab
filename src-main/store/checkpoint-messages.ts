import { z } from 'zod';

/** What the store's checkpoint thread is started with. */
export interface CheckpointThreadData {
  readonly file: string;
  readonly intervalMs: number;
}

/**
 * What the thread reports, checked on arrival (another V8 isolate: data at a border like any other): a
 * round's WAL (its frames and those copied so far), or why it stopped.
 */
export const checkpointMessageSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('checkpoint'), log: z.number().int(), checkpointed: z.number().int() }),
  z.strictObject({ kind: z.literal('failed'), message: z.string() }),
]);
export type CheckpointMessage = z.infer<typeof checkpointMessageSchema>;

/** The one message the main thread sends: close the connection and end. */
export const STOP_MESSAGE = 'stop';
