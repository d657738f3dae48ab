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
 * the general bucket uses OpenAlgo's code default, which is below the 50/s of its sample env file.
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

type Transport = { kind: 'response'; status: number; text: string } | { kind: 'timeout' } | { kind: 'network'; message: string };

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

  const sleep = (ms: number): Promise<void> => new Promise((resolve) => clock.setTimer(clock.now() + ms, resolve));

  async function send(path: string, body: string): Promise<Transport> {
    const controller = new AbortController();
    let timedOut = false;
    const timer = clock.setTimer(clock.now() + timeoutMs, () => {
      timedOut = true;
      controller.abort();
    });
    try {
      const res = await doFetch(`${baseUrl}/${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body,
        signal: controller.signal,
      });
      const text = await res.text();
      return { kind: 'response', status: res.status, text };
    } catch (e) {
      if (timedOut) return { kind: 'timeout' };
      const cause = e instanceof Error && e.cause instanceof Error ? `: ${e.cause.message}` : '';
      return { kind: 'network', message: `${e instanceof Error ? e.message : String(e)}${cause}` };
    } finally {
      timer.cancel();
    }
  }

  async function call<K extends EndpointName>(name: K, params: RequestOf<K>): ClientResult<K> {
    const endpoint = ENDPOINTS[name] as EndpointSpec<z.ZodType, z.ZodType>;
    const path = endpoint.path;
    const request = endpoint.request.safeParse(params ?? {});
    if (!request.success) {
      const detail = request.error.issues.map((i) => `${i.path.join('.') || '(request)'}: ${i.message}`).join('; ');
      return err(openAlgoError('validation', path, redactSecret(`invalid ${path} request: ${detail}`, apiKey)));
    }
    const body = JSON.stringify({ apikey: apiKey, ...(request.data as object) });
    const limiter = limiters.get(endpoint.bucket)!;
    const attempts = endpoint.write ? 1 : 1 + readRetries;
    let last: OpenAlgoError | undefined;
    for (let attempt = 0; attempt < attempts; attempt++) {
      if (attempt > 0) {
        const base = retryBaseMs * 2 ** (attempt - 1);
        await sleep(base / 2 + random.next() * (base / 2));
      }
      const blocked = limiter.blockedFor();
      if (blocked > 0) {
        return err(openAlgoError('rate-limited', path, `${path} is rate-limited by OpenAlgo for another ${Math.ceil(blocked / 1000)} s`, { retryAfterMs: blocked }));
      }
      const release = await limiter.acquire();
      const t = await send(path, body);
      release();
      let result: Result<ResponseOf<K>, OpenAlgoError>;
      if (t.kind === 'response') {
        result = parseResponse(endpoint, t.status, t.text) as Result<ResponseOf<K>, OpenAlgoError>;
      } else if (t.kind === 'timeout') {
        result = err(
          endpoint.write
            ? openAlgoError('unknown-outcome', path, `${path} timed out after ${timeoutMs} ms: the order may have been accepted, check the order book`, { cause: 'timeout' })
            : openAlgoError('timeout', path, `${path} timed out after ${timeoutMs} ms`),
        );
      } else {
        result = err(
          endpoint.write
            ? openAlgoError('unknown-outcome', path, `${path} lost its connection (${t.message}): check the order book`, { cause: 'network' })
            : openAlgoError('network', path, `cannot reach OpenAlgo at ${baseUrl} (${t.message})`),
        );
      }
      if (result.ok) return result;
      last = { ...result.error, message: redactSecret(result.error.message, apiKey) };
      if (last.kind === 'rate-limited' && last.retryAfterMs !== undefined) limiter.blockUntil(clock.now() + last.retryAfterMs);
      const retryable = last.kind === 'network' || last.kind === 'timeout' || last.kind === 'server';
      if (!retryable) break;
    }
    return err(last!);
  }

  const methods = Object.fromEntries(ENDPOINT_NAMES.map((n) => [n, (p: never) => call(n, p)]));
  return { ...(methods as { [K in EndpointName]: (params: RequestOf<K>) => ClientResult<K> }), baseUrl, call };
}
