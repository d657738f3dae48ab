import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { WebSocketServer } from 'ws';
import type { Logger } from '#core/log';
import type { Router } from '#bridge/router';
import type { EngineApi } from '#engine/engine-api';
import { serveBridgeSocket } from './bridge-socket.ts';

export interface HttpServerOptions {
  readonly host: string;
  readonly port: number;
  readonly router: Router;
  readonly engine: EngineApi;
  readonly logger: Logger;
  /** The built renderer (`out/renderer`); without it the UI routes answer 503 with a hint. */
  readonly staticDir?: string;
}

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/** Only pages served by this server may open the bridge: a foreign web page must not drive the engine. */
function originAllowed(origin: string | undefined, host: string | undefined): boolean {
  if (origin === undefined) return true;
  try {
    return host !== undefined && new URL(origin).host === host;
  } catch {
    return false;
  }
}

/**
 * The headless shell's HTTP side: the built UI, `/api/status`, and the bridge WebSocket at `/bridge`.
 * It binds to loopback by default; it is a local terminal, not a public service.
 */
export async function startHttpServer(options: HttpServerOptions): Promise<RunningServer> {
  const { router, engine, logger } = options;
  const app: FastifyInstance = Fastify({ logger: false });

  app.get('/api/status', async () => {
    const s = engine.status();
    return {
      version: s.version,
      mode: s.mode,
      clock: { epochMs: s.now, iso: new Date(s.now).toISOString() },
      marketOpen: s.marketOpen,
      feed: { name: s.feedName, state: s.feed.state, ...(s.feed.message ? { message: s.feed.message } : {}) },
    };
  });

  const staticDir = options.staticDir;
  if (staticDir && fs.existsSync(path.join(staticDir, 'index.html'))) {
    await app.register(fastifyStatic, { root: path.resolve(staticDir), index: ['index.html'] });
  } else {
    app.get('/', async (_req, reply) => reply.code(503).type('text/plain').send('The UI is not built: run `npm run build` (npm run serve does it for you).'));
  }

  const wss = new WebSocketServer({ noServer: true, maxPayload: 256 * 1024 });
  app.server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== '/bridge' || !originAllowed(req.headers.origin, req.headers.host)) {
      socket.write('HTTP/1.1 403 Forbidden\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => serveBridgeSocket(ws, router, logger));
  });

  await app.listen({ host: options.host, port: options.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const url = `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`;
  return {
    url,
    port,
    async close() {
      for (const c of wss.clients) c.terminate();
      wss.close();
      await app.close();
    },
  };
}
