/**
 * Everything that can go wrong talking to OpenAlgo, as values. The kind tells the caller what to do:
 * `session-expired` needs a broker login in OpenAlgo (never retry), `rate-limited` waits `retryAfterMs`,
 * `unknown-outcome` means an order may or may not have reached the broker and only the order book can tell.
 */
export const OpenAlgoErrorKind = {
  /**
   * 401/403 "Invalid openalgo apikey" before this client ever got an answer with the key: OpenAlgo says
   * the same for a wrong key and for a revoked broker session, so the message names both.
   */
  auth: 'auth',
  /**
   * The broker session behind OpenAlgo is gone (daily at 03:00 IST, or the broker revoked its token):
   * "Invalid openalgo apikey" after the key had worked, or a broker token error in the answer.
   */
  sessionExpired: 'session-expired',
  /** 403 for another reason: semi-auto mode blocks the call, or the IP is banned. */
  forbidden: 'forbidden',
  rateLimited: 'rate-limited',
  /** 400: schema or value error; `message` is OpenAlgo's text. Also raised locally before sending. */
  validation: 'validation',
  notFound: 'not-found',
  /** OpenAlgo answered with status "error" and a 4xx (a broker rejection) or, on a 2xx, an error body. */
  broker: 'broker',
  /** A 5xx on a read, with or without OpenAlgo's error body; retried with backoff. */
  server: 'server',
  network: 'network',
  timeout: 'timeout',
  /** An order write was sent but no usable answer came back: reconcile with the order book. */
  unknownOutcome: 'unknown-outcome',
  /** A batch reported success while some or all legs failed; `legs` says which. */
  partialFailure: 'partial-failure',
  /** The response did not match the contract. */
  protocol: 'protocol',
} as const;
export type OpenAlgoErrorKind = (typeof OpenAlgoErrorKind)[keyof typeof OpenAlgoErrorKind];

/**
 * What happened to one leg. `unknown` when OpenAlgo's answer cannot tell: an internal error while the
 * broker call was in flight, or a result that could not be matched to the leg.
 */
export type LegOutcome = 'ok' | 'failed' | 'unknown';

export interface LegResult {
  /** Position of the leg in the request. */
  readonly index: number;
  readonly ok: boolean;
  readonly outcome: LegOutcome;
  /** Set when the leg's status is known but which result row (and so which order id) is its own is not. */
  readonly ambiguous?: boolean;
  readonly orderid?: string;
  readonly symbol?: string;
  readonly message?: string;
  readonly raw: Readonly<Record<string, unknown>>;
}

export interface OpenAlgoError {
  readonly kind: OpenAlgoErrorKind;
  readonly message: string;
  readonly endpoint: string;
  readonly httpStatus?: number;
  /** Set on `rate-limited`: how long OpenAlgo asked us to wait. */
  readonly retryAfterMs?: number;
  /** Set on `unknown-outcome`: what happened to the request. */
  readonly cause?: 'timeout' | 'network' | 'server' | 'protocol';
  /** Set on `partial-failure`, one per request leg, in request order. */
  readonly legs?: readonly LegResult[];
  /** Set on `partial-failure`: result rows that could not be tied to exactly one leg. */
  readonly unmatched?: readonly UnmatchedResult[];
  /** Set on `partial-failure`: the parsed response, for the caller to act on the legs that did go through. */
  readonly response?: unknown;
}

export interface UnmatchedResult {
  readonly reason: 'unknown-leg' | 'ambiguous' | 'surplus';
  /** Request positions the row could belong to. */
  readonly candidates: readonly number[];
  readonly raw: Readonly<Record<string, unknown>>;
}

/** OpenAlgo's text when the broker call raised: the order may have gone through before the failure. */
export function isInternalError(message: string | undefined): boolean {
  return message !== undefined && /internal error/i.test(message);
}

export function openAlgoError(kind: OpenAlgoErrorKind, endpoint: string, message: string, extra: Partial<OpenAlgoError> = {}): OpenAlgoError {
  return { kind, endpoint, message, ...extra };
}

export const SESSION_EXPIRED_MESSAGE = 'OpenAlgo session expired: log in to your broker in OpenAlgo';

/** Removes every occurrence of the secret from a text that may echo a request back. */
export function redactSecret(text: string, secret: string | undefined): string {
  if (!secret) return text;
  return text.split(secret).join('[redacted]');
}
