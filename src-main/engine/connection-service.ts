import type { Clock } from '#core/clock';
import type { Logger } from '#core/log';
import { err, ok, type Result } from '#core/result';
import { configSchema, type Config } from '#config/schema';
import { apiBaseUrl, createOpenAlgoClient } from '#openalgo/client';
import { SlidingWindowLimiter } from '#openalgo/rate-limiter';
import { testConnection, type ConnectionReport } from '#openalgo/test-connection';
import { probeOpenAlgoWs, type WsProbeReport } from '#openalgo/ws-probe';
import type { SecretStore } from './secrets.ts';

export interface ConnectionProfile {
  readonly baseUrl: string;
  readonly wsUrl: string;
  readonly hasApiKey: boolean;
  readonly keyStorage: string;
}

export interface ConnectionInput {
  readonly baseUrl?: string;
  readonly wsUrl?: string;
  readonly apiKey?: string;
}

export type ConnectionError =
  | { kind: 'invalid-input'; message: string }
  | { kind: 'invalid-state'; message: string }
  | { kind: 'unavailable'; message: string }
  | { kind: 'internal'; message: string };

export interface ConnectionTestResult extends ConnectionReport {
  readonly latencyMs: number;
}

/**
 * OpenAlgo calls all connection tests together may make (a test is ping, funds and analyzer): a page
 * that floods `connection:test` must not flood OpenAlgo.
 */
export const CONNECTION_TEST_RATE = { limit: 3, windowMs: 1000 } as const;

export interface ConnectionServiceDeps {
  readonly clock: Clock;
  readonly logger: Logger;
  readonly secrets: SecretStore;
  readonly config: () => Config;
  /** Persists a changed config (atomic write with backup). */
  readonly saveConfig: (config: Config) => Result<unknown, { message: string }>;
  /** Injected by tests; `fetch` otherwise. */
  readonly fetch?: typeof fetch;
  /** Injected by tests; a real WebSocket probe otherwise. */
  readonly probeWs?: (url: string, apiKey: string) => Promise<Result<WsProbeReport, string>>;
}

/** Where a key sent to this base URL really goes: the client appends `/api/v1` to whatever it is given. */
function endpointOf(baseUrl: string): string | undefined {
  try {
    return apiBaseUrl(new URL(baseUrl).href);
  } catch {
    return undefined;
  }
}

function sameWsUrl(a: string, b: string): boolean {
  try {
    return new URL(a).href === new URL(b).href;
  } catch {
    return false;
  }
}

/**
 * The OpenAlgo connection profile as the trader edits it: URLs in config.json, the key in the secret
 * store. A test runs ping then funds against OpenAlgo and reports the broker and cash in one line.
 *
 * The saved key is bound to the saved URLs: it is only ever sent to them. Testing another URL, or saving
 * other URLs, needs the key typed again, so a page that drives the bridge cannot point the saved key at
 * a server of its choosing. Tests run one at a time (a second one while the first runs is refused, not
 * queued) and share one rate limit.
 */
export function createConnectionService(deps: ConnectionServiceDeps) {
  const doFetch = deps.fetch ?? fetch;
  const probeWs = deps.probeWs ?? probeOpenAlgoWs;
  const testLimiter = new SlidingWindowLimiter(deps.clock, CONNECTION_TEST_RATE.limit, CONNECTION_TEST_RATE.windowMs);
  /** Every test call waits for the shared limiter; a redirect is an error, so the key cannot follow one elsewhere. */
  const limitedFetch: typeof fetch = async (url, init) => {
    const release = await testLimiter.acquire();
    try {
      return await doFetch(url, { ...init, redirect: 'error' });
    } finally {
      release();
    }
  };
  let testRunning = false;

  const profile = async (): Promise<Result<ConnectionProfile, ConnectionError>> => {
    const key = await deps.secrets.readApiKey();
    if (!key.ok) return err({ kind: 'unavailable', message: key.error.message });
    const { baseUrl, wsUrl } = deps.config().openalgo;
    return ok({ baseUrl, wsUrl, hasApiKey: key.value !== undefined, keyStorage: deps.secrets.description });
  };

  const runTest = async (input: ConnectionInput): Promise<Result<ConnectionTestResult, ConnectionError>> => {
    const stored = await deps.secrets.readApiKey();
    if (!stored.ok) return err({ kind: 'unavailable', message: stored.error.message });
    const apiKey = input.apiKey ?? stored.value;
    if (!apiKey) return err({ kind: 'invalid-input', message: 'no API key: paste the key from OpenAlgo (API Key page) first' });
    const cfg = deps.config().openalgo;
    const host = input.baseUrl ?? cfg.baseUrl;
    if (input.apiKey === undefined && endpointOf(host) !== endpointOf(cfg.baseUrl)) {
      return err({
        kind: 'invalid-input',
        message: `type the key again to test a new URL: the saved key is only ever sent to ${cfg.baseUrl}`,
      });
    }
    const client = createOpenAlgoClient({ host, apiKey, clock: deps.clock, timeoutMs: cfg.timeoutMs, readRetries: 0, fetch: limitedFetch });
    const started = deps.clock.now();
    const r = await testConnection(client);
    if (!r.ok) {
      deps.logger.warn({ kind: r.error.kind, endpoint: r.error.endpoint }, 'OpenAlgo connection test failed');
      return err({ kind: 'unavailable', message: r.error.message.startsWith('OpenAlgo') ? r.error.message : `OpenAlgo: ${r.error.message}` });
    }
    const latencyMs = deps.clock.now() - started;
    // The REST answer says nothing about the market data socket: a wrong WebSocket URL must fail the test too.
    const wsUrl = input.wsUrl ?? cfg.wsUrl;
    const ws = await probeWs(wsUrl, apiKey);
    if (!ws.ok) {
      deps.logger.warn({ wsUrl }, 'OpenAlgo WebSocket test failed');
      return err({ kind: 'unavailable', message: `The REST API answered, but ${ws.error}: check the WebSocket URL.` });
    }
    return ok({ ...r.value, latencyMs });
  };

  return {
    profile,

    async save(input: ConnectionInput): Promise<Result<ConnectionProfile, ConnectionError>> {
      const current = deps.config();
      const next: Config = {
        ...current,
        openalgo: { ...current.openalgo, ...(input.baseUrl ? { baseUrl: input.baseUrl } : {}), ...(input.wsUrl ? { wsUrl: input.wsUrl } : {}) },
      };
      const checked = configSchema.safeParse(next);
      if (!checked.success) {
        const issue = checked.error.issues[0];
        const field = issue?.path.at(-1) === 'wsUrl' ? 'The WebSocket URL' : issue?.path.at(-1) === 'baseUrl' ? 'The host URL' : 'The connection';
        return err({ kind: 'invalid-input', message: `${field} is not a valid address (${issue?.message ?? 'invalid'})` });
      }
      const stored = await deps.secrets.readApiKey();
      if (!stored.ok) return err({ kind: 'unavailable', message: stored.error.message });
      const urlsChanged = endpointOf(next.openalgo.baseUrl) !== endpointOf(current.openalgo.baseUrl) || !sameWsUrl(next.openalgo.wsUrl, current.openalgo.wsUrl);
      if (urlsChanged && !input.apiKey && stored.value !== undefined) {
        return err({
          kind: 'invalid-input',
          message: 'type the API key again to save new OpenAlgo URLs: the saved key is only ever sent to the URLs it was saved with',
        });
      }
      // Key first: if it cannot be stored nothing has changed, and the old key is never left bound to new URLs.
      if (input.apiKey) {
        const written = await deps.secrets.writeApiKey(input.apiKey);
        if (!written.ok) return err({ kind: 'unavailable', message: written.error.message });
      }
      const saved = deps.saveConfig(next);
      if (!saved.ok) {
        if (input.apiKey && stored.value !== undefined) await deps.secrets.writeApiKey(stored.value);
        return err({ kind: 'invalid-input', message: saved.error.message });
      }
      deps.logger.info({ baseUrl: next.openalgo.baseUrl, wsUrl: next.openalgo.wsUrl, keyChanged: Boolean(input.apiKey) }, 'OpenAlgo connection saved');
      return profile();
    },

    async test(input: ConnectionInput): Promise<Result<ConnectionTestResult, ConnectionError>> {
      if (testRunning) return err({ kind: 'invalid-state', message: 'a connection test is already running: wait for its result' });
      testRunning = true;
      try {
        return await runTest(input);
      } finally {
        testRunning = false;
      }
    },
  };
}

export type ConnectionService = ReturnType<typeof createConnectionService>;
