import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the proxy does with one request: pass it on, and optionally replace the answer it got. */
export interface ProxyRules {
  /** Called when a request arrives, before it is passed on (`path` without `/api/v1/`). */
  before?(path: string): void;
  /** A replacement for the upstream answer, or undefined to hand the answer back as it came. */
  answer?(path: string, upstream: { status: number; body: string }): { status: number; body: string } | undefined;
}

export interface LoopbackProxy {
  /** Host URL to give the client. */
  readonly host: string;
  close(): Promise<void>;
}

/**
 * A loopback HTTP relay in front of the OpenAlgo simulator, for faults the simulator cannot stage on its
 * own: a request that reaches it in full (the order is placed) and then gets another answer, such as
 * OpenAlgo's 500 "Failed to place order due to internal error" after the broker took the order.
 */
export async function startLoopbackProxy(upstream: string, rules: ProxyRules): Promise<LoopbackProxy> {
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = (req.url ?? '/').replace(/^\/api\/v1\//, '').replace(/[/?].*$/, '');
      rules.before?.(path);
      const body = Buffer.concat(chunks).toString('utf8');
      void fetch(`${upstream}${req.url ?? '/'}`, {
        method: req.method ?? 'GET',
        headers: { 'content-type': req.headers['content-type'] ?? 'application/json' },
        ...(req.method === 'GET' || req.method === 'HEAD' ? {} : { body }),
      })
        .then(async (r) => {
          const got = { status: r.status, body: await r.text() };
          const out = rules.answer?.(path, got) ?? got;
          res.writeHead(out.status, { 'content-type': 'application/json' }).end(out.body);
        })
        .catch(() => res.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    host: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
