import { z } from 'zod';

/** Schema of what a client may send over the WebSocket: everything from the network is untrusted. */
export const clientMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('invoke'), id: z.number().int().nonnegative(), channel: z.string().max(64), input: z.unknown() }).strict(),
  z.object({ type: z.literal('subscribe'), id: z.number().int().nonnegative(), stream: z.string().max(64), params: z.unknown() }).strict(),
  z.object({ type: z.literal('unsubscribe'), id: z.number().int().nonnegative() }).strict(),
]);
