import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '#core/log';
import { istToEpoch } from '#core/time-ist';
import { bootEngine, type BootedEngine } from '../boot.ts';
import { fileSecretStore } from '../secrets.ts';

let dir = '';
let booted: BootedEngine | undefined;
afterEach(async () => {
  await booted?.shutdown();
  booted = undefined;
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('a new user in simulation', () => {
  it('presses Start on each bot and watches it run: running, with signals explaining its first checks', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'boot-bots-'));
    const r = await bootEngine({ dataDir: dir, version: '1', logger: silentLogger(), wallNowMs: istToEpoch(2026, 11, 25, 10, 15), secrets: fileSecretStore(dir), speed: 600 });
    if (!r.ok) throw new Error(r.error.message);
    booted = r.value;
    await booted.start();
    const engine = booted.engine;
    // The shipped models are registered in the data folder's database and loaded before any bot runs.
    expect(engine.models?.status().map((s) => [s.kind, s.slot.state, s.record?.origin])).toEqual([
      ['rsi-lstm', 'available', 'shipped'],
      ['pattern-cnn', 'available', 'shipped'],
      ['break-validator', 'available', 'shipped'],
      ['regime', 'available', 'shipped'],
    ]);
    expect(engine.bots().every((b) => b.available && b.state === 'stopped')).toBe(true);
    for (const b of engine.bots()) expect(engine.startBot(b.id)).toMatchObject({ ok: true, value: { state: 'running' } });
    // 600 simulated seconds a second: the sellers' five-minute entry check comes within a wall second or so.
    const deadline = Date.now() + 20_000;
    while (engine.signals(10).length === 0 && Date.now() < deadline) await new Promise((res) => setTimeout(res, 100));
    const signals = engine.signals(100);
    expect(signals.length).toBeGreaterThan(0);
    for (const s of signals) expect(s.decision.reason.length).toBeGreaterThan(0);
    for (const s of signals.filter((x) => x.sources.some((src) => src.source === 'ml'))) expect(s.sources.find((src) => src.source === 'ml')!.status).toBe('ok');
    expect(engine.bots().every((b) => b.state === 'running')).toBe(true);
  }, 60_000);
});
