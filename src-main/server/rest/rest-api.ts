import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import type { Logger } from '#core/log';
import type { Router } from '#bridge/router';
import type { ApiErrorDto, RestRoute } from '#contract/rest-api';
import { restRoutes, ROUTE_NAMES } from '#contract/rest-api';
import { registerBacktestReportPage } from './backtest-report-page.ts';
import { docsPage } from './docs-page.ts';
import { openApiDocument } from './openapi.ts';
import { restHandlers } from './rest-handlers.ts';
import { apiError, httpStatusOf, parseInput } from './rest-input.ts';

export interface RestApiOptions {
  /** A router made for this door (`createRouter(engine, logger, 'http-api')`): the audit names the API. */
  readonly router: Router;
  readonly version: string;
  readonly logger: Logger;
}

/** Request bodies are a few fields: anything larger is refused before parsing. */
const BODY_LIMIT = 16 * 1024;

/** `/api/bots/{bot}` → `/api/bots/:bot`. */
const fastifyPath = (path: string): string => path.replace(/\{(\w+)\}/g, ':$1');

const send = (reply: FastifyReply, status: number, body: ApiErrorDto): FastifyReply => reply.code(status).type('application/json; charset=utf-8').send(body);

/**
 * The REST API (`/api/*` as `restRoutes` lists it), `/api/openapi.json` and the `/docs` page. Access (token,
 * Host, Origin) is the server's `onRequest` guard, the same as for the bridge; here every input is checked
 * against the route's schemas and every call goes through the bridge router.
 */
export async function registerRestApi(app: FastifyInstance, options: RestApiOptions): Promise<void> {
  const handlers = restHandlers(options.router) as Record<string, (input: unknown) => unknown>;
  const doc = openApiDocument(options.version);
  const docs = docsPage(doc);

  await app.register(async (api) => {
    // Bodies that are not JSON, not UTF-8, too large or empty while declared JSON: a clear 4xx, never a stack.
    api.setErrorHandler((e: FastifyError, _req, reply) => {
      const status = e.statusCode !== undefined && e.statusCode >= 400 && e.statusCode < 500 ? e.statusCode : 500;
      if (status === 500) options.logger.error({ err: e }, 'REST API handler failed');
      const message = status === 500 ? 'the request failed inside the terminal; see its log' : `the request was refused: ${e.message}`;
      return send(reply, status, { error: status === 413 ? 'too-large' : status === 415 ? 'unsupported-media-type' : status === 500 ? 'internal' : 'invalid-input', message });
    });

    for (const name of ROUTE_NAMES) {
      const route: RestRoute = restRoutes[name];
      api.route({
        method: route.method,
        url: fastifyPath(route.path),
        bodyLimit: BODY_LIMIT,
        handler: async (req, reply) => {
          const input = parseInput(route, { params: req.params, query: req.query, body: req.body });
          if (!input.ok) return send(reply, 400, input.error);
          const result = (await handlers[name]!(input.value)) as { ok: true; value: unknown } | { ok: false; error: Parameters<typeof apiError>[0] };
          if (!result.ok) return send(reply, httpStatusOf(result.error.kind), apiError(result.error));
          return reply.code(200).type('application/json; charset=utf-8').send(result.value);
        },
      });
    }

    api.get('/api/openapi.json', async (_req, reply) => reply.type('application/json; charset=utf-8').send(doc));
    registerBacktestReportPage(api, options.router);
    // Any other /api path or method, in the API's own error shape (fastify's default would be its own).
    api.all('/api/*', async (req, reply) =>
      send(reply, 404, { error: 'not-found', message: `there is no ${req.method} ${new URL(req.url, 'http://terminal.invalid').pathname}: the routes are listed at /docs` }),
    );
    api.get('/docs', async (_req, reply) => reply.type('text/html; charset=utf-8').send(docs));
  });
}
