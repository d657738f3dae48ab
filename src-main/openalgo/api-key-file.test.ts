import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { chmod, mkdtemp, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readApiKeyFile, writeApiKeyFile } from './api-key-file.ts';

const LONG_KEY = 'a'.repeat(64);
const SHORT_KEY = 'b'.repeat(20);
const COMPLETE = new Set([`${LONG_KEY}\n`, `${SHORT_KEY}\n`]);

/** A Node 24 child that saves the two keys in turn, as fast as it can, until it is killed. */
function startWriter(file: string): ChildProcess {
  const moduleUrl = pathToFileURL(join(import.meta.dirname, 'api-key-file.ts')).href;
  const code = `
    import { writeApiKeyFile } from ${JSON.stringify(moduleUrl)};
    const file = ${JSON.stringify(file)};
    const keys = [${JSON.stringify(LONG_KEY)}, ${JSON.stringify(SHORT_KEY)}];
    let i = 0;
    await writeApiKeyFile(file, keys[0]);
    process.stdout.write('ready\\n');
    for (;;) {
      const r = await writeApiKeyFile(file, keys[++i % 2]);
      if (!r.ok) { process.stderr.write(r.error.message); process.exit(3); }
    }`;
  return spawn(process.execPath, ['--input-type=module', '-e', code], { stdio: ['ignore', 'pipe', 'pipe'] });
}

const ready = (child: ChildProcess) =>
  new Promise<void>((resolve, reject) => {
    child.stdout!.once('data', () => resolve());
    child.once('exit', (code) => reject(new Error(`writer exited early (${code})`)));
  });

const killed = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });

/** Reads the file as fast as possible for `ms`, returning every content that was not a complete key. */
function watch(file: string, ms: number): string[] {
  const bad: string[] = [];
  const until = performance.now() + ms;
  while (performance.now() < until) {
    const text = fs.readFileSync(file, 'utf8');
    if (!COMPLETE.has(text)) bad.push(text);
  }
  return bad;
}

describe('API key file', () => {
  it('writes with mode 0600 and reads back', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'oa-key-'));
    const path = join(dir, 'sub', 'openalgo.key');
    expect((await writeApiKeyFile(path, '  abc123secret  ')).ok).toBe(true);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    const r = await readApiKeyFile(path);
    expect(r.ok && r.value).toBe('abc123secret');
  });

  it('refuses a world-readable file and never echoes the key', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'oa-key-'));
    const path = join(dir, 'k');
    await writeFile(path, 'topsecretkey');
    await chmod(path, 0o644);
    const r = await readApiKeyFile(path);
    expect(r.ok ? '' : r.error.kind).toBe('insecure');
    expect(JSON.stringify(r)).not.toContain('topsecretkey');
    await chmod(path, 0o600);
    await writeFile(path, 'two keys');
    const r2 = await readApiKeyFile(path);
    expect(r2.ok ? '' : r2.error.kind).toBe('invalid');
    expect(JSON.stringify(r2)).not.toContain('two keys');
  });

  it('reports a missing file and rejects an empty key', async () => {
    const r = await readApiKeyFile('/nonexistent/dir/key');
    expect(r.ok ? '' : r.error.kind).toBe('not-found');
    expect((await writeApiKeyFile('/tmp/x-never-written', ' ')).ok).toBe(false);
  });

  it('neither reads nor writes through a symbolic link', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'oa-key-'));
    const victim = join(dir, 'victim');
    fs.writeFileSync(victim, 'elsewhere\n', { mode: 0o600 });
    const path = join(dir, 'openalgo-api-key');
    fs.symlinkSync(victim, path);

    const read = await readApiKeyFile(path);
    expect(read.ok ? read.value : read.error.kind).toBe('insecure');
    const written = await writeApiKeyFile(path, 'newkey123');
    expect(written.ok ? 'written' : written.error.message).toMatch(/symbolic link/);
    expect(fs.readFileSync(victim, 'utf8')).toBe('elsewhere\n');
    expect(fs.lstatSync(path).isSymbolicLink()).toBe(true);

    const dangling = join(dir, 'dangling-key');
    fs.symlinkSync(join(dir, 'would-be-created'), dangling);
    expect((await writeApiKeyFile(dangling, 'newkey123')).ok).toBe(false);
    expect(fs.existsSync(join(dir, 'would-be-created'))).toBe(false);
  });

  it('serialises concurrent saves: readers never see a partial key and the last save wins', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'oa-key-'));
    const path = join(dir, 'openalgo-api-key');
    await writeApiKeyFile(path, 'initial-key');
    const keys = Array.from({ length: 60 }, (_, i) => `key-${i}-${'x'.repeat((i * 37) % 200)}`);
    const seen: string[] = [];
    const reader = setInterval(() => seen.push(fs.readFileSync(path, 'utf8')), 0);
    const results = await Promise.all(keys.map((k) => writeApiKeyFile(path, k)));
    clearInterval(reader);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(fs.readFileSync(path, 'utf8')).toBe(`${keys.at(-1)}\n`);
    const valid = new Set(['initial-key', ...keys].map((k) => `${k}\n`));
    expect(seen.filter((s) => !valid.has(s))).toEqual([]);
    expect(fs.readdirSync(dir)).toEqual(['openalgo-api-key']);
  });

  it('survives kill -9 at any point: the file always holds the old or the new complete key', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'oa-key-kill-'));
    const path = join(dir, 'openalgo-api-key');
    const failures: string[] = [];
    for (let round = 0; round < 30; round++) {
      const child = startWriter(path);
      await ready(child);
      // Kill at a different moment each round; read the whole time the writer runs.
      failures.push(...watch(path, 2 + ((round * 7) % 23)));
      await killed(child);
      const after = fs.readFileSync(path, 'utf8');
      if (!COMPLETE.has(after)) failures.push(after);
      expect((fs.statSync(path).mode & 0o777).toString(8)).toBe('600');
    }
    expect(failures.map((f) => JSON.stringify(f))).toEqual([]);
    const r = await readApiKeyFile(path);
    expect(r.ok && [LONG_KEY, SHORT_KEY].includes(r.value)).toBe(true);
  }, 60_000);

  it('two processes saving at once never leave a mixed file, and a killed writer leaves no temp file behind', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'oa-key-two-'));
    const path = join(dir, 'openalgo-api-key');
    const writers = [startWriter(path), startWriter(path)];
    await Promise.all(writers.map(ready));
    const bad = watch(path, 300);
    await Promise.all(writers.map(killed));
    expect(bad.map((b) => JSON.stringify(b))).toEqual([]);
    expect(COMPLETE.has(fs.readFileSync(path, 'utf8'))).toBe(true);
    expect((await writeApiKeyFile(path, 'final-key')).ok).toBe(true);
    expect(fs.readdirSync(dir)).toEqual(['openalgo-api-key']);
  }, 30_000);
});
