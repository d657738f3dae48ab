import type { OpenAlgoError } from '#openalgo/errors';
import { brokerError, type BrokerError } from '#execution/broker';

export type BrokerOperation = 'place' | 'modify' | 'cancel' | 'read';

/**
 * Failures of the connect phase: the connection was refused, or the host could not be resolved or
 * reached, so no byte of the request left this machine. Node's fetch (undici) names them in the cause the
 * client appends to its message (`connect ECONNREFUSED 127.0.0.1:5000`, `getaddrinfo ENOTFOUND host`). A
 * reset or a timeout is not among them: those can happen after the request was sent.
 */
const NOT_CONNECTED = /\b(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH)\b/;

export function neverConnected(e: OpenAlgoError): boolean {
  return (e.kind === 'network' || (e.kind === 'unknown-outcome' && e.cause === 'network')) && NOT_CONNECTED.test(e.message);
}

/**
 * The client's error kinds → the Broker port's. For a write the rule is: only an answer that proves
 * nothing happened may say so (`rejected`, `rate-limited`, `session-expired`, `not-found`,
 * `unavailable` when no connection was made); everything else that may have reached the broker — a timeout,
 * a dropped connection, a 5xx, an unreadable answer — is `unknown-outcome`, settled from the order book
 * and never sent again. A failed read changes nothing, so it is `unavailable` unless it says more.
 */
export function brokerErrorOf(e: OpenAlgoError, op: BrokerOperation): BrokerError {
  const write = op !== 'read';
  if (neverConnected(e)) return brokerError('unavailable', `could not connect to OpenAlgo, nothing was sent: ${e.message}`);
  switch (e.kind) {
    case 'unknown-outcome':
      return write ? brokerError('unknown-outcome', e.message) : brokerError('unavailable', e.message);
    case 'rate-limited':
      // The client caps the wait at the route's own window; it always says how long.
      return brokerError('rate-limited', e.message, e.retryAfterMs ?? 1000);
    case 'session-expired':
      return brokerError('session-expired', e.message);
    case 'auth':
      // OpenAlgo says "Invalid openalgo apikey" both for a wrong key and for a broker session that ended:
      // either way nothing happened and a login (or the key) must be fixed; the message names both.
      return brokerError('session-expired', e.message);
    case 'not-found':
      // 404 on modify/cancel is "Order <id> not found"; on placeorder it is a missing broker module.
      return op === 'modify' || op === 'cancel' ? brokerError('not-found', e.message) : brokerError(write ? 'rejected' : 'unavailable', e.message);
    case 'validation':
    case 'broker':
    case 'forbidden':
      // 400 business refusals, the broker's own rejection, semi-auto blocks: nothing was done.
      return brokerError(write ? 'rejected' : 'unavailable', e.message);
    case 'network':
    case 'timeout':
    case 'server':
    case 'protocol':
    case 'partial-failure':
      // The client turns these into unknown-outcome for writes; should one still reach here, it is no proof of refusal.
      return brokerError(write ? 'unknown-outcome' : 'unavailable', e.message);
  }
}
