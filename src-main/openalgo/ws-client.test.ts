import { afterEach, describe, expect, it } from 'vitest';
import { SimClock } from '#core/clock';
import { createOpenAlgoWsClient, SERVER_AUTH_GRACE_MS, type OpenAlgoWsClient, type WsStatus } from './ws-client.ts';
import { startScriptedWsServer, type ScriptedWsServer } from './ws-test-server.ts';

/**
 * The feed client against a scripted OpenAlgo proxy on loopback. Sockets are real; the client's timers
 * run on a SimClock, so "15 s later" is a call, not a wait.
 */
let server: ScriptedWsServer | undefined;
let client: OpenAlgoWsClient | undefined;
afterEach(async () => {
  client?.stop();
  await server?.close();
  server = undefined;
  client = undefined;
});

function waitFor(pred: () => boolean, what: string, timeoutMs = 3000): Promise<void> {
  return new Promise((resolve, reject) => {
    const t0 = Date.now();
    const poll = setInterval(() => {
      if (pred()) {
        clearInterval(poll);
        resolve();
      } else if (Date.now() - t0 > timeoutMs) {
        clearInterval(poll);
        reject(new Error(`timed out waiting for ${what}`));
      }
    }, 5);
  });
}
const settle = (ms = 100): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function start(auth: Parameters<typeof startScriptedWsServer>[0], options: Partial<Parameters<typeof createOpenAlgoWsClient>[0]> = {}) {
  server = await startScriptedWsServer(auth);
  const clock = new SimClock(1_800_000_000_000);
  const statuses: WsStatus[] = [];
  client = createOpenAlgoWsClient({ url: server.url, apiKey: 'the-key-0123456789', clock, reconnectInitialMs: 100, reconnectMaxMs: 1000, ...options });
  client.onStatus((s) => statuses.push(s));
  client.subscribe([{ symbol: 'NIFTY', exchange: 'NSE_INDEX' }], 2);
  client.start();
  return { clock, statuses, client, server };
}

/** Moves the SimClock in steps, letting sockets work between them. */
async function advance(clock: SimClock, ms: number, step = 5000): Promise<void> {
  for (let done = 0; done < ms; done += step) {
    clock.advanceBy(Math.min(step, ms - done));
    await settle(20);
  }
}

describe('broker session expiry on the WebSocket', () => {
  it.each(['BROKER_ERROR', 'BROKER_INIT_ERROR', 'BROKER_CONNECTION_ERROR'])('%s during authentication ends in expired, with no reconnect loop', async (code) => {
    const { clock, client: c, server: s } = await start({ kind: 'broker-error', code, message: 'No broker configuration found for user' });
    await waitFor(() => c.status().state === 'expired', 'expired');
    expect(c.status().message).toMatch(/^OpenAlgo session expired: log in to your broker in OpenAlgo/);
    expect(c.status().message).toContain(code);
    expect(c.status().message).not.toContain('the-key');
    await advance(clock, 5 * 60_000, 30_000);
    expect(s.connections).toBe(1);
    expect(c.status().state).toBe('expired');
  });

  it('AUTHENTICATION_ERROR (an unknown key) is an error that names the key, not an expiry or a loop', async () => {
    const { clock, client: c, server: s } = await start({ kind: 'auth-error' });
    await waitFor(() => c.status().state === 'error', 'error');
    expect(c.status().message).toMatch(/rejected the API key/);
    await advance(clock, 5 * 60_000, 30_000);
    expect(s.connections).toBe(1);
  });
});

describe('the auth timeout outlasts OpenAlgo’s 15 s grace', () => {
  it('a server that ignores the auth closes with 4401 at 15 s, before the client gives up: expired', async () => {
    const { clock, client: c, server: s } = await start({ kind: 'silent' });
    await waitFor(() => s.received.length === 1, 'the authenticate message');
    expect(SERVER_AUTH_GRACE_MS).toBe(15_000);
    await advance(clock, 14_999, 1000);
    expect(c.status().state).toBe('connecting');
    expect(s.connections).toBe(1);
    s.closeAll(4401, 'auth timeout');
    await waitFor(() => c.status().state === 'expired', 'expired');
    expect(c.status().message).toContain('4401');
    await advance(clock, 5 * 60_000, 30_000);
    expect(s.connections).toBe(1);
  });

  it('a server that never answers nor closes ends in error at the client’s own timeout, not in a retry loop', async () => {
    const { clock, client: c, server: s } = await start({ kind: 'silent' });
    await waitFor(() => s.received.length === 1, 'the authenticate message');
    await advance(clock, 20_000, 1000);
    expect(c.status().state).toBe('error');
    expect(c.status().message).toMatch(/did not answer its authentication within 20 s/);
    await advance(clock, 5 * 60_000, 30_000);
    expect(s.connections).toBe(1);
  });
});

describe('the way back from expired', () => {
  it('reconnect() after the trader logged in: authenticates again and resubscribes', async () => {
    const { client: c, server: s } = await start({ kind: 'broker-error' });
    await waitFor(() => c.status().state === 'expired', 'expired');
    s.auth = { kind: 'accept' };
    c.reconnect();
    await waitFor(() => c.status().state === 'connected', 'connected');
    await waitFor(() => s.received.some((m) => m.action === 'subscribe'), 'the resubscription');
    expect(s.connections).toBe(2);
  });

  it('a session probe every 60 s reconnects by itself once REST says the session is back', async () => {
    let live = false;
    let probes = 0;
    const probe = async (): Promise<boolean> => {
      probes++;
      return live;
    };
    const { clock, client: c, server: s } = await start({ kind: 'broker-error' }, { sessionProbe: probe });
    await waitFor(() => c.status().state === 'expired', 'expired');
    await advance(clock, 3 * 60_000, 60_000);
    expect([probes, s.connections, c.status().state]).toEqual([3, 1, 'expired']);
    live = true;
    s.auth = { kind: 'accept' };
    await advance(clock, 60_000, 60_000);
    await waitFor(() => c.status().state === 'connected', 'connected');
    expect(s.connections).toBe(2);
    await advance(clock, 5 * 60_000, 60_000);
    expect(probes).toBe(4);
  });
});

describe('market data for a symbol the client has not subscribed', () => {
  it('is reported with its symbol and never reaches the tick handlers', async () => {
    const unsubscribed: string[] = [];
    const { client: c, server: s } = await start({ kind: 'accept' }, { onUnsubscribedData: (exchange, symbol) => unsubscribed.push(`${exchange}:${symbol}`) });
    const ticks: string[] = [];
    c.onTick((t) => ticks.push(`${t.exchange}:${t.symbol}`));
    await waitFor(() => c.status().state === 'connected', 'connected');
    const frame = (symbol: string, exchange: string): string => JSON.stringify({ type: 'market_data', symbol, exchange, mode: 2, data: { ltp: 100 } });
    s.broadcast(frame('NIFTY02DEC2626000CE', 'NFO'));
    s.broadcast(frame('NIFTY', 'NSE_INDEX'));
    await waitFor(() => ticks.length === 1, 'the subscribed tick');
    expect([ticks, unsubscribed]).toEqual([['NSE_INDEX:NIFTY'], ['NFO:NIFTY02DEC2626000CE']]);
  });
});
