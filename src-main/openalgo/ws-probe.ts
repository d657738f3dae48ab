import WebSocket from 'ws';
import { err, ok, type Result } from '#core/result';
import { SESSION_EXPIRED_MESSAGE, redactSecret } from './errors.ts';
import { parseWsFrame } from './wire/ws.ts';

export interface WsProbeReport {
  readonly broker?: string;
}

/** How long a probe waits for the socket to open and OpenAlgo to answer the authentication. */
export const WS_PROBE_TIMEOUT_MS = 5000;

/**
 * One look at OpenAlgo's market data WebSocket: connect, authenticate with the key, read the answer,
 * close. A REST test says nothing about this socket (a wrong WebSocket URL or port passes it), so the
 * connection test runs this too. The key is only ever sent in the authenticate message and never
 * appears in an error.
 */
export function probeOpenAlgoWs(url: string, apiKey: string, timeoutMs = WS_PROBE_TIMEOUT_MS): Promise<Result<WsProbeReport, string>> {
  return new Promise((resolve) => {
    let settled = false;
    let socket: WebSocket | undefined;
    const finish = (r: Result<WsProbeReport, string>): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (socket) {
        socket.removeAllListeners();
        socket.on('error', () => {});
        socket.terminate();
      }
      resolve(r.ok ? r : err(redactSecret(r.error, apiKey)));
    };
    const timer = setTimeout(() => finish(err(`the WebSocket at ${url} did not answer within ${Math.round(timeoutMs / 1000)} s`)), timeoutMs);
    try {
      socket = new WebSocket(url, { handshakeTimeout: timeoutMs });
    } catch (e) {
      finish(err(`the WebSocket URL ${url} cannot be used (${(e as Error).message})`));
      return;
    }
    socket.on('open', () => socket?.send(JSON.stringify({ action: 'authenticate', api_key: apiKey })));
    socket.on('message', (data, isBinary) => {
      const frame = parseWsFrame(isBinary ? '' : data.toString());
      if (!frame.ok) return finish(err(`the WebSocket at ${url} does not speak OpenAlgo's protocol (${frame.error.message})`));
      const f = frame.value;
      if (f.kind === 'auth') return finish(ok(f.broker ? { broker: f.broker } : {}));
      if (f.kind !== 'error') return;
      if (f.code === 'AUTHENTICATION_ERROR') return finish(err(`OpenAlgo's WebSocket rejected the API key (${f.message || f.code})`));
      if (f.code.startsWith('BROKER_')) return finish(err(`${SESSION_EXPIRED_MESSAGE} (the WebSocket answered ${f.code})`));
      finish(err(`OpenAlgo's WebSocket refused the authentication (${f.code}${f.message ? `: ${f.message}` : ''})`));
    });
    socket.on('close', (code) => finish(err(`the WebSocket at ${url} closed the connection (${code}) before answering`)));
    socket.on('error', (e) => finish(err(`cannot reach OpenAlgo's WebSocket at ${url} (${e.message})`)));
  });
}
