import { createRequire } from 'node:module';
import { err, ok, type Result } from '#core/result';

/** What the queue needs of an ioredis client (BullMQ accepts the instance as its `connection`). */
export interface RedisClient {
  connect(): Promise<void>;
  duplicate(): RedisClient;
  quit(): Promise<unknown>;
  disconnect(): void;
  ping(): Promise<string>;
  on(event: 'error', listener: (e: Error) => void): unknown;
  [key: string]: unknown;
}

type RedisConstructor = new (url: string, options: Record<string, unknown>) => RedisClient;

export type RedisError =
  | { readonly kind: 'invalid-url'; readonly message: string }
  | { readonly kind: 'driver-missing'; readonly message: string }
  | { readonly kind: 'unreachable'; readonly message: string };

export interface RedisTarget {
  readonly url: string;
  /** host:port/db, never the password: what messages may show. */
  readonly display: string;
}

/** `redis://[user:password@]host[:port][/db]` or `rediss://…` (TLS). */
export function parseRedisUrl(raw: string): Result<RedisTarget, RedisError> {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return err({ kind: 'invalid-url', message: 'the Redis address is not a URL: write redis://host:6379 (or rediss:// for TLS)' });
  }
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:') return err({ kind: 'invalid-url', message: `a Redis address starts with redis:// or rediss://, not ${u.protocol}//` });
  if (u.hostname === '') return err({ kind: 'invalid-url', message: 'the Redis address has no host: write redis://host:6379' });
  const db = u.pathname.replace(/^\//, '');
  if (db !== '' && !/^\d{1,2}$/.test(db)) return err({ kind: 'invalid-url', message: `the Redis database must be a number (redis://host:6379/0), not "${db}"` });
  return ok({ url: raw, display: `${u.protocol}//${u.hostname}:${u.port || '6379'}${db ? `/${db}` : ''}` });
}

/**
 * ioredis is BullMQ's optional peer: loaded at run time so that a terminal that never uses the queue runs
 * without it, and a missing driver is one clear error instead of a crash at start.
 */
export function loadRedisDriver(): Result<RedisConstructor, RedisError> {
  try {
    const mod = createRequire(import.meta.url)('ioredis') as RedisConstructor & { default?: RedisConstructor };
    return ok(mod.default ?? mod);
  } catch {
    return err({ kind: 'driver-missing', message: 'the Redis client (ioredis) is not installed — run npm ci in the project (ioredis is in its dependencies)' });
  }
}

/**
 * A connected client, checked with PING. Blocking clients (workers, queue events) need
 * `maxRetriesPerRequest: null`, as BullMQ requires; a submitter's client gives up after a few tries.
 */
export async function connectRedis(target: RedisTarget, o: { blocking: boolean }): Promise<Result<RedisClient, RedisError>> {
  const driver = loadRedisDriver();
  if (!driver.ok) return driver;
  const client = new driver.value(target.url, { lazyConnect: true, maxRetriesPerRequest: o.blocking ? null : 3, connectTimeout: 5000 });
  let lastError = '';
  client.on('error', (e) => {
    lastError = e.message;
  });
  try {
    await client.connect();
    await client.ping();
    return ok(client);
  } catch (e) {
    client.disconnect();
    const why = lastError || (e as Error).message;
    return err({ kind: 'unreachable', message: `cannot reach Redis at ${target.display}: ${why.replaceAll(target.url, target.display)}` });
  }
}
