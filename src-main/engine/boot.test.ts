import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger, silentLogger } from '#core/log';
import { istToEpoch } from '#core/time-ist';
import { DEFAULT_CONFIG } from '#config/defaults';
import type { Tick } from '#model/bar';
import { instrumentId } from '#model/ids';
import { startTestSim, TEST_API_KEY } from '#openalgo-sim/test-support';
import { bootEngine } from './boot.ts';
import { fileSecretStore } from './secrets.ts';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'boot-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const writeConfig = (patch: object) => fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ ...DEFAULT_CONFIG, ...patch }));
const boot = (wallNowMs = istToEpoch(2026, 11, 25, 20, 0)) => bootEngine({ dataDir: dir, version: '1.2.3', logger: silentLogger(), wallNowMs, secrets: fileSecretStore(dir) });
const NIFTY = instrumentId('NSE_INDEX', 'NIFTY');

describe('booting the engine from a data folder', () => {
  it('starts a fresh user in simulation with history on the chart', async () => {
    const r = await boot();
    if (!r.ok) throw new Error(r.error.message);
    await r.value.start();
    const status = r.value.engine.status();
    expect(status).toMatchObject({ mode: 'simulation', version: '1.2.3', feedName: 'simulator', marketOpen: true });
    expect(status.now).toBe(istToEpoch(2026, 11, 25, 10, 15));
    const bars = r.value.engine.bars(NIFTY, '1m') ?? [];
    expect(bars.length).toBeGreaterThan(2 * 375);
    expect(bars.every((b, i) => i === 0 || b.tsStart > bars[i - 1]!.tsStart)).toBe(true);
    expect(r.value.engine.bots()).toHaveLength(4);
    await r.value.shutdown();
    expect(fs.existsSync(path.join(dir, 'terminal.sqlite'))).toBe(true);
  });

  it('starts the simulated market at the instant it is given, whatever the wall clock reads', async () => {
    const r = await bootEngine({ dataDir: dir, version: '1', logger: silentLogger(), wallNowMs: istToEpoch(2026, 12, 1, 10, 0), simulationStartMs: istToEpoch(2026, 11, 26, 9, 45), secrets: fileSecretStore(dir) });
    if (!r.ok) throw new Error(r.error.message);
    await r.value.start();
    expect(r.value.engine.status().now).toBe(istToEpoch(2026, 11, 26, 9, 45));
    await r.value.shutdown();
  });

  it('refuses a corrupt config and leaves it in place', async () => {
    fs.writeFileSync(path.join(dir, 'config.json'), '{ nope');
    const r = await boot();
    expect(!r.ok && r.error.kind).toBe('config-corrupt');
    expect(fs.readFileSync(path.join(dir, 'config.json'), 'utf8')).toBe('{ nope');
  });

  it('paper mode without an API key says what to do', async () => {
    writeConfig({ mode: 'paper' });
    const r = await boot();
    expect(!r.ok && r.error.kind).toBe('mode-unavailable');
    expect(!r.ok && r.error.message).toMatch(/API key/);
  });

  it('live mode without an API key says what to do', async () => {
    writeConfig({ mode: 'live' });
    const r = await boot();
    expect(!r.ok && r.error.message).toMatch(/^live mode needs an OpenAlgo API key/);
  });

  it('refuses a broker the mode cannot use, naming the fix', async () => {
    writeConfig({ execution: { broker: 'openalgo' } });
    const r = await boot();
    expect(!r.ok && r.error.kind).toBe('mode-unavailable');
    expect(!r.ok && r.error.message).toMatch(/"execution.broker": "openalgo" cannot be used in simulation mode: .* Set "execution.broker" to "paper"/);
  });

  it('simulation trades through the paper broker with option quotes from the model', async () => {
    const r = await boot();
    if (!r.ok) throw new Error(r.error.message);
    await r.value.start();
    expect(r.value.engine.trading.status()).toMatchObject({ broker: 'paper', liveOrders: false, ready: true });
    await r.value.shutdown();
  });

  it('live mode boots against OpenAlgo (simulator on loopback) with live orders disarmed', async () => {
    const sim = await startTestSim();
    try {
      writeConfig({ mode: 'live', openalgo: { ...DEFAULT_CONFIG.openalgo, baseUrl: sim.host, wsUrl: sim.wsUrl } });
      await fileSecretStore(dir).writeApiKey(TEST_API_KEY);
      const r = await boot(Date.now());
      if (!r.ok) throw new Error(r.error.message);
      await r.value.start();
      expect(r.value.engine.status()).toMatchObject({ mode: 'live', feedName: 'openalgo' });
      expect(r.value.engine.trading.status()).toMatchObject({ broker: 'openalgo', liveOrders: true, armed: false, ready: true });
      await r.value.shutdown();
    } finally {
      await sim.close();
    }
  });

  it('live mode refuses an OpenAlgo in analyze mode: real orders would go to its sandbox', async () => {
    const sim = await startTestSim({ analyze: true });
    try {
      writeConfig({ mode: 'live', openalgo: { ...DEFAULT_CONFIG.openalgo, baseUrl: sim.host, wsUrl: sim.wsUrl } });
      await fileSecretStore(dir).writeApiKey(TEST_API_KEY);
      const r = await boot(Date.now());
      expect(!r.ok && r.error.message).toMatch(/cannot use OpenAlgo at .* as the openalgo broker: OpenAlgo is in analyze \(sandbox\) mode/);
      expect(fs.existsSync(path.join(dir, 'terminal.lock'))).toBe(false);
    } finally {
      await sim.close();
    }
  });

  it('paper mode streams OpenAlgo market data into the engine (simulator on loopback)', async () => {
    const sim = await startTestSim();
    try {
      writeConfig({ mode: 'paper', openalgo: { ...DEFAULT_CONFIG.openalgo, baseUrl: sim.host, wsUrl: sim.wsUrl } });
      await fileSecretStore(dir).writeApiKey(TEST_API_KEY);
      const r = await boot(Date.now());
      if (!r.ok) throw new Error(r.error.message);
      const ticks: Tick[] = [];
      r.value.engine.events.subscribe('tick', (t) => ticks.push(t));
      await r.value.start();
      expect(r.value.engine.status()).toMatchObject({ mode: 'paper', feedName: 'openalgo', feed: { state: 'connected' } });
      await expect.poll(() => ticks.filter((t) => t.instrumentId === NIFTY).length, { timeout: 5000 }).toBeGreaterThan(0);
      await r.value.shutdown();
    } finally {
      await sim.close();
    }
  });
});

const mode = (p: string) => (fs.statSync(p).mode & 0o777).toString(8);

describe('the data folder at boot', () => {
  it('creates the folder 0700 and every file in it 0600', async () => {
    const fresh = path.join(dir, 'new-data');
    const r = await bootEngine({ dataDir: fresh, version: '1', logger: silentLogger(), wallNowMs: istToEpoch(2026, 11, 25, 20, 0), secrets: fileSecretStore(fresh) });
    if (!r.ok) throw new Error(r.error.message);
    expect(await fileSecretStore(fresh).writeApiKey('a-key-for-the-mode-check')).toEqual({ ok: true, value: undefined });
    expect(mode(fresh)).toBe('700');
    for (const f of ['config.json', 'terminal.sqlite', 'terminal.lock', 'openalgo-api-key']) expect([f, mode(path.join(fresh, f))]).toEqual([f, '600']);
    await r.value.shutdown();
  });

  it('tightens a folder and files others could read, and says so in the log', async () => {
    fs.chmodSync(dir, 0o755);
    fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify(DEFAULT_CONFIG), { mode: 0o644 });
    fs.chmodSync(path.join(dir, 'config.json'), 0o644);
    const lines: string[] = [];
    const logger = createLogger({ destination: { write: (l: string) => void lines.push(l) } });
    const r = await bootEngine({ dataDir: dir, version: '1', logger, wallNowMs: istToEpoch(2026, 11, 25, 20, 0), secrets: fileSecretStore(dir) });
    if (!r.ok) throw new Error(r.error.message);
    expect(mode(dir)).toBe('700');
    expect(mode(path.join(dir, 'config.json'))).toBe('600');
    const warned = lines.map((l) => JSON.parse(l) as { level: number; path?: string; was?: string }).filter((l) => l.level === 40);
    expect(warned.map((w) => [w.path, w.was])).toEqual([
      [dir, '755'],
      [path.join(dir, 'config.json'), '644'],
    ]);
    await r.value.shutdown();
  });

  it('registers the API key it reads, so no later log line can carry it', async () => {
    const key = 'boot-registered-key-5a5a5a5a5a';
    fs.writeFileSync(path.join(dir, 'openalgo-api-key'), `${key}\n`, { mode: 0o600 });
    writeConfig({ mode: 'paper' });
    const lines: string[] = [];
    const logger = createLogger({ destination: { write: (l: string) => void lines.push(l) } });
    const r = await bootEngine({ dataDir: dir, version: '1', logger, wallNowMs: istToEpoch(2026, 11, 25, 20, 0), secrets: fileSecretStore(dir) });
    if (!r.ok) throw new Error(r.error.message);
    logger.warn({ frame: `{"action":"authenticate","apikey_echo":"${key}"}` }, `OpenAlgo said: bad request ${key}`);
    expect(lines.join('')).not.toContain(key);
    await r.value.shutdown();
  });
});

describe('one terminal per data folder', () => {
  it('refuses a second boot on the same folder, naming the holder, until the first shuts down', async () => {
    const first = await boot();
    if (!first.ok) throw new Error(first.error.message);
    const second = await boot();
    expect(second.ok ? 'booted' : second.error.kind).toBe('data-dir-locked');
    const message = second.ok ? '' : second.error.message;
    expect(message).toContain(`process ${process.pid} (headless, this very process)`);
    expect(message).toContain(`since ${new Date(istToEpoch(2026, 11, 25, 20, 0)).toISOString()}`);
    expect(message).not.toContain('\n');
    await first.value.shutdown();
    expect(fs.existsSync(path.join(dir, 'terminal.lock'))).toBe(false);
    const third = await boot();
    if (!third.ok) throw new Error(third.error.message);
    await third.value.shutdown();
  });

  it('releases the lock when boot fails', async () => {
    fs.writeFileSync(path.join(dir, 'config.json'), '{ nope');
    expect((await boot()).ok).toBe(false);
    expect(fs.existsSync(path.join(dir, 'terminal.lock'))).toBe(false);
  });

  it('refuses while another process holds the folder and takes over once it is killed', async () => {
    const lockModule = pathToFileURL(path.join(import.meta.dirname, 'terminal-lock.ts')).href;
    const code = `
      import { acquireTerminalLock } from ${JSON.stringify(lockModule)};
      const r = acquireTerminalLock(${JSON.stringify(dir)}, 0);
      process.stdout.write(r.ok ? 'held\\n' : r.error.message);
      setInterval(() => {}, 1000);`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      const said = await new Promise<string>((resolve) => {
        child.stdout.once('data', (d: Buffer) => resolve(d.toString()));
        child.once('exit', (c) => resolve(`exited with ${c}`));
      });
      expect(said).toBe('held\n');
      const refused = await boot();
      expect(refused.ok ? 'booted' : refused.error.message).toContain(`process ${child.pid} (headless) on ${os.hostname()} since 1970-01-01T00:00:00.000Z`);
    } finally {
      await new Promise((resolve) => {
        child.once('exit', resolve);
        child.kill('SIGKILL');
      });
    }
    const taken = await boot();
    if (!taken.ok) throw new Error(taken.error.message);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'terminal.lock'), 'utf8'))).toMatchObject({ pid: process.pid, shell: 'headless' });
    await taken.value.shutdown();
  });
});
