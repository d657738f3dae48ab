import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WallClock } from '#core/clock';
import { silentLogger } from '#core/log';
import { ok } from '#core/result';
import { DEFAULT_CONFIG } from '#config/defaults';
import type { Config } from '#config/schema';
import { startTestSim, TEST_API_KEY } from '#openalgo-sim/test-support';
import type { OpenAlgoSim } from '#openalgo-sim/server';
import { createConnectionService } from './connection-service.ts';
import { API_KEY_FILE_NAME, fileSecretStore } from './secrets.ts';

let sim: OpenAlgoSim;
let dir: string;
beforeAll(async () => {
  sim = await startTestSim();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'conn-'));
});
afterAll(async () => {
  await sim.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function service(secretsDir = dir, baseUrl = sim.host) {
  let config: Config = { ...DEFAULT_CONFIG, openalgo: { ...DEFAULT_CONFIG.openalgo, baseUrl, wsUrl: sim.wsUrl } };
  const saved: Config[] = [];
  const svc = createConnectionService({
    clock: new WallClock(),
    logger: silentLogger(),
    secrets: fileSecretStore(secretsDir),
    config: () => config,
    saveConfig: (c) => {
      saved.push(c);
      config = c;
      return ok(undefined);
    },
  });
  return { svc, saved };
}

describe('OpenAlgo connection service against the simulator on loopback', () => {
  it('reports a missing key as a clear error before calling OpenAlgo', async () => {
    const r = await service().svc.test({});
    expect(!r.ok && r.error.message).toMatch(/no API key/);
  });

  it('tests a key given in the form: ping and funds', async () => {
    const r = await service().svc.test({ apiKey: TEST_API_KEY });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.broker).toBeTruthy();
    expect(r.value.availableCash).toBeGreaterThan(0);
    expect(r.value.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('a wrong key is an auth failure, and the key never appears in the message', async () => {
    const r = await service().svc.test({ apiKey: 'wrong-key-000000000000' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.message).toMatch(/rejected the API key/);
      expect(r.error.message).not.toContain('wrong-key-000000000000');
    }
  });

  it('saves the key to a 0600 file and the URLs to the config, then tests with the saved key', async () => {
    const { svc, saved } = service();
    const r = await svc.save({ apiKey: TEST_API_KEY, baseUrl: sim.host });
    expect(r.ok && r.value.hasApiKey).toBe(true);
    expect(saved.at(-1)?.openalgo.baseUrl).toBe(sim.host);
    const mode = fs.statSync(path.join(dir, API_KEY_FILE_NAME)).mode & 0o777;
    expect(mode).toBe(0o600);
    expect(JSON.stringify(saved)).not.toContain(TEST_API_KEY);
    const t = await svc.test({});
    expect(t.ok).toBe(true);
  });

  it('an unreachable OpenAlgo is a network error, not a hang', async () => {
    const r = await service().svc.test({ apiKey: TEST_API_KEY, baseUrl: 'http://127.0.0.1:9' });
    expect(!r.ok && r.error.message).toMatch(/cannot reach OpenAlgo|timed out/);
  });

  it('a wrong WebSocket URL fails the test although the REST API answers', async () => {
    const closedPort = await service().svc.test({ apiKey: TEST_API_KEY, wsUrl: 'ws://127.0.0.1:9' });
    expect(!closedPort.ok && closedPort.error.message).toMatch(/REST API answered, but cannot reach OpenAlgo's WebSocket at ws:\/\/127\.0\.0\.1:9 .*check the WebSocket URL/);
    const notAWebSocket = await service().svc.test({ apiKey: TEST_API_KEY, wsUrl: sim.host.replace('http', 'ws') });
    expect(notAWebSocket.ok).toBe(false);
    expect(!notAWebSocket.ok && notAWebSocket.error.message).not.toContain(TEST_API_KEY);
  });

  it('a config the schema refuses is named in words, not by its internal path', async () => {
    const r = await service().svc.save({ baseUrl: 'http://exa mple' });
    expect(!r.ok && r.error.message).toMatch(/^The host URL is not a valid address/);
  });
});

interface Recorder {
  readonly url: string;
  readonly bodies: string[];
  /** Arrival times (ms) of every request. */
  readonly arrivals: number[];
  close(): Promise<void>;
}

/** A loopback HTTP server that records every request; `answer` decides the response. */
async function recorder(answer: (req: http.IncomingMessage, res: http.ServerResponse) => void): Promise<Recorder> {
  const bodies: string[] = [];
  const arrivals: number[] = [];
  const server = http.createServer((req, res) => {
    arrivals.push(performance.now());
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      bodies.push(`${req.method} ${req.url} ${JSON.stringify(req.headers)} ${body}`);
      answer(req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    bodies,
    arrivals,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Answers ping, funds and analyzer as OpenAlgo does (bodies from the recorded fixtures). */
function fakeOpenAlgo(req: http.IncomingMessage, res: http.ServerResponse): void {
  const bodies: Record<string, string> = {
    '/api/v1/ping': '{"status":"success","data":{"message":"pong","broker":"zerodha"}}',
    '/api/v1/funds': '{"status":"success","data":{"availablecash":"320.66","collateral":"0.00","m2mrealized":"3.27","m2munrealized":"-7.88","utiliseddebits":"679.34"}}',
    '/api/v1/analyzer': '{"status":"success","data":{"analyze_mode":false,"mode":"live","total_logs":0}}',
  };
  const body = bodies[req.url ?? ''];
  res.writeHead(body ? 200 : 404, { 'content-type': 'application/json' }).end(body ?? '{"status":"error","message":"not found"}');
}

describe('the saved key only ever goes to the saved base URL', () => {
  const SAVED_KEY = 'saved-key-that-must-stay-home-0001';

  it('whatever the bridge asks, the saved key never reaches a server on another loopback port', async () => {
    const capture = await recorder((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"success","data":{}}'));
    const keyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'conn-bound-'));
    try {
      const { svc, saved } = service(keyDir);
      expect((await svc.save({ apiKey: TEST_API_KEY, baseUrl: sim.host, wsUrl: sim.wsUrl })).ok).toBe(true);
      const captureWs = capture.url.replace('http', 'ws');
      const variants = [capture.url, `${capture.url}/`, `${capture.url}/api/v1`, capture.url.replace('127.0.0.1', 'localhost'), `${capture.url}/../`];
      for (const baseUrl of variants) {
        const t = await svc.test({ baseUrl });
        expect(!t.ok && t.error.message).toMatch(/type the key again to test a new URL/);
        const s = await svc.save({ baseUrl });
        expect(!s.ok && s.error.message).toMatch(/type the API key again/);
      }
      const ws = await svc.save({ wsUrl: captureWs });
      expect(!ws.ok && ws.error.message).toMatch(/type the API key again/);
      expect(saved.at(-1)?.openalgo).toMatchObject({ baseUrl: sim.host, wsUrl: sim.wsUrl });
      expect((await svc.test({})).ok).toBe(true);
      expect((await svc.test({ baseUrl: `${sim.host}/` })).ok).toBe(true);
      expect(capture.bodies.join('\n')).not.toContain(TEST_API_KEY);
      expect(capture.bodies).toEqual([]);
    } finally {
      await capture.close();
      fs.rmSync(keyDir, { recursive: true, force: true });
    }
  });

  it('a key typed again may test and save a new URL; that key is then bound to it', async () => {
    const keyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'conn-retype-'));
    try {
      const { svc, saved } = service(keyDir, 'http://127.0.0.1:9');
      expect((await svc.save({ apiKey: SAVED_KEY })).ok).toBe(true);
      expect((await svc.test({ baseUrl: sim.host, apiKey: TEST_API_KEY })).ok).toBe(true);
      expect((await svc.save({ baseUrl: sim.host, apiKey: TEST_API_KEY })).ok).toBe(true);
      expect(saved.at(-1)?.openalgo.baseUrl).toBe(sim.host);
      expect((await svc.test({})).ok).toBe(true);
    } finally {
      fs.rmSync(keyDir, { recursive: true, force: true });
    }
  });

  it('with no key saved, the URLs may change without one', async () => {
    const keyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'conn-nokey-'));
    try {
      const { svc, saved } = service(keyDir);
      expect((await svc.save({ baseUrl: 'http://127.0.0.1:5001' })).ok).toBe(true);
      expect(saved.at(-1)?.openalgo.baseUrl).toBe('http://127.0.0.1:5001');
    } finally {
      fs.rmSync(keyDir, { recursive: true, force: true });
    }
  });

  it('the saved key does not follow a redirect from the saved URL to another server', async () => {
    const capture = await recorder((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"success","data":{"broker":"x"}}'));
    const redirector = await recorder((req, res) => res.writeHead(307, { location: `${capture.url}${req.url ?? ''}` }).end());
    const keyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'conn-redirect-'));
    try {
      const { svc } = service(keyDir, redirector.url);
      expect((await svc.save({ apiKey: SAVED_KEY })).ok).toBe(true);
      const t = await svc.test({});
      expect(t.ok).toBe(false);
      expect(redirector.bodies.length).toBe(1);
      expect(capture.bodies).toEqual([]);
    } finally {
      await capture.close();
      await redirector.close();
      fs.rmSync(keyDir, { recursive: true, force: true });
    }
  });
});

/** What the README promises: connection tests together make at most 3 OpenAlgo calls per second. */
const CALLS_PER_SECOND = 3;
const CLOCK_SLACK_MS = 50;

describe('connection tests are one at a time and rate-limited', () => {
  it('1,000 concurrent tests make one test’s calls; the rest are refused with a clear message', async () => {
    const fake = await recorder(fakeOpenAlgo);
    try {
      const { svc } = service(dir, fake.url);
      const results = await Promise.all(Array.from({ length: 1000 }, () => svc.test({ apiKey: TEST_API_KEY })));
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      const refused = results.filter((r) => !r.ok);
      expect(refused).toHaveLength(999);
      for (const r of refused) expect(!r.ok && r.error).toEqual({ kind: 'invalid-state', message: 'a connection test is already running: wait for its result' });
      expect(fake.arrivals).toHaveLength(3);
    } finally {
      await fake.close();
    }
  });

  it('tests sent back to back never put more than the shared limit of calls in any second', async () => {
    const fake = await recorder(fakeOpenAlgo);
    try {
      const { svc } = service(dir, fake.url);
      const until = performance.now() + 2500;
      let done = 0;
      while (performance.now() < until) {
        await Promise.all(Array.from({ length: 50 }, () => svc.test({ apiKey: TEST_API_KEY })));
        done++;
      }
      expect(done).toBeGreaterThan(1);
      const t = fake.arrivals;
      expect(t.length).toBeGreaterThanOrEqual(6);
      // Arrivals are stamped by the event loop the client shares, so a stamp can run late by a few ms: the
      // limiter keeps calls 1000 ms apart, the measurement allows for that jitter.
      const busiestSecond = Math.max(...t.map((start) => t.filter((x) => x >= start && x < start + 1000 - CLOCK_SLACK_MS).length));
      expect(busiestSecond).toBeLessThanOrEqual(CALLS_PER_SECOND);
    } finally {
      await fake.close();
    }
  });
});
