import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileNoFollow, removeStaleTemps, writeFileAtomic } from './secure-file.ts';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'secure-file-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('secure files', () => {
  it('gives the file exactly the mode asked for, whatever the umask and the old file had', () => {
    const file = path.join(dir, 'f');
    fs.writeFileSync(file, 'old', { mode: 0o666 });
    fs.chmodSync(file, 0o666);
    const umask = process.umask(0o000);
    try {
      expect(writeFileAtomic(file, 'new', 0o600).ok).toBe(true);
    } finally {
      process.umask(umask);
    }
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const read = readFileNoFollow(file);
    expect(read.ok && read.value.data.toString()).toBe('new');
  });

  it('leaves no temp file behind when the rename fails', () => {
    const target = path.join(dir, 'a-folder');
    fs.mkdirSync(target);
    const r = writeFileAtomic(target, 'x');
    expect(r.ok ? 'written' : r.error.kind).toBe('io');
    expect(fs.readdirSync(dir)).toEqual(['a-folder']);
  });

  it('removes temp files of dead writers and keeps those of running ones', () => {
    const file = path.join(dir, 'key');
    fs.writeFileSync(`${file}.tmp-999999999-1`, 'left by a killed writer');
    fs.writeFileSync(`${file}.tmp-${process.ppid}-1`, 'in flight in a running process');
    fs.writeFileSync(path.join(dir, 'other.tmp-999999999-1'), 'not ours');
    removeStaleTemps(file);
    expect(fs.readdirSync(dir).sort()).toEqual([`key.tmp-${process.ppid}-1`, 'other.tmp-999999999-1']);
  });

  it('reports a missing file, a folder and a link as such', () => {
    expect(readFileNoFollow(path.join(dir, 'none'))).toMatchObject({ ok: false, error: { kind: 'not-found' } });
    expect(readFileNoFollow(dir)).toMatchObject({ ok: false, error: { kind: 'not-a-file' } });
    fs.symlinkSync(path.join(dir, 'none'), path.join(dir, 'link'));
    expect(readFileNoFollow(path.join(dir, 'link'))).toMatchObject({ ok: false, error: { kind: 'symlink' } });
  });
});
