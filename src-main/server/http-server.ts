import fs from 'node:fs';
import type { IncomingMessage } from 'node:http';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';
import { WebSocketServer } from 'ws';
import { listenFailure } from '#core/listen-failure';
import type { Logger } from '#core/log';
import { err, ok, type Result } from '#core/result';
import { createRouter, type Router, type RouterParts } from '#bridge/router';
import type { EngineApi } from '#engine/engine-api';
import { registerSecret } from '#core/redact';
import { newAccessToken, requestAuthorized, TOKEN_ENV, TOKEN_PATTERN, tokenCookie, tokenMatches } from './access-token.ts';
import { DEFAULT_BRIDGE_LIMITS, serveBridgeSocket, type BridgeLimits } from './bridge-socket.ts';
import { hostAllowed, isLoopbackBind, isWildcardBind, originAllowed, urlHost, type HostPolicy } from './request-guard.ts';
import { SECURITY_HEADERS } from './security-headers.ts';
import { registerRestApi } from './rest/rest-api.ts';
import { METRICS_PATH, registerMetricsRoute, type MetricsSource } from './metrics-route.ts';

export interface ServerLimits {
  /** A client must have sent its request headers within this time (Node's headersTimeout). */
  readonly headersTimeoutMs: number;
  /** …and its whole request within this one (Node's requestTimeout). */
  readonly requestTimeoutMs: number;
  /** How often Node checks the two timeouts above. */
  readonly connectionsCheckingIntervalMs: number;
  /** Bridge WebSockets open at once. */
  readonly maxBridgeSockets: number;
  readonly bridge: BridgeLimits;
}

export const DEFAULT_SERVER_LIMITS: ServerLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  connectionsCheckingIntervalMs: 1000,
  maxBridgeSockets: 32,
  bridge: DEFAULT_BRIDGE_LIMITS,
};

export interface HttpServerOptions {
  readonly host: string;
  readonly port: number;
  readonly router: Router;
  readonly engine: EngineApi;
  readonly logger: Logger;
  /** The built renderer (`out/renderer`); without it the UI routes answer 503 with a hint. */
  readonly staticDir?: string;
  /** A fixed access token (TERMINAL_SERVER_TOKEN or `server.token`); a random one per run otherwise. */
  readonly token?: string;
  /** `server.allowedHost`: a host name the browser may use besides loopback. */
  readonly allowedHost?: string;
  readonly limits?: Partial<ServerLimits>;
  /** Served at `/metrics` (token required, as for /api) when given. */
  readonly metrics?: MetricsSource;
  /** The desktop app's API: `/api`, `/docs` (and `/metrics`) only; no UI and no bridge (its window uses IPC). */
  readonly apiOnly?: boolean;
  /** Services beside the engine (backtests) for the REST API's router: the same ones as the bridge router's. */
  readonly routerParts?: RouterParts;
}

export interface RunningServer {
  /** The address to open, token included: the line the shell prints. */
  readonly url: string;
  /** The same address without the token. */
  readonly origin: string;
  readonly port: number;
  /** One line to show the user when the server can be reached from other machines. */
  readonly warning?: string;
  close(): Promise<void>;
}

/** Why the server did not start, as one line (`message`) and what to do about it (`fix`). */
export interface ServerStartError {
  readonly kind: 'bad-token' | 'insecure-bind' | 'port-in-use' | 'cannot-listen';
  readonly message: string;
  readonly fix: string;
}

/** The token and host name the user configured: TERMINAL_SERVER_TOKEN wins over `server.token` in config.json. */
export function configuredAccess(server: { readonly token?: string; readonly allowedHost?: string }, env: NodeJS.ProcessEnv): { token?: string; allowedHost?: string } {
  const token = env[TOKEN_ENV] || server.token;
  return { ...(token ? { token } : {}), ...(server.allowedHost ? { allowedHost: server.allowedHost } : {}) };
}

const OPEN_THE_PRINTED_URL = 'open the address the terminal printed when it started (it ends in ?token=…)';
const UNAUTHORIZED_API = { error: 'unauthorized', message: `no valid access token: ${OPEN_THE_PRINTED_URL}, or send "Authorization: Bearer <token>"` };

function checkStart(options: HttpServerOptions): Result<string, ServerStartError> {
  if (options.token !== undefined && !TOKEN_PATTERN.test(options.token)) {
    return err({
      kind: 'bad-token',
      message: 'the configured server token is not usable',
      fix: `make ${TOKEN_ENV} (or "server.token" in config.json) 32 to 256 letters, digits or ._~-, e.g. the output of \`openssl rand -hex 32\``,
    });
  }
  if (!isLoopbackBind(options.host) && options.token === undefined) {
    return err({
      kind: 'insecure-bind',
      message: `--host ${options.host} would let other machines reach the terminal, and no fixed access token is configured`,
      fix: `set ${TOKEN_ENV} or "server.token" in config.json (e.g. \`openssl rand -hex 32\`), or bind to 127.0.0.1`,
    });
  }
  const token = options.token ?? newAccessToken();
  registerSecret(token);
  return ok(token);
}

/** Refuses a WebSocket upgrade with a plain HTTP answer and closes the socket. */
function refuseUpgrade(socket: Duplex, status: number, reason: string, body: string): void {
  const headers = Object.entries(SECURITY_HEADERS).map(([k, v]) => `${k}: ${v}\r\n`).join('');
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nconnection: close\r\ncontent-type: text/plain; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\n${headers}\r\n${body}`, () => socket.destroy());
}

/**
 * The headless shell's HTTP side: the built UI, the REST API (`/api/*`, `/api/openapi.json`, `/docs`: rest/),
 * and the bridge WebSocket at `/bridge`.
 *
 * Every request must name this machine (loopback, the bind address or `server.allowedHost`) in `Host`
 * and, when it carries one, in `Origin`: that is what defeats DNS rebinding. `/api` and `/bridge` also
 * need the access token: the printed `?token=` link sets it as an HttpOnly SameSite=Strict cookie and
 * redirects to the clean address; other clients send `Authorization: Bearer <token>`.
 */
export async function startHttpServer(options: HttpServerOptions): Promise<Result<RunningServer, ServerStartError>> {
  const { router, engine, logger } = options;
  const limits: ServerLimits = { ...DEFAULT_SERVER_LIMITS, ...options.limits };
  const start = checkStart(options);
  if (!start.ok) return start;
  const token = start.value;

  const app: FastifyInstance = Fastify({
    logger: false,
    requestTimeout: limits.requestTimeoutMs,
    http: {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      connectionsCheckingInterval: limits.connectionsCheckingIntervalMs,
    },
  });
  let policy: HostPolicy = { port: options.port, bindHost: options.host, ...(options.allowedHost ? { allowedHost: options.allowedHost } : {}) };

  app.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
    reply.headers(SECURITY_HEADERS);
    const { host, origin } = req.headers;
    if (!hostAllowed(host, policy) || !originAllowed(origin, host, policy)) {
      return reply.code(403).type('text/plain; charset=utf-8').send('Forbidden: this address is not the terminal’s (open it as http://127.0.0.1:<port>).');
    }
    const url = new URL(req.url, 'http://terminal.invalid');
    if (url.pathname === '/api' || url.pathname.startsWith('/api/') || url.pathname === METRICS_PATH) {
      if (!requestAuthorized(req.headers, policy.port, token)) return reply.code(401).header('cache-control', 'no-store').send(UNAUTHORIZED_API);
      reply.header('cache-control', 'no-store');
      return undefined;
    }
    const offered = url.searchParams.get('token');
    if (offered !== null && (req.method === 'GET' || req.method === 'HEAD')) {
      if (!tokenMatches(offered, token)) {
        return reply.code(401).type('text/plain; charset=utf-8').send(`This link's access token is not the running terminal's: ${OPEN_THE_PRINTED_URL}. A token changes on every start unless one is configured.`);
      }
      // Always to the root: a path taken from the request could make this an open redirect.
      return reply.code(303).header('set-cookie', tokenCookie(policy.port, token)).header('cache-control', 'no-store').redirect('/', 303);
    }
    return undefined;
  });

  if (options.metrics) registerMetricsRoute(app, options.metrics);

  // The REST API and /docs, behind the same token and Host guard; its own router names it in the audit.
  await registerRestApi(app, { router: createRouter(engine, logger, 'http-api', options.routerParts), version: engine.status().version, logger });

  const staticDir = options.staticDir;
  if (options.apiOnly) {
    app.get('/', async (_req, reply) => reply.redirect('/docs', 303));
  } else if (staticDir && fs.existsSync(path.join(staticDir, 'index.html'))) {
    await app.register(fastifyStatic, { root: path.resolve(staticDir), index: ['index.html'] });
  } else {
    app.get('/', async (_req, reply) => reply.code(503).type('text/plain').send('The UI is not built: run `npm run build` (npm run serve does it for you).'));
  }

  const wss = new WebSocketServer({ noServer: true, maxPayload: 256 * 1024 });
  app.server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const { host, origin } = req.headers;
    const pathname = new URL(req.url ?? '/', 'http://terminal.invalid').pathname;
    if (!hostAllowed(host, policy) || !originAllowed(origin, host, policy)) return refuseUpgrade(socket, 403, 'Forbidden', 'this address is not the terminal’s');
    if (options.apiOnly) return refuseUpgrade(socket, 404, 'Not Found', 'this is the app’s REST API: the bridge is not served here');
    if (pathname !== '/bridge') return refuseUpgrade(socket, 404, 'Not Found', 'the bridge is at /bridge');
    if (!requestAuthorized(req.headers, policy.port, token)) return refuseUpgrade(socket, 401, 'Unauthorized', `no valid access token: ${OPEN_THE_PRINTED_URL}`);
    if (wss.clients.size >= limits.maxBridgeSockets) return refuseUpgrade(socket, 503, 'Service Unavailable', `at most ${limits.maxBridgeSockets} bridge connections at once`);
    wss.handleUpgrade(req, socket, head, (ws) => serveBridgeSocket(ws, router, logger, limits.bridge));
  });

  try {
    await app.listen({ host: options.host, port: options.port });
  } catch (e) {
    const failure = listenFailure(e, { host: options.host, port: options.port, option: '--port' });
    if (!failure) throw e;
    await app.close();
    const kind = (e as NodeJS.ErrnoException).code === 'EADDRINUSE' ? 'port-in-use' : 'cannot-listen';
    return err({ kind, message: failure.what, fix: failure.fix });
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  policy = { ...policy, port };
  const shownHost = isWildcardBind(options.host) ? (options.allowedHost ?? '127.0.0.1') : urlHost(options.host);
  const origin = `http://${shownHost}:${port}`;
  const warning = isLoopbackBind(options.host)
    ? undefined
    : `Warning: listening on ${options.host}:${port}, reachable from other machines; anyone with the access token can drive this terminal and the traffic is not encrypted.`;
  if (warning) logger.warn({ host: options.host, port }, 'headless server reachable from other machines');
  return ok({
    url: `${origin}/?token=${token}`,
    origin,
    port,
    ...(warning ? { warning } : {}),
    async close() {
      for (const c of wss.clients) c.terminate();
      wss.close();
      await app.close();
    },
  });
}
