import type { BridgeApi, ClientMessage, ServerMessage, StreamHandlers } from '#contract/bridge-api';
import type { CommandInput, CommandName, CommandOutput, StreamName, StreamParams } from '#contract/channels';
import type { BridgeErrorDto, BridgeResult } from '#contract/dto';

export type ConnectionState = 'connecting' | 'open' | 'closed';

export interface WsClientOptions {
  url: string;
  /** Injected for tests and Node; the browser's WebSocket by default. */
  WebSocketImpl?: typeof WebSocket;
  onConnection?: (state: ConnectionState) => void;
  /** Delay before a reconnect attempt, by attempt number. */
  backoffMs?: (attempt: number) => number;
}

export interface WsBridgeClient extends BridgeApi {
  close(): void;
}

interface Subscription {
  stream: string;
  params: unknown;
  handlers: StreamHandlers<never>;
}

const transportError = (message: string): BridgeErrorDto => ({ kind: 'transport', message });

/**
 * The headless transport of the bridge. Invokes that are in flight when the socket drops fail with a
 * `transport` error (a command is never silently re-sent); subscriptions are re-established on
 * reconnect and start again from a fresh snapshot, so the view can never miss a delta unnoticed.
 */
export function createWsClient(options: WsClientOptions): WsBridgeClient {
  const Impl = options.WebSocketImpl ?? WebSocket;
  const backoff = options.backoffMs ?? ((n: number) => Math.min(5000, 250 * 2 ** n));
  const pending = new Map<number, (r: BridgeResult<unknown>) => void>();
  const subscriptions = new Map<number, Subscription>();
  let nextId = 1;
  let socket: WebSocket | undefined;
  let attempt = 0;
  let closed = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const send = (msg: ClientMessage): boolean => {
    if (socket?.readyState !== Impl.OPEN) return false;
    socket.send(JSON.stringify(msg));
    return true;
  };

  const onMessage = (raw: unknown): void => {
    let msg: ServerMessage;
    try {
      msg = JSON.parse(String(raw)) as ServerMessage;
    } catch {
      return;
    }
    if (msg.type === 'result') {
      pending.get(msg.id)?.(msg.result);
      pending.delete(msg.id);
      return;
    }
    const sub = subscriptions.get(msg.id);
    if (!sub) return;
    const handlers = sub.handlers as StreamHandlers<StreamName>;
    if (msg.type === 'snapshot') handlers.snapshot(msg.data as never);
    else if (msg.type === 'delta') handlers.delta(msg.data as never);
    else if (msg.type === 'stream-error') handlers.error?.(msg.error);
  };

  const connect = (): void => {
    options.onConnection?.('connecting');
    const ws = new Impl(options.url);
    socket = ws;
    ws.onopen = () => {
      attempt = 0;
      options.onConnection?.('open');
      for (const [id, sub] of subscriptions) send({ type: 'subscribe', id, stream: sub.stream, params: sub.params });
    };
    ws.onmessage = (ev) => onMessage(ev.data);
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = undefined;
      for (const resolve of pending.values()) resolve({ ok: false, error: transportError('the connection to the engine was lost before it answered') });
      pending.clear();
      options.onConnection?.('closed');
      if (!closed) timer = setTimeout(connect, backoff(attempt++));
    };
  };
  connect();

  return {
    invoke<C extends CommandName>(channel: C, input: CommandInput<C>): Promise<BridgeResult<CommandOutput<C>>> {
      const id = nextId++;
      return new Promise((resolve) => {
        if (!send({ type: 'invoke', id, channel, input })) {
          resolve({ ok: false, error: transportError('not connected to the engine') });
          return;
        }
        pending.set(id, resolve as (r: BridgeResult<unknown>) => void);
      });
    },
    subscribe<S extends StreamName>(stream: S, params: StreamParams<S>, handlers: StreamHandlers<S>): () => void {
      const id = nextId++;
      subscriptions.set(id, { stream, params, handlers: handlers as unknown as StreamHandlers<never> });
      send({ type: 'subscribe', id, stream, params });
      return () => {
        subscriptions.delete(id);
        send({ type: 'unsubscribe', id });
      };
    },
    close(): void {
      closed = true;
      if (timer) clearTimeout(timer);
      socket?.close();
    },
  };
}
