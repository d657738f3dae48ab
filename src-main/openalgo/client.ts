import type { Clock } from '#core/clock';
import { createRandom, type Random } from '#core/random';
import { err, type Result } from '#core/result';
import type { z } from 'zod';
import { ENDPOINT_NAMES, ENDPOINTS, type Bucket, type EndpointSpec, type EndpointName, type RequestOf, type ResponseOf } from './endpoints.ts';
import { openAlgoError, redactSecret, type OpenAlgoError } from './errors.ts';
import { parseResponse } from './parse-response.ts';
import { SlidingWindowLimiter } from './rate-limiter.ts';

export const DEFAULT_OPENALGO_HOST = 'http://127.0.0.1:5000';

export interface RateLimit {
  readonly limit: number;
  readonly windowMs: number;
}

/**
 * Client-side limits. Orders stay strictly under 10/s (SEBI's algo threshold and OpenAlgo's default);
 * the general bucket uses OpenAlgo's code default, which is below the 50/s of its sample env file. The
 * windows are OpenAlgo's own, and also cap how long a 429 can block a route.
 */
export const DEFAULT_RATE_LIMITS: Readonly<Record<Bucket, RateLimit>> = {
  orders: { limit: 9, windowMs: 1000 },
  api: { limit: 10, windowMs: 1000 },
  margin: { limit: 50, windowMs: 1000 },
  greeks: { limit: 30, windowMs: 60_000 },
};

export interface OpenAlgoClientOptions {
  /** OpenAlgo host URL, e.g. http://127.0.0.1:5000 (a trailing /api/v1 is accepted). */
  readonly host?: string;
  readonly apiKey: string;
  readonly clock: Clock;
  readonly random?: Random;
  readonly timeoutMs?: number;
  /** Extra attempts for reads on network errors, timeouts and 5xx; writes are never retried. */
  readonly readRetries?: number;
  readonly retryBaseMs?: number;
  readonly rateLimits?: Partial<Record<Bucket, RateLimit>>;
  readonly fetch?: typeof fetch;
}

export type ClientResult<K extends EndpointName> = Promise<Result<ResponseOf<K>, OpenAlgoError>>;

export type OpenAlgoClient = {
  readonly [K in EndpointName]: (params: RequestOf<K>) => ClientResult<K>;
} & {
  readonly baseUrl: string;
  call<K extends EndpointName>(name: K, params: RequestOf<K>): ClientResult<K>;
};

type Transport =
  | { kind: 'response'; status: number; text: string; retryAfter: string | null }
  | { kind: 'timeout' }
  | { kind: 'network'; message: string };

type AnySpec = EndpointSpec<z.ZodType, z.ZodType>;

export function apiBaseUrl(host: string): string {
  const trimmed = host.replace(/\/+$/, '');
  return trimmed.endsWith('/api/v1') ? trimmed : `${trimmed}/api/v1`;
}

export function createOpenAlgoClient(options: OpenAlgoClientOptions): OpenAlgoClient {
  const { apiKey, clock } = options;
  if (!apiKey) throw new TypeError('OpenAlgo API key is empty');
  const baseUrl = apiBaseUrl(options.host ?? DEFAULT_OPENALGO_HOST);
  const random = options.random ?? createRandom(0x0a1a);
  const timeoutMs = options.timeoutMs ?? 10_000;
  const readRetries = options.readRetries ?? 2;
  const retryBaseMs = options.retryBaseMs ?? 250;
  const doFetch = options.fetch ?? fetch;
  const limiters = new Map<Bucket, SlidingWindowLimiter>();
  for (const [bucket, def] of Object.entries(DEFAULT_RATE_LIMITS) as [Bucket, RateLimit][]) {
    const l = options.rateLimits?.[bucket] ?? def;
    limiters.set(bucket, new SlidingWindowLimiter(clock, l.limit, l.windowMs));
  }
  /** Route → instant its 429 back-off ends. Per route, as OpenAlgo counts: a placement's 429 never holds a cancel. */
  const backoffUntil = new Map<string, number>();
  let keyWorked = false;

  const sleep = (ms: number): Promise<void> => new Promise((resolve) => clock.setTimer(clock.now() + ms, resolve));
  const blockedFor = (path: string): number => Math.max(0, (backoffUntil.get(path) ?? 0) - clock.now());

  async function send(url: string, init: RequestInit, limitMs: number): Promise<Transport> {
    const controller = new AbortController();
    let timedOut = false;
    const timer = clock.setTimer(clock.now() + limitMs, () => {
      timedOut = true;
      controller.abort();
    });
    try {
      // A redirect would carry the key (in the body or the query) to wherever OpenAlgo's address points it.
      const res = await doFetch(url, { ...init, redirect: 'error', signal: controller.signal });
      const text = await res.text();
      return { kind: 'response', status: res.status, text, retryAfter: res.headers.get('retry-after') };
    } catch (e) {
      if (timedOut) return { kind: 'timeout' };
      const cause = e instanceof Error && e.cause instanceof Error ? `: ${e.cause.message}` : '';
      return { kind: 'network', message: `${e instanceof Error ? e.message : String(e)}${cause}` };
    } finally {
      timer.cancel();
    }
  }

  /** POST routes take the key in the JSON body; GET routes in the query string (never logged: see redactSecret). */
  function httpRequest(endpoint: AnySpec, data: object): { url: string; init: RequestInit } {
    if (endpoint.method === 'GET') {
      const target = endpoint.target?.(data) ?? { path: endpoint.path, query: {} };
      const query = new URLSearchParams({ apikey: apiKey, ...target.query });
      return { url: `${baseUrl}/${target.path}?${query}`, init: { method: 'GET', headers: { accept: 'application/json' } } };
    }
    return {
      url: `${baseUrl}/${endpoint.path}`,
      init: { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify({ apikey: apiKey, ...data }) },
    };
  }

  async function call<K extends EndpointName>(name: K, params: RequestOf<K>): ClientResult<K> {
    const endpoint = ENDPOINTS[name] as AnySpec;
    const path = endpoint.path;
    const request = endpoint.request.safeParse(params ?? {});
    const problems = request.success
      ? (endpoint.check?.(request.data) ?? [])
      : request.error.issues.map((i) => `${i.path.join('.') || '(request)'}: ${i.message}`);
    if (!request.success || problems.length > 0) {
      return err(openAlgoError('validation', path, redactSecret(`invalid ${path} request: ${problems.join('; ')}`, apiKey)));
    }
    const { url, init } = httpRequest(endpoint, request.data as object);
    const limiter = limiters.get(endpoint.bucket)!;
    const limitMs = endpoint.timeoutMs ?? timeoutMs;
    const attempts = endpoint.write ? 1 : 1 + readRetries;
    let last: OpenAlgoError | undefined;
    for (let attempt = 0; attempt < attempts; attempt++) {
      if (attempt > 0) {
        const base = retryBaseMs * 2 ** (attempt - 1);
        await sleep(base / 2 + random.next() * (base / 2));
      }
      const blocked = blockedFor(path);
      if (blocked > 0) {
        // Never waited out behind the caller's back: the caller knows whether the call is still worth making.
        return err(openAlgoError('rate-limited', path, `${path} is rate-limited by OpenAlgo for another ${(blocked / 1000).toFixed(1)} s`, { retryAfterMs: blocked }));
      }
      const release = await limiter.acquire(endpoint.priority === true);
      const t = await send(url, init, limitMs);
      release();
      let result: Result<ResponseOf<K>, OpenAlgoError>;
      if (t.kind === 'response') {
        if (t.status >= 200 && t.status < 300 && endpoint.checksKey !== false) keyWorked = true;
        result = parseResponse(endpoint, t.status, t.text, { retryAfterHeader: t.retryAfter, keyWorked, request: request.data, nowMs: clock.now() }) as Result<
          ResponseOf<K>,
          OpenAlgoError
        >;
      } else if (t.kind === 'timeout') {
        result = err(
          endpoint.write
            ? openAlgoError('unknown-outcome', path, `${path} timed out after ${limitMs} ms: the order may have been accepted, check the order book`, { cause: 'timeout' })
            : openAlgoError('timeout', path, `${path} timed out after ${limitMs} ms`),
        );
      } else {
        result = err(
          endpoint.write
            ? openAlgoError('unknown-outcome', path, `${path} lost its connection (${t.message}): check the order book`, { cause: 'network' })
            : openAlgoError('network', path, `cannot reach OpenAlgo at ${baseUrl} (${t.message})`),
        );
      }
      if (result.ok) return result;
      last = { ...result.error, message: redactSecret(redactSecret(result.error.message, apiKey), encodeURIComponent(apiKey)) };
      if (last.kind === 'rate-limited') {
        // OpenAlgo always says 60 s although its windows are one second: wait no longer than the window.
        const wait = Math.min(last.retryAfterMs ?? limiter.windowMs, limiter.windowMs);
        backoffUntil.set(path, Math.max(backoffUntil.get(path) ?? 0, clock.now() + wait));
        last = { ...last, retryAfterMs: wait };
      }
      const retryable = last.kind === 'network' || last.kind === 'timeout' || last.kind === 'server';
      if (!retryable) break;
    }
    return err(last!);
  }

  const methods = Object.fromEntries(ENDPOINT_NAMES.map((n) => [n, (p: never) => call(n, p)]));
  return { ...(methods as { [K in EndpointName]: (params: RequestOf<K>) => ClientResult<K> }), baseUrl, call };
}
