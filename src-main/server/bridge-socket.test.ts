import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { silentLogger } from '#core/log';
import type { Router, StreamSink } from '#bridge/router';
import type { ServerMessage } from '#contract/bridge-api';
import { DEFAULT_BRIDGE_LIMITS, serveBridgeSocket, type BridgeLimits } from './bridge-socket.ts';

const PAYLOAD = 'x'.repeat(8 * 1024);

/**
 * A router whose `counter` stream counts as fast as the test wants: the snapshot says how far it got,
 * each delta is the next number (with 8 KiB of padding), so a client can check it missed nothing.
 */
function countingRouter() {
  let n = 0;
  const sinks = new Set<StreamSink>();
  let pump: ReturnType<typeof setInterval> | undefined;
  const router: Router = {
    invoke: async (channel, input) => {
      if (channel === 'hang') return new Promise(() => undefined);
      return { ok: true, value: channel === 'big' ? PAYLOAD.repeat(8) : input };
    },
    subscribe: (_stream, _params, sink) => {
      sink.snapshot({ upTo: n });
      sinks.add(sink);
      return { ok: true, value: () => sinks.delete(sink) };
    },
  };
  return {
    router,
    sinks,
    /** Emits `perTick` deltas on every open stream each millisecond. */
    start(perTick: number) {
      pump = setInterval(() => {
        for (let i = 0; i < perTick; i++) {
          n++;
          for (const s of sinks) s.delta({ seq: n, pad: PAYLOAD });
        }
      }, 1);
    },
    stop: () => clearInterval(pump),
  };
}

interface Rig {
  client: WebSocket;
  /** The server's side of the connection. */
  server: WebSocket;
  received: ServerMessage[];
  close(): Promise<void>;
}

const rigs: Rig[] = [];
afterEach(async () => {
  for (const r of rigs.splice(0)) await r.close();
});

async function rig(router: Router, limits: Partial<BridgeLimits> = {}): Promise<Rig> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => wss.on('listening', resolve));
  const serverSide = new Promise<WebSocket>((resolve) =>
    wss.on('connection', (ws) => {
      serveBridgeSocket(ws, router, silentLogger(), { ...DEFAULT_BRIDGE_LIMITS, ...limits });
      resolve(ws);
    }),
  );
  const client = new WebSocket(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}`);
  const received: ServerMessage[] = [];
  client.on('message', (d) => received.push(JSON.parse(d.toString()) as ServerMessage));
  await new Promise((resolve) => client.on('open', resolve));
  const r: Rig = {
    client,
    server: await serverSide,
    received,
    close: async () => {
      client.terminate();
      for (const c of wss.clients) c.terminate();
      await new Promise((resolve) => wss.close(resolve));
    },
  };
  rigs.push(r);
  return r;
}

const until = async (what: () => boolean, ms = 5000): Promise<void> => {
  const end = performance.now() + ms;
  while (!what()) {
    if (performance.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('bridge socket limits', () => {
  it('caps the streams one socket may open', async () => {
    const { router } = countingRouter();
    const { client, received } = await rig(router);
    for (let id = 1; id <= 65; id++) client.send(JSON.stringify({ type: 'subscribe', id, stream: 'counter', params: {} }));
    await until(() => received.length >= 65);
    expect(received.filter((m) => m.type === 'snapshot')).toHaveLength(64);
    expect(received.find((m) => m.id === 65)).toEqual({
      type: 'stream-error',
      id: 65,
      error: { kind: 'invalid-input', message: 'at most 64 streams may be open on one connection: unsubscribe one first' },
    });
    client.send(JSON.stringify({ type: 'subscribe', id: 3, stream: 'counter', params: {} }));
    client.send(JSON.stringify({ type: 'unsubscribe', id: 1 }));
    client.send(JSON.stringify({ type: 'subscribe', id: 66, stream: 'counter', params: {} }));
    await until(() => received.some((m) => m.id === 66));
    expect(received.find((m) => m.id === 66)?.type).toBe('snapshot');
    expect(received.filter((m) => m.id === 3).map((m) => m.type)).toEqual(['snapshot', 'snapshot']);
  });

  it('caps the commands waiting for an answer on one socket', async () => {
    const { router } = countingRouter();
    const { client, received } = await rig(router, { maxInFlight: 4 });
    for (let id = 1; id <= 5; id++) client.send(JSON.stringify({ type: 'invoke', id, channel: 'hang', input: {} }));
    client.send(JSON.stringify({ type: 'invoke', id: 6, channel: 'echo', input: 1 }));
    await until(() => received.length >= 2);
    expect(received.map((m) => m.id).sort()).toEqual([5, 6]);
    expect(received.every((m) => m.type === 'result' && !m.result.ok && m.result.error.kind === 'unavailable')).toBe(true);
  });

  it('a client that stops reading does not grow the server: deltas are dropped, then a fresh snapshot restores its state', async () => {
    const counter = countingRouter();
    const limits = { dropDeltasAboveBytes: 256 * 1024, resumeBelowBytes: 64 * 1024, closeAboveBytes: 4 * 1024 * 1024, maxSlowMs: 60_000 };
    const { client, server, received } = await rig(counter.router, limits);
    client.send(JSON.stringify({ type: 'subscribe', id: 1, stream: 'counter', params: {} }));
    await until(() => received.length === 1);
    client.pause();
    counter.start(4);
    let peak = 0;
    const sample = setInterval(() => (peak = Math.max(peak, server.bufferedAmount)), 5);
    // About 30 MiB of deltas are offered while the client reads nothing.
    await new Promise((r) => setTimeout(r, 1000));
    clearInterval(sample);
    expect(server.readyState).toBe(WebSocket.OPEN);
    expect(peak).toBeGreaterThan(limits.dropDeltasAboveBytes);
    expect(peak).toBeLessThan(limits.dropDeltasAboveBytes + 2 * PAYLOAD.length + 1024);
    client.resume();
    await until(() => received.filter((m) => m.type === 'snapshot').length === 2, 10_000);
    await new Promise((r) => setTimeout(r, 100));
    counter.stop();
    const last = received.findLastIndex((m) => m.type === 'snapshot');
    const upTo = (received[last] as { data: { upTo: number } }).data.upTo;
    const after = received.slice(last + 1).map((m) => (m as { data: { seq: number } }).data.seq);
    expect(after.length).toBeGreaterThan(0);
    expect(after).toEqual(after.map((_, i) => upTo + 1 + i));
  });

  it('a client that stays behind is closed, and its streams end', async () => {
    const counter = countingRouter();
    const { client, server } = await rig(counter.router, { dropDeltasAboveBytes: 256 * 1024, resumeBelowBytes: 64 * 1024, maxSlowMs: 300 });
    client.send(JSON.stringify({ type: 'subscribe', id: 1, stream: 'counter', params: {} }));
    await until(() => counter.sinks.size === 1);
    client.pause();
    counter.start(4);
    await until(() => server.readyState === WebSocket.CLOSED, 5000);
    counter.stop();
    expect(counter.sinks.size).toBe(0);
  });

  it('a client that keeps asking without reading is closed at the hard limit', async () => {
    const counter = countingRouter();
    const closeAboveBytes = 2 * 1024 * 1024;
    const { client, server } = await rig(counter.router, { closeAboveBytes });
    client.pause();
    let peak = 0;
    const sample = setInterval(() => (peak = Math.max(peak, server.bufferedAmount)), 2);
    for (let id = 1; id <= 2000 && server.readyState === WebSocket.OPEN; id++) {
      client.send(JSON.stringify({ type: 'invoke', id, channel: 'big', input: {} }));
      await new Promise((r) => setImmediate(r));
    }
    await until(() => server.readyState === WebSocket.CLOSED, 5000);
    clearInterval(sample);
    expect(peak).toBeLessThan(closeAboveBytes + 128 * 1024);
  });
});
