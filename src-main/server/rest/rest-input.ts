import type { z } from 'zod';
import type { BridgeErrorDto } from '#contract/dto';
import type { ApiErrorDto, RestRoute } from '#contract/rest-api';

/** How each bridge error kind answers over HTTP. */
const STATUS: Readonly<Record<BridgeErrorDto['kind'], number>> = {
  'invalid-input': 400,
  'unknown-channel': 404,
  'not-found': 404,
  'not-available': 409,
  'invalid-state': 409,
  unavailable: 503,
  internal: 500,
  transport: 502,
};

export function httpStatusOf(kind: string): number {
  return Object.hasOwn(STATUS, kind) ? STATUS[kind as BridgeErrorDto['kind']] : 500;
}

export function apiError(e: BridgeErrorDto): ApiErrorDto {
  return { error: e.kind, message: e.message, ...(e.path ? { field: e.path } : {}) };
}

/** The first problem, naming the field: `body.params.shortDelta: Too big: expected number to be <=0.45`. */
function invalid(error: z.ZodError, part: 'params' | 'query' | 'body'): ApiErrorDto {
  const issue = error.issues[0];
  const keys = issue?.code === 'unrecognized_keys' ? issue.keys : [];
  const inner = [...(issue?.path ?? []).map(String), ...keys.slice(0, 1)];
  // A path parameter or a query value is named by itself; a body field by its place in the body.
  const field = part === 'body' ? ['body', ...inner].join('.') : inner.join('.') || part;
  return { error: 'invalid-input', message: `${field}: ${issue?.message ?? 'invalid'}`, field };
}

export interface RawInput {
  readonly params: unknown;
  readonly query: unknown;
  readonly body: unknown;
}

export type ParsedRaw = { ok: true; value: { params: unknown; query: unknown; body: unknown } } | { ok: false; error: ApiErrorDto };

const isEmpty = (v: unknown): boolean => v === undefined || v === null || (typeof v === 'object' && Object.keys(v).length === 0);

/** Checks the path parameters, query and body against the route's schemas; a route without one takes none. */
export function parseInput(route: RestRoute, raw: RawInput): ParsedRaw {
  const value: { params: unknown; query: unknown; body: unknown } = { params: undefined, query: undefined, body: undefined };
  for (const part of ['params', 'query', 'body'] as const) {
    const schema = route[part];
    const given = raw[part];
    if (!schema) {
      if (!isEmpty(given)) {
        const what = part === 'query' ? `query parameter "${Object.keys(given as object)[0]}"` : 'a body';
        return { ok: false, error: { error: 'invalid-input', message: `${route.method} ${route.path} takes no ${part === 'query' ? 'query parameters' : 'body'}, but ${what} was sent`, field: part } };
      }
      continue;
    }
    const parsed = schema.safeParse(given ?? {});
    if (!parsed.success) return { ok: false, error: invalid(parsed.error, part) };
    value[part] = parsed.data;
  }
  return { ok: true, value };
}
