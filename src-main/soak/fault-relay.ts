import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { OpenAlgoSim } from '#openalgo-sim/server';
import { OrderFault } from './plan.ts';

/** The routes whose requests the plan faults: every order the engine sends or cancels. */
export type OrderRoute = 'placeorder' | 'cancelorder' | 'modifyorder';
const ORDER_ROUTES: ReadonlySet<string> = new Set<OrderRoute>(['placeorder', 'cancelorder', 'modifyorder']);

/** How long an order request may wait for the simulator's answer (it answers at once unless told to hang). */
const UPSTREAM_WAIT_MS = 2000;

/** OpenAlgo's 500 when the broker call failed after it may have taken the order (`place_order_service`). */
const INTERNAL_ERROR: Record<OrderRoute, string> = {
  placeorder: 'Failed to place order due to internal error',
  cancelorder: 'Failed to cancel order due to internal error',
  modifyorder: 'Failed to modify order due to internal error',
};

export interface RelayHooks {
  /** The fault for this order request (called once per request, in arrival order). */
  faultFor(route: OrderRoute): OrderFault;
  /** SIGKILLs the engine process now. */
  kill(): void;
}

export interface FaultRelay {
  /** The host URL the engine's OpenAlgo client talks to. */
  readonly host: string;
  /** Faults applied so far, by kind. */
  readonly applied: ReadonlyMap<OrderFault, number>;
  close(): Promise<void>;
}

interface Upstream {
  readonly status: number;
  readonly body: string;
}

/**
 * A loopback HTTP relay between the engine and the OpenAlgo simulator. Reads pass straight through;
 * order requests pass one at a time, so that a fault armed in the simulator for one request (its own
 * one-shot `rest` faults and reject rate) cannot land on another. Faults the simulator cannot stage on
 * its own happen here: an answer replaced or cut off after the order was placed, and the engine killed
 * before or after OpenAlgo took its order.
 */
export async function startFaultRelay(sim: OpenAlgoSim, hooks: RelayHooks): Promise<FaultRelay> {
  const applied = new Map<OrderFault, number>();
  const sockets = new Set<Socket>();
  let queue: Promise<void> = Promise.resolve();

  const forward = async (req: IncomingMessage, body: string, signal?: AbortSignal): Promise<Upstream | undefined> => {
    try {
      const r = await fetch(`${sim.host}${req.url ?? '/'}`, {
        method: req.method ?? 'GET',
        headers: { 'content-type': req.headers['content-type'] ?? 'application/json' },
        ...(req.method === 'GET' || req.method === 'HEAD' ? {} : { body }),
        ...(signal ? { signal } : {}),
      });
      return { status: r.status, body: await r.text() };
    } catch {
      return undefined;
    }
  };
  const answer = (res: ServerResponse, up: Upstream | undefined): void => {
    if (res.destroyed) return;
    if (!up) {
      res.destroy();
      return;
    }
    res.writeHead(up.status, { 'content-type': 'application/json' }).end(up.body);
  };

  async function order(route: OrderRoute, req: IncomingMessage, body: string, res: ServerResponse): Promise<void> {
    const fault = hooks.faultFor(route);
    applied.set(fault, (applied.get(fault) ?? 0) + 1);
    // A client that gives up (its timeout) closes the socket: the relay stops waiting for the simulator
    // too, and never waits long for one that hangs on purpose, so the next order is not held behind it.
    const gone = new AbortController();
    res.on('close', () => gone.abort());
    const bound = setTimeout(() => gone.abort(), UPSTREAM_WAIT_MS);
    switch (fault) {
      case OrderFault.killBefore:
        hooks.kill();
        res.destroy();
        return;
      case OrderFault.errorBefore:
        sim.apply({ kind: 'rest', path: route, fault: { kind: 'status', status: 500 } });
        break;
      case OrderFault.rateLimited:
        sim.apply({ kind: 'rest', path: route, fault: { kind: 'status', status: 429, retryAfter: 1 } });
        break;
      case OrderFault.refused:
        sim.apply({ kind: 'rest', path: route, fault: { kind: 'status', status: 400, message: 'RMS: margin exceeds the limit for this order' } });
        break;
      case OrderFault.timeoutAfterAccept:
        sim.apply({ kind: 'rest', path: route, fault: { kind: 'timeout-after-accept' } });
        break;
      default:
        break;
    }
    const rejectAll = fault === OrderFault.brokerReject && route === 'placeorder';
    const before = sim.faults.rates.reject;
    if (rejectAll) sim.apply({ kind: 'rates', rates: { reject: 1 } });
    const up = await forward(req, body, gone.signal);
    clearTimeout(bound);
    if (rejectAll) sim.apply({ kind: 'rates', rates: { reject: before } });
    switch (fault) {
      case OrderFault.errorAfterAccept:
        return answer(res, up && { status: 500, body: JSON.stringify({ status: 'error', message: INTERNAL_ERROR[route] }) });
      case OrderFault.dropAfterAccept:
        res.destroy();
        return;
      case OrderFault.killAfterAccept:
        hooks.kill();
        res.destroy();
        return;
      default:
        return answer(res, up);
    }
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const route = (req.url ?? '/').replace(/^\/api\/v1\//, '').replace(/[/?].*$/, '');
      if (!ORDER_ROUTES.has(route)) {
        void forward(req, body).then((up) => answer(res, up));
        return;
      }
      queue = queue
        .then(() => order(route as OrderRoute, req, body, res))
        .catch(() => {
          res.destroy();
        });
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    host: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    applied,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await queue;
    },
  };
}
