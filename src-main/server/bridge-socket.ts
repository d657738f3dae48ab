import type { WebSocket } from 'ws';
import type { Logger } from '#core/log';
import type { Router } from '#bridge/router';
import type { ServerMessage } from '#contract/bridge-api';
import { clientMessageSchema } from '#contract/wire';

/** Frames above this size are refused before parsing: the bridge never needs more. */
export const MAX_FRAME_BYTES = 64 * 1024;

/**
 * Serves the bridge contract over one WebSocket. Everything that arrives is validated; a malformed
 * frame gets a typed error back and the connection stays up. Closing the socket ends its streams.
 */
export function serveBridgeSocket(socket: WebSocket, router: Router, logger: Logger): void {
  const streams = new Map<number, () => void>();
  const send = (msg: ServerMessage): void => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(msg));
  };

  socket.on('message', async (data, isBinary) => {
    const text = isBinary ? '' : data.toString();
    if (text.length === 0 || text.length > MAX_FRAME_BYTES) {
      send({ type: 'result', id: -1, result: { ok: false, error: { kind: 'invalid-input', message: 'frames must be JSON text under 64 KiB' } } });
      return;
    }
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      send({ type: 'result', id: -1, result: { ok: false, error: { kind: 'invalid-input', message: 'frame is not JSON' } } });
      return;
    }
    const parsed = clientMessageSchema.safeParse(raw);
    if (!parsed.success) {
      const id = typeof (raw as { id?: unknown })?.id === 'number' ? (raw as { id: number }).id : -1;
      send({ type: 'result', id, result: { ok: false, error: { kind: 'invalid-input', message: `malformed bridge message: ${parsed.error.issues[0]?.message ?? ''}` } } });
      return;
    }
    const msg = parsed.data;
    if (msg.type === 'invoke') {
      send({ type: 'result', id: msg.id, result: await router.invoke(msg.channel, msg.input) });
    } else if (msg.type === 'subscribe') {
      streams.get(msg.id)?.();
      const r = router.subscribe(msg.stream, msg.params, {
        snapshot: (d) => send({ type: 'snapshot', id: msg.id, data: d }),
        delta: (d) => send({ type: 'delta', id: msg.id, data: d }),
      });
      if (r.ok) streams.set(msg.id, r.value);
      else send({ type: 'stream-error', id: msg.id, error: r.error });
    } else {
      streams.get(msg.id)?.();
      streams.delete(msg.id);
    }
  });

  socket.on('close', () => {
    for (const off of streams.values()) off();
    streams.clear();
  });
  socket.on('error', (e) => logger.warn({ err: e }, 'bridge socket error'));
}
