import { err, ok, type Result } from '#core/result';
import type { WsMode } from './wire/ws.ts';
import type { AckItem, SubscriptionAck } from './wire/ws-acks.ts';
import type { WsRequest } from './wire/ws-requests.ts';

/** A symbol OpenAlgo would not subscribe (or unsubscribe): nothing streams for it until it is asked again. */
export interface WsRefusal {
  readonly action: 'subscribe' | 'unsubscribe';
  readonly symbol: string;
  readonly exchange: string;
  readonly mode: WsMode;
  /** The adapter's or the server's code: MAX_CAPACITY_REACHED, SUBSCRIPTION_ERROR, BROKER_ERROR… */
  readonly code: string;
  readonly message: string;
  /** OpenAlgo refused the whole request (an error answer), not this symbol alone. */
  readonly wholeRequest: boolean;
}

export const MAX_CAPACITY_REACHED = 'MAX_CAPACITY_REACHED';
const SUBSCRIPTION_ERROR = 'SUBSCRIPTION_ERROR';

/**
 * The proxy copies the adapter's message into a failed item and may leave its code out (openalgo.md §4.3),
 * so a code is read from the item, else from a code-like word or a capacity complaint in the message.
 */
export function refusalCode(item: Pick<AckItem, 'code' | 'message'>): string {
  if (item.code) return item.code;
  const m = item.message ?? '';
  const word = /\b[A-Z]{2,}(?:_[A-Z]+)+\b/.exec(m);
  if (word) return word[0];
  return /capacity|limit reached|maximum.*symbols/i.test(m) ? MAX_CAPACITY_REACHED : SUBSCRIPTION_ERROR;
}

const key = (s: { symbol: string; exchange: string }): string => `${s.exchange}:${s.symbol}`;

/**
 * Remembers each subscribe and unsubscribe sent on one socket until its ack, and turns the ack into the
 * symbols refused. An ack finds its request by the echoed request_id; OpenAlgo's request-level errors
 * carry no type and no id, but the proxy answers one frame at a time in order, so such an error answers
 * the oldest request still waiting.
 */
export function createAckTracker() {
  const pending = new Map<string, WsRequest>();

  const refuse = (r: WsRequest, items: readonly { symbol: string; exchange: string; code: string; message: string }[], wholeRequest: boolean): WsRefusal[] => {
    const modes = new Map(r.items.map((it) => [key(it.sym), it.mode]));
    return items.flatMap((i) => {
      const mode = modes.get(key(i));
      return mode === undefined ? [] : [{ action: r.action, symbol: i.symbol, exchange: i.exchange, mode, code: i.code, message: i.message, wholeRequest }];
    });
  };

  const wholly = (r: WsRequest, code: string, message: string): WsRefusal[] =>
    refuse(r, r.items.map((it) => ({ ...it.sym, code, message })), true);

  return {
    sent(request: WsRequest): void {
      pending.set(request.id, request);
    },

    /** A new socket: nothing sent on the old one will be answered. */
    clear(): void {
      pending.clear();
    },

    /** The refusals in an ack; an error value when it answers no request waiting. */
    onAck(ack: SubscriptionAck): Result<WsRefusal[], string> {
      const r = ack.requestId !== undefined ? pending.get(ack.requestId) : [...pending.values()].find((p) => p.action === ack.type);
      if (!r || r.action !== ack.type) return err(`${ack.type} ack for no request waiting (request_id ${ack.requestId ?? 'missing'})`);
      pending.delete(r.id);
      const failed = ack.items.filter((i) => !i.ok);
      if (ack.status === 'error' && failed.length === 0) return ok(wholly(r, ack.code ?? SUBSCRIPTION_ERROR, ack.message ?? `OpenAlgo refused the ${r.action}`));
      return ok(refuse(r, failed.map((i) => ({ symbol: i.symbol, exchange: i.exchange, code: refusalCode(i), message: i.message ?? '' })), false));
    },

    /** An error frame without a type after authentication: the refusal of the oldest request waiting, if any. */
    onError(code: string, message: string): WsRefusal[] | undefined {
      const [r] = pending.values();
      if (!r) return undefined;
      pending.delete(r.id);
      return wholly(r, code, message);
    },
  };
}
