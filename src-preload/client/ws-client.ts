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
  /** How long a command issued while (re)connecting may wait for the socket before it fails. */
  connectWaitMs?: number;
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
  const connectWaitMs = options.connectWaitMs ?? 5000;
  /** Commands issued before the socket opened: sent on open, or failed after `connectWaitMs`, never later. */
  const waiting = new Set<{ msg: ClientMessage; settle: (r: BridgeResult<unknown>) => void; fail: () => void; timer: ReturnType<typeof setTimeout> }>();

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
      for (const w of waiting) {
        clearTimeout(w.timer);
        if (w.msg.type === 'invoke') pending.set(w.msg.id, w.settle);
        send(w.msg);
      }
      waiting.clear();
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
        const msg: ClientMessage = { type: 'invoke', id, channel, input };
        const settle = resolve as (r: BridgeResult<unknown>) => void;
        if (closed) {
          settle({ ok: false, error: transportError('the bridge client is closed') });
          return;
        }
        if (send(msg)) {
          pending.set(id, settle);
          return;
        }
        const entry = {
          msg,
          settle,
          fail: () => {
            clearTimeout(entry.timer);
            waiting.delete(entry);
            settle({ ok: false, error: transportError('not connected to the engine') });
          },
          timer: setTimeout(() => entry.fail(), connectWaitMs),
        };
        waiting.add(entry);
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
      for (const w of [...waiting]) w.fail();
      if (timer) clearTimeout(timer);
      socket?.close();
    },
  };
}
