import type { Config } from '#config/schema';
import type { Logger } from '#core/log';
import { createRouter } from '#bridge/router';
import type { EngineApi } from '#engine/engine-api';
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

/** Starts the app's API when the plan says so; a refusal or a failed start is logged and the app runs on without it. */
export async function startAppApi(plan: AppApiPlan, engine: EngineApi, logger: Logger): Promise<RunningServer | undefined> {
  if (plan.kind === 'off') return undefined;
  if (plan.kind === 'refused') {
    logger.warn(plan.message);
    return undefined;
  }
  const started = await startHttpServer({ host: plan.host, port: plan.port, token: plan.token, router: createRouter(engine, logger), engine, logger, apiOnly: true });
  if (!started.ok) {
    logger.warn({ error: started.error }, `the REST API did not start: ${started.error.message} (${started.error.fix})`);
    return undefined;
  }
  logger.info({ origin: started.value.origin }, 'REST API listening');
  return started.value;
}
