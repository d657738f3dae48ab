import type { Config } from '#config/schema';
import type { Logger } from '#core/log';
import { createRouter, type RouterParts } from '#bridge/router';
import type { EngineApi } from '#engine/engine-api';
import { createEngineMetrics } from '#metrics/engine-metrics';
import { configuredAccess, startHttpServer, type RunningServer } from '#server/http-server';

/** What the app does about its REST API at start. */
export type AppApiPlan =
  | { readonly kind: 'off' }
  | { readonly kind: 'start'; readonly host: '127.0.0.1'; readonly port: number; readonly token: string }
  | { readonly kind: 'refused'; readonly message: string };

/**
 * The desktop app serves the REST API only when `appApi.enabled` is set in config.json, only on 127.0.0.1,
 * and only with a configured token: the app prints nothing a script could read a per-run token from, and a
 * token written to a file or the log would be a secret left lying around.
 */
export function appApiPlan(config: Pick<Config, 'appApi' | 'server'>, env: NodeJS.ProcessEnv): AppApiPlan {
  if (!config.appApi.enabled) return { kind: 'off' };
  const { token } = configuredAccess(config.server, env);
  if (!token) return { kind: 'refused', message: 'the REST API is enabled (appApi.enabled) but no access token is configured: set "server.token" in config.json or TERMINAL_SERVER_TOKEN; the API stays off' };
  return { kind: 'start', host: '127.0.0.1', port: config.appApi.port, token };
}

export interface AppApiDeps {
  readonly engine: EngineApi;
  /** The engine's clock, which `/metrics` measures lags on. */
  readonly now: () => number;
  /** `risk.orderRate.maxPerSecond` from the config, shown beside SEBI's limit. */
  readonly ordersPerSecondLimit: number;
  readonly logger: Logger;
  /** The window's own services beside the engine (backtests), shared so their limits hold across both doors. */
  readonly routerParts?: RouterParts;
}

/**
 * Starts the app's API, with `/metrics` beside it (the same token and Host rules), when the plan says so;
 * a refusal or a failed start is logged and the app runs on without it. The metrics count only while the
 * API is up: closing it stops them.
 */
export async function startAppApi(plan: AppApiPlan, deps: AppApiDeps): Promise<RunningServer | undefined> {
  const { engine, logger } = deps;
  if (plan.kind === 'off') return undefined;
  if (plan.kind === 'refused') {
    logger.warn(plan.message);
    return undefined;
  }
  const metrics = createEngineMetrics({ engine, now: deps.now, ordersPerSecondLimit: deps.ordersPerSecondLimit });
  const started = await startHttpServer({ host: plan.host, port: plan.port, token: plan.token, router: createRouter(engine, logger, 'bridge', deps.routerParts), engine, logger, metrics, apiOnly: true, ...(deps.routerParts ? { routerParts: deps.routerParts } : {}) });
  if (!started.ok) {
    metrics.close();
    logger.warn({ error: started.error }, `the REST API did not start: ${started.error.message} (${started.error.fix})`);
    return undefined;
  }
  logger.info({ origin: started.value.origin }, 'REST API listening');
  const server = started.value;
  return {
    ...server,
    async close() {
      metrics.close();
      await server.close();
    },
  };
}
