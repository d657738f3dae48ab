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

  it('saves config.json and its backup 0600, whatever the old file allowed', () => {
    fs.writeFileSync(file(), JSON.stringify(DEFAULT_CONFIG), { mode: 0o644 });
    fs.chmodSync(file(), 0o644);
    expect(saveConfig(dir, { ...DEFAULT_CONFIG, mode: 'paper' }).ok).toBe(true);
    expect(fs.statSync(file()).mode & 0o777).toBe(0o600);
    expect(fs.statSync(`${file()}.bak`).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(dir).sort()).toEqual(['config.json', 'config.json.bak']);
  });

  it('never reads or writes through a symbolic link', () => {
    const victim = path.join(dir, 'elsewhere.json');
    const original = JSON.stringify({ ...DEFAULT_CONFIG, mode: 'paper' });
    fs.writeFileSync(victim, original);
    fs.symlinkSync(victim, file());
    const loaded = loadConfig(dir, 's');
    expect(loaded.ok ? 'loaded' : loaded.error.message).toMatch(/config\.json is a symbolic link/);
    expect(saveConfig(dir, DEFAULT_CONFIG).ok).toBe(false);
    expect(fs.readFileSync(victim, 'utf8')).toBe(original);
    expect(fs.lstatSync(file()).isSymbolicLink()).toBe(true);
  });

  it('does not write through links planted at the backup or temp names', () => {
    const victim = path.join(dir, 'victim');
    fs.writeFileSync(victim, 'untouched');
    expect(saveConfig(dir, DEFAULT_CONFIG).ok).toBe(true);
    fs.symlinkSync(victim, `${file()}.tmp`);
    expect(saveConfig(dir, { ...DEFAULT_CONFIG, mode: 'paper' }).ok).toBe(true);
    expect(fs.readFileSync(victim, 'utf8')).toBe('untouched');
    fs.symlinkSync(victim, `${file()}.bak.lnk`);
    fs.rmSync(`${file()}.bak`);
    fs.renameSync(`${file()}.bak.lnk`, `${file()}.bak`);
    const r = saveConfig(dir, DEFAULT_CONFIG);
    expect(r.ok ? 'saved' : r.error.message).toMatch(/config\.json\.bak is a symbolic link/);
    expect(fs.readFileSync(victim, 'utf8')).toBe('untouched');
    expect(JSON.parse(fs.readFileSync(file(), 'utf8')).mode).toBe('paper');
  });

  it('refuses to save an invalid config', () => {
    const r = saveConfig(dir, { ...DEFAULT_CONFIG, server: { host: '127.0.0.1', port: 70_000 } });
    expect(r.ok).toBe(false);
    expect(fs.existsSync(file())).toBe(false);
  });
});
