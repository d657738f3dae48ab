import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket as ServerSocket } from 'ws';
import { createWsClient, type WsBridgeClient } from './ws-client.ts';

/** A loopback bridge server that answers every invoke with its channel name and streams a counter. */
async function startServer(port = 0) {
  const wss = new WebSocketServer({ host: '127.0.0.1', port });
  await new Promise((r) => wss.once('listening', r));
  const sockets: ServerSocket[] = [];
  let subscribes = 0;
  wss.on('connection', (ws) => {
    sockets.push(ws);
    ws.on('message', (raw) => {
      const msg = JSON.parse(String(raw)) as { type: string; id: number; channel?: string };
      if (msg.type === 'invoke') ws.send(JSON.stringify({ type: 'result', id: msg.id, result: { ok: true, value: msg.channel } }));
      if (msg.type === 'subscribe') {
        subscribes++;
        ws.send(JSON.stringify({ type: 'snapshot', id: msg.id, data: [] }));
        ws.send(JSON.stringify({ type: 'delta', id: msg.id, data: { n: subscribes } }));
      }
    });
  });
  const port_ = (wss.address() as { port: number }).port;
  const close = () =>
    new Promise((r) => {
      for (const c of wss.clients) c.terminate();
      wss.close(r);
    });
  return { wss, port: port_, sockets, subscribes: () => subscribes, close };
}

let client: WsBridgeClient | undefined;
afterEach(() => client?.close());

describe('headless bridge client over a real WebSocket', () => {
  it('holds a command issued while connecting and sends it once the socket opens', async () => {
    const server = await startServer();
    client = createWsClient({ url: `ws://127.0.0.1:${server.port}/bridge` });
    const r = await client.invoke('app:status', {});
    expect(r).toEqual({ ok: true, value: 'app:status' });
    await server.close();
  });

  it('fails a command with a transport error when no engine answers in time, and never sends it later', async () => {
    client = createWsClient({ url: 'ws://127.0.0.1:9/bridge', connectWaitMs: 100, backoffMs: () => 50 });
    const r = await client.invoke('bot:start', { botId: 'iron-condor' });
    expect(r).toEqual({ ok: false, error: { kind: 'transport', message: 'not connected to the engine' } });
  });

  it('resubscribes after a dropped socket and starts again from a snapshot', async () => {
    const server = await startServer();
    client = createWsClient({ url: `ws://127.0.0.1:${server.port}/bridge`, backoffMs: () => 20 });
    const seen: string[] = [];
    client.subscribe('bots', {}, { snapshot: () => seen.push('snapshot'), delta: (d) => seen.push(`delta ${(d as unknown as { n: number }).n}`) });
    await expect.poll(() => seen).toEqual(['snapshot', 'delta 1']);
    server.sockets[0]!.terminate();
    await expect.poll(() => seen, { timeout: 3000 }).toEqual(['snapshot', 'delta 1', 'snapshot', 'delta 2']);
    await server.close();
  });

  it('fails an in-flight command when the socket drops instead of re-sending it', async () => {
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise((r) => wss.once('listening', r));
    wss.on('connection', (ws) => ws.on('message', () => ws.terminate()));
    client = createWsClient({ url: `ws://127.0.0.1:${(wss.address() as { port: number }).port}`, backoffMs: () => 10_000 });
    const r = await client.invoke('bot:stop', { botId: 'iron-condor' });
    expect(!r.ok && r.error.kind).toBe('transport');
    for (const c of wss.clients) c.terminate();
    await new Promise((res) => wss.close(res));
  });
});
