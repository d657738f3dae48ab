import { z } from 'zod';
import { err, ok, type Result } from '#core/result';

/**
 * OpenAlgo's answers to subscribe and unsubscribe (openalgo.md §4.3). A subscribe ack is "success" or
 * "partial" with one item per symbol; an unsubscribe ack lists `successful` and `failed` items. The ack
 * echoes the request's `request_id`, which is how the client finds what it asked for.
 */
export interface AckItem {
  readonly symbol: string;
  readonly exchange: string;
  readonly ok: boolean;
  /** The adapter's code when the item carries one, e.g. MAX_CAPACITY_REACHED. */
  readonly code?: string;
  readonly message?: string;
}

export interface SubscriptionAck {
  readonly type: 'subscribe' | 'unsubscribe';
  readonly status: 'success' | 'partial' | 'error';
  readonly items: readonly AckItem[];
  readonly requestId?: string;
  readonly code?: string;
  readonly message?: string;
}

const item = z.object({
  symbol: z.string().min(1),
  exchange: z.string().min(1),
  status: z.string(),
  code: z.string().min(1).optional().catch(undefined),
  message: z.string().optional().catch(undefined),
});

const ack = z.object({
  type: z.enum(['subscribe', 'unsubscribe']),
  status: z.enum(['success', 'partial', 'error']),
  subscriptions: z.array(item).default([]),
  successful: z.array(item).default([]),
  failed: z.array(item).default([]),
  // Ours are strings; any other JSON value cannot be one of our requests.
  request_id: z.union([z.string(), z.number()]).transform(String).optional(),
  code: z.string().optional().catch(undefined),
  message: z.string().optional().catch(undefined),
});

const itemOf = (i: z.infer<typeof item>, failed = false): AckItem => ({
  symbol: i.symbol,
  exchange: i.exchange,
  ok: !failed && i.status === 'success',
  ...(i.code !== undefined ? { code: i.code } : {}),
  ...(i.message !== undefined ? { message: i.message } : {}),
});

/** Parses a frame whose `type` is subscribe or unsubscribe; a malformed one is an error value, never a throw. */
export function parseSubscriptionAck(json: unknown): Result<SubscriptionAck, string> {
  const a = ack.safeParse(json);
  if (!a.success) {
    const issue = a.error.issues[0];
    const type = typeof json === 'object' && json !== null ? String((json as { type?: unknown }).type) : 'subscription';
    return err(`bad ${type} ack: ${issue?.path.join('.') || '(frame)'} ${issue?.message ?? ''}`.trim());
  }
  const d = a.data;
  const items = d.type === 'subscribe' ? d.subscriptions.map((i) => itemOf(i)) : [...d.successful.map((i) => itemOf(i)), ...d.failed.map((i) => itemOf(i, true))];
  return ok({
    type: d.type,
    status: d.status,
    items,
    ...(d.request_id !== undefined ? { requestId: d.request_id } : {}),
    ...(d.code !== undefined ? { code: d.code } : {}),
    ...(d.message !== undefined ? { message: d.message } : {}),
  });
}
