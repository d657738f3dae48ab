import type { Clock } from '#core/clock';
import type { Logger } from '#core/log';
import { err, ok, type Result } from '#core/result';
import type { Config } from '#config/schema';
import { createOpenAlgoClient } from '#openalgo/client';
import { testConnection, type ConnectionReport } from '#openalgo/test-connection';
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
  | { kind: 'unavailable'; message: string }
  | { kind: 'internal'; message: string };

export interface ConnectionTestResult extends ConnectionReport {
  readonly latencyMs: number;
}

export interface ConnectionServiceDeps {
  readonly clock: Clock;
  readonly logger: Logger;
  readonly secrets: SecretStore;
  readonly config: () => Config;
  /** Persists a changed config (atomic write with backup). */
  readonly saveConfig: (config: Config) => Result<unknown, { message: string }>;
}

/**
 * The OpenAlgo connection profile as the trader edits it: URLs in config.json, the key in the secret
 * store. A test runs ping then funds against OpenAlgo and reports the broker and cash in one line.
 */
export function createConnectionService(deps: ConnectionServiceDeps) {
  const profile = async (): Promise<Result<ConnectionProfile, ConnectionError>> => {
    const key = await deps.secrets.readApiKey();
    if (!key.ok) return err({ kind: 'unavailable', message: key.error.message });
    const { baseUrl, wsUrl } = deps.config().openalgo;
    return ok({ baseUrl, wsUrl, hasApiKey: key.value !== undefined, keyStorage: deps.secrets.description });
  };

  return {
    profile,

    async save(input: ConnectionInput): Promise<Result<ConnectionProfile, ConnectionError>> {
      const current = deps.config();
      const next: Config = {
        ...current,
        openalgo: { ...current.openalgo, ...(input.baseUrl ? { baseUrl: input.baseUrl } : {}), ...(input.wsUrl ? { wsUrl: input.wsUrl } : {}) },
      };
      const saved = deps.saveConfig(next);
      if (!saved.ok) return err({ kind: 'invalid-input', message: saved.error.message });
      if (input.apiKey) {
        const written = await deps.secrets.writeApiKey(input.apiKey);
        if (!written.ok) return err({ kind: 'unavailable', message: written.error.message });
      }
      deps.logger.info({ baseUrl: next.openalgo.baseUrl, wsUrl: next.openalgo.wsUrl, keyChanged: Boolean(input.apiKey) }, 'OpenAlgo connection saved');
      return profile();
    },

    async test(input: ConnectionInput): Promise<Result<ConnectionTestResult, ConnectionError>> {
      const stored = await deps.secrets.readApiKey();
      if (!stored.ok) return err({ kind: 'unavailable', message: stored.error.message });
      const apiKey = input.apiKey ?? stored.value;
      if (!apiKey) return err({ kind: 'invalid-input', message: 'no API key: paste the key from OpenAlgo (API Key page) first' });
      const cfg = deps.config().openalgo;
      const client = createOpenAlgoClient({ host: input.baseUrl ?? cfg.baseUrl, apiKey, clock: deps.clock, timeoutMs: cfg.timeoutMs, readRetries: 0 });
      const started = deps.clock.now();
      const r = await testConnection(client);
      if (!r.ok) {
        deps.logger.warn({ kind: r.error.kind, endpoint: r.error.endpoint }, 'OpenAlgo connection test failed');
        return err({ kind: 'unavailable', message: `OpenAlgo ${r.error.kind}: ${r.error.message}` });
      }
      return ok({ ...r.value, latencyMs: deps.clock.now() - started });
    },
  };
}

export type ConnectionService = ReturnType<typeof createConnectionService>;
