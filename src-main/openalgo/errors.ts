/**
 * Everything that can go wrong talking to OpenAlgo, as values. The kind tells the caller what to do:
 * `auth` needs a broker login (never retry), `rate-limited` waits `retryAfterMs`, `unknown-outcome` means an
 * order may or may not have reached the broker and only the order book can tell.
 */
export const OpenAlgoErrorKind = {
  /** 403 "Invalid openalgo apikey": a wrong key, or the broker session expired (daily at 03:00 IST). */
  auth: 'auth',
  /** 403 for another reason: semi-auto mode blocks the call, or the IP is banned. */
  forbidden: 'forbidden',
  rateLimited: 'rate-limited',
  /** 400: schema or value error; `message` is OpenAlgo's text. Also raised locally before sending. */
  validation: 'validation',
  notFound: 'not-found',
  /** OpenAlgo answered with status "error" (a broker rejection or a server-side failure). */
  broker: 'broker',
  /** A 5xx without an OpenAlgo error body, on a read. */
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

export interface LegResult {
  readonly index: number;
  readonly ok: boolean;
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
  /** Set on `partial-failure`. */
  readonly legs?: readonly LegResult[];
  /** Set on `partial-failure`: the parsed response, for the caller to act on the legs that did go through. */
  readonly response?: unknown;
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
