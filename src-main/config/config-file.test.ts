import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig, saveConfig } from './config-file.ts';
import { DEFAULT_CONFIG } from './defaults.ts';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cfg-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const file = () => path.join(dir, 'config.json');

describe('config file', () => {
  it('creates the defaults when there is no file', () => {
    const r = loadConfig(dir, 's1');
    expect(r.ok && r.value.created).toBe(true);
    expect(JSON.parse(fs.readFileSync(file(), 'utf8'))).toEqual(DEFAULT_CONFIG);
  });

  it('round-trips a saved config and keeps the previous one as .bak', () => {
    expect(saveConfig(dir, DEFAULT_CONFIG).ok).toBe(true);
    const changed = { ...DEFAULT_CONFIG, simulation: { ...DEFAULT_CONFIG.simulation, speed: 60 } };
    expect(saveConfig(dir, changed).ok).toBe(true);
    const r = loadConfig(dir, 's1');
    expect(r.ok && r.value.config.simulation.speed).toBe(60);
    expect(JSON.parse(fs.readFileSync(`${file()}.bak`, 'utf8')).simulation.speed).toBe(1);
  });

  it('reports a corrupt file, keeps a backup and never overwrites it', () => {
    fs.writeFileSync(file(), '{"version": 1, "mode": ');
    const r = loadConfig(dir, 'stamp');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.kind).toBe('config-corrupt');
    expect(r.error.message).toContain('not valid JSON');
    expect(fs.readFileSync(file(), 'utf8')).toBe('{"version": 1, "mode": ');
    expect(fs.readFileSync(`${file()}.bad-stamp`, 'utf8')).toBe('{"version": 1, "mode": ');
  });

  it('names the field with the wrong type', () => {
    const bad = { ...DEFAULT_CONFIG, simulation: { ...DEFAULT_CONFIG.simulation, speed: 'fast' } };
    fs.writeFileSync(file(), JSON.stringify(bad));
    const r = loadConfig(dir, 's');
    expect(r.ok).toBe(false);
    if (r.ok || r.error.kind !== 'config-invalid') throw new Error('expected config-invalid');
    expect(r.error.issues.map((i) => i.path)).toEqual(['simulation.speed']);
    expect(r.error.message).toContain('simulation.speed');
    expect(JSON.parse(fs.readFileSync(file(), 'utf8')).simulation.speed).toBe('fast');
  });

  it('rejects an unknown key, naming it', () => {
    fs.writeFileSync(file(), JSON.stringify({ ...DEFAULT_CONFIG, server: { ...DEFAULT_CONFIG.server, prot: 1 } }));
    const r = loadConfig(dir, 's');
    if (r.ok || r.error.kind !== 'config-invalid') throw new Error('expected config-invalid');
    expect(r.error.issues).toEqual([{ path: 'server.prot', message: 'unknown key' }]);
  });

  it('rejects an invalid enum value', () => {
    fs.writeFileSync(file(), JSON.stringify({ ...DEFAULT_CONFIG, mode: 'yolo' }));
    const r = loadConfig(dir, 's');
    if (r.ok || r.error.kind !== 'config-invalid') throw new Error('expected config-invalid');
    expect(r.error.issues[0]?.path).toBe('mode');
  });

  it('refuses to save an invalid config', () => {
    const r = saveConfig(dir, { ...DEFAULT_CONFIG, server: { host: '127.0.0.1', port: 70_000 } });
    expect(r.ok).toBe(false);
    expect(fs.existsSync(file())).toBe(false);
  });
});
