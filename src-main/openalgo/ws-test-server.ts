import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';

/**
 * A scripted stand-in for OpenAlgo's WebSocket proxy for the client's tests: it answers `authenticate`
 * the way the chosen behaviour says, with the frames `websocket_proxy/server.py` sends, and lets the test
 * push frames or close sockets. Behaviour of a real proxy beyond that is the simulator's job.
 */
export type AuthBehaviour =
  | { readonly kind: 'accept' }
  /** The daily broker logout: the key is valid, the broker session is not (`authenticate_client`). */
  | { readonly kind: 'broker-error'; readonly code?: string; readonly message?: string }
  | { readonly kind: 'auth-error' }
  /** Says nothing: neither an answer nor the 4401 close (a test closes when it wants). */
  | { readonly kind: 'silent' };

export interface ScriptedWsServer {
  readonly url: string;
  /** Connections accepted so far. */
  readonly connections: number;
  /** Every JSON message received, in order. */
  readonly received: readonly Record<string, unknown>[];
  auth: AuthBehaviour;
  /** Sends raw text to every open socket. */
  broadcast(text: string): void;
  closeAll(code: number, reason: string): void;
  close(): Promise<void>;
}

export async function startScriptedWsServer(auth: AuthBehaviour = { kind: 'accept' }): Promise<ScriptedWsServer> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => wss.once('listening', resolve));
  const received: Record<string, unknown>[] = [];
  let connections = 0;
  const server: ScriptedWsServer = {
    url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`,
    get connections() {
      return connections;
    },
    received,
    auth,
    broadcast(text) {
      for (const c of wss.clients) if (c.readyState === WebSocket.OPEN) c.send(text);
    },
    closeAll(code, reason) {
      for (const c of wss.clients) c.close(code, reason);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of wss.clients) c.terminate();
        wss.close(() => resolve());
      }),
  };
  wss.on('connection', (socket) => {
    connections++;
    socket.on('message', (data) => {
      const msg = JSON.parse(data.toString()) as Record<string, unknown>;
      received.push(msg);
      const action = msg.action ?? msg.type;
      if (action === 'authenticate' || action === 'auth') {
        const a = server.auth;
        if (a.kind === 'accept') socket.send(JSON.stringify({ type: 'auth', status: 'success', message: 'Authentication successful', broker: 'zerodha', user_id: 'u1' }));
        else if (a.kind === 'broker-error') socket.send(JSON.stringify({ status: 'error', code: a.code ?? 'BROKER_ERROR', message: a.message ?? 'No broker configuration found for user' }));
        else if (a.kind === 'auth-error') socket.send(JSON.stringify({ status: 'error', code: 'AUTHENTICATION_ERROR', message: 'Invalid API key' }));
      } else if (action === 'subscribe') {
        socket.send(JSON.stringify({ type: 'subscribe', status: 'success', subscriptions: [], message: 'Subscription processing complete', request_id: msg.request_id }));
      }
    });
  });
  return server;
}
