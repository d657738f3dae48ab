import { chmod, mkdtemp, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readApiKeyFile, writeApiKeyFile } from './api-key-file.ts';

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
});
