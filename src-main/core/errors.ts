/**
 * The error kinds every boundary speaks. A `kind` is stable and machine-readable; `message` is for people.
 * Module-specific errors (OpenAlgo, config, bridge) extend this union with their own kinds.
 */
export const ErrorKind = {
  validation: 'validation',
  notFound: 'not-found',
  conflict: 'conflict',
  invalidState: 'invalid-state',
  unavailable: 'unavailable',
  internal: 'internal',
} as const;
export type ErrorKind = (typeof ErrorKind)[keyof typeof ErrorKind];

export interface AppError<K extends string = ErrorKind> {
  readonly kind: K;
  readonly message: string;
  /** Where the error applies: a config field path, a command name, an order id. */
  readonly path?: string;
  readonly cause?: unknown;
}

export function appError<K extends string>(kind: K, message: string, extra: { path?: string; cause?: unknown } = {}): AppError<K> {
  return { kind, message, ...extra };
}

export function describeError(e: unknown): string {
  if (e instanceof Error) return e.message;
  if (typeof e === 'object' && e !== null && 'message' in e) return String((e as { message: unknown }).message);
  return String(e);
}
