import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { prepareDataDir } from './data-dir.ts';

let root: string;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'data-dir-'));
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

const mode = (p: string) => (fs.lstatSync(p).mode & 0o777).toString(8);
const isRoot = process.getuid?.() === 0;

describe('preparing the data folder', () => {
  it('creates a missing folder (and its parents) for its owner only', () => {
    const dir = path.join(root, 'a', 'data');
    const r = prepareDataDir(dir);
    expect(r.ok && r.value).toEqual({ dir, created: true, tightened: [], untightened: [] });
    expect(mode(dir)).toBe('700');
  });

  it("tightens an existing folder, its files and logs/, and reports what they were; the key file and links are left alone", () => {
    const dir = path.join(root, 'data');
    fs.mkdirSync(path.join(dir, 'logs'), { recursive: true });
    fs.chmodSync(dir, 0o755);
    fs.chmodSync(path.join(dir, 'logs'), 0o775);
    const files = { 'config.json': 0o644, 'terminal.sqlite': 0o664, 'window-state.json': 0o600, 'openalgo-api-key': 0o644 };
    for (const [name, m] of Object.entries(files)) {
      fs.writeFileSync(path.join(dir, name), 'x');
      fs.chmodSync(path.join(dir, name), m);
    }
    fs.writeFileSync(path.join(dir, 'logs', 'terminal.log'), 'x');
    fs.chmodSync(path.join(dir, 'logs', 'terminal.log'), 0o644);
    const outside = path.join(root, 'outside.txt');
    fs.writeFileSync(outside, 'x');
    fs.chmodSync(outside, 0o644);
    fs.symlinkSync(outside, path.join(dir, 'link.txt'));

    const r = prepareDataDir(dir);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.created).toBe(false);
    expect(new Map(r.value.tightened.map((t) => [path.relative(dir, t.path), t.was]))).toEqual(
      new Map([
        ['', '755'],
        ['config.json', '644'],
        ['terminal.sqlite', '664'],
        ['logs', '775'],
        ['logs/terminal.log', '644'],
      ]),
    );
    expect([mode(dir), mode(path.join(dir, 'logs')), mode(path.join(dir, 'config.json')), mode(path.join(dir, 'logs', 'terminal.log'))]).toEqual(['700', '700', '600', '600']);
    expect(mode(path.join(dir, 'openalgo-api-key'))).toBe('644');
    expect(mode(outside)).toBe('644');
  });

  it('refuses a path that is a file', () => {
    const file = path.join(root, 'file');
    fs.writeFileSync(file, 'x');
    const r = prepareDataDir(file);
    expect(r.ok ? 'ok' : r.error.message).toMatch(/^cannot use the data folder .*file: .*; /);
  });

  it.skipIf(isRoot)('refuses a folder it cannot write, in one line', () => {
    const dir = path.join(root, 'ro');
    fs.mkdirSync(dir, { mode: 0o500 });
    const r = prepareDataDir(dir);
    fs.chmodSync(dir, 0o700);
    expect(r.ok ? 'ok' : r.error.message).toMatch(/^cannot use the data folder .*ro: EACCES.*--data-dir/);
  });
});
