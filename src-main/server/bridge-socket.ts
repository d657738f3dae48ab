import type { WebSocket } from 'ws';
import type { Logger } from '#core/log';
import type { Router } from '#bridge/router';
import type { ServerMessage } from '#contract/bridge-api';
import type { BridgeErrorDto } from '#contract/dto';
import { clientMessageSchema } from '#contract/wire';

/** Frames above this size are refused before parsing: the bridge never needs more. */
export const MAX_FRAME_BYTES = 64 * 1024;

export interface BridgeLimits {
  /** Streams one socket may hold open (the UI uses a handful). */
  readonly maxStreams: number;
  /** Commands one socket may have waiting for their answer. */
  readonly maxInFlight: number;
  /** Above this many unsent bytes the socket's deltas are dropped; its streams are resent as snapshots later. */
  readonly dropDeltasAboveBytes: number;
  /** Once the unsent bytes fall below this, every stream that lost a delta gets a fresh snapshot. */
  readonly resumeBelowBytes: number;
  /** A socket with more unsent bytes than this is closed at once: it is not reading. */
  readonly closeAboveBytes: number;
  /** A socket still over `dropDeltasAboveBytes` after this long is closed. */
  readonly maxSlowMs: number;
  /** How often a slow socket is checked for having drained. */
  readonly checkEveryMs: number;
}

export const DEFAULT_BRIDGE_LIMITS: BridgeLimits = {
  maxStreams: 64,
  maxInFlight: 32,
  dropDeltasAboveBytes: 1024 * 1024,
  resumeBelowBytes: 256 * 1024,
  closeAboveBytes: 16 * 1024 * 1024,
  maxSlowMs: 30_000,
  checkEveryMs: 100,
};

interface OpenStream {
  readonly stream: string;
  readonly params: unknown;
  off: () => void;
}

const invalid = (message: string): BridgeErrorDto => ({ kind: 'invalid-input', message });

/**
 * Serves the bridge contract over one WebSocket. Everything that arrives is validated; a malformed
 * frame gets a typed error back and the connection stays up. Closing the socket ends its streams.
 *
 * A client that reads slower than the engine talks does not grow the server: past a threshold its deltas
 * are dropped and, once it has caught up, each affected stream starts again from a fresh snapshot (the
 * same "latest snapshot" rule as a reconnect). A client that stops reading altogether is closed.
 */
export function serveBridgeSocket(socket: WebSocket, router: Router, logger: Logger, limits: BridgeLimits = DEFAULT_BRIDGE_LIMITS): void {
  const streams = new Map<number, OpenStream>();
  /** Streams that lost a delta while the socket was slow. */
  const stale = new Set<number>();
  let inFlight = 0;
  let slowSince: number | undefined;
  let slowCheck: ReturnType<typeof setInterval> | undefined;

  const closeSlow = (why: string): void => {
    logger.warn({ unsentBytes: socket.bufferedAmount }, `bridge socket closed: ${why}`);
    socket.terminate();
  };

  const send = (msg: ServerMessage): void => {
    if (socket.readyState !== socket.OPEN) return;
    socket.send(JSON.stringify(msg));
    if (socket.bufferedAmount > limits.closeAboveBytes) closeSlow('the client is not reading');
  };

  const resync = (): void => {
    for (const id of stale) {
      const open = streams.get(id);
      if (open) openStream(id, open.stream, open.params);
    }
    stale.clear();
  };

  const watchSlow = (): void => {
    slowSince ??= performance.now();
    slowCheck ??= setInterval(() => {
      if (socket.readyState !== socket.OPEN) return stopWatching();
      if (socket.bufferedAmount <= limits.resumeBelowBytes) {
        stopWatching();
        resync();
      } else if (performance.now() - slowSince! > limits.maxSlowMs) {
        closeSlow(`the client has not caught up for ${Math.round(limits.maxSlowMs / 1000)} s`);
      }
    }, limits.checkEveryMs);
  };
  const stopWatching = (): void => {
    if (slowCheck) clearInterval(slowCheck);
    slowCheck = undefined;
    slowSince = undefined;
  };

  const sendDelta = (id: number, data: unknown): void => {
    if (stale.has(id)) return;
    if (slowCheck !== undefined || socket.bufferedAmount > limits.dropDeltasAboveBytes) {
      stale.add(id);
      watchSlow();
      return;
    }
    send({ type: 'delta', id, data });
  };

  function openStream(id: number, stream: string, params: unknown): void {
    streams.get(id)?.off();
    streams.delete(id);
    const r = router.subscribe(stream, params, {
      snapshot: (d) => send({ type: 'snapshot', id, data: d }),
      delta: (d) => sendDelta(id, d),
    });
    if (r.ok) streams.set(id, { stream, params, off: r.value });
    else send({ type: 'stream-error', id, error: r.error });
  }

  const invoke = async (id: number, channel: string, input: unknown): Promise<void> => {
    if (inFlight >= limits.maxInFlight) {
      send({ type: 'result', id, result: { ok: false, error: { kind: 'unavailable', message: `at most ${limits.maxInFlight} commands may wait for an answer on one connection: wait for the earlier ones` } } });
      return;
    }
    inFlight++;
    try {
      send({ type: 'result', id, result: await router.invoke(channel, input) });
    } finally {
      inFlight--;
    }
  };

  socket.on('message', (data, isBinary) => {
    const text = isBinary ? '' : data.toString();
    if (text.length === 0 || text.length > MAX_FRAME_BYTES) {
      send({ type: 'result', id: -1, result: { ok: false, error: invalid('frames must be JSON text under 64 KiB') } });
      return;
    }
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      send({ type: 'result', id: -1, result: { ok: false, error: invalid('frame is not JSON') } });
      return;
    }
    const parsed = clientMessageSchema.safeParse(raw);
    if (!parsed.success) {
      const id = typeof (raw as { id?: unknown })?.id === 'number' ? (raw as { id: number }).id : -1;
      send({ type: 'result', id, result: { ok: false, error: invalid(`malformed bridge message: ${parsed.error.issues[0]?.message ?? ''}`) } });
      return;
    }
    const msg = parsed.data;
    if (msg.type === 'invoke') {
      void invoke(msg.id, msg.channel, msg.input);
    } else if (msg.type === 'subscribe') {
      if (!streams.has(msg.id) && streams.size >= limits.maxStreams) {
        send({ type: 'stream-error', id: msg.id, error: invalid(`at most ${limits.maxStreams} streams may be open on one connection: unsubscribe one first`) });
        return;
      }
      stale.delete(msg.id);
      openStream(msg.id, msg.stream, msg.params);
    } else {
      streams.get(msg.id)?.off();
      streams.delete(msg.id);
      stale.delete(msg.id);
    }
  });

  socket.on('close', () => {
    stopWatching();
    for (const s of streams.values()) s.off();
    streams.clear();
    stale.clear();
  });
  socket.on('error', (e) => logger.warn({ err: e }, 'bridge socket error'));
}
