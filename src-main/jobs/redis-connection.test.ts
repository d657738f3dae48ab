import { describe, expect, it } from 'vitest';
import { jobId } from './trial-jobs.ts';
import { parseRedisUrl } from './redis-connection.ts';

describe('Redis address', () => {
  it('accepts redis:// and rediss:// and never shows the password', () => {
    expect(parseRedisUrl('redis://127.0.0.1:6380/2')).toEqual({ ok: true, value: { url: 'redis://127.0.0.1:6380/2', display: 'redis://127.0.0.1:6380/2' } });
    const secret = parseRedisUrl('rediss://:hunter2@cache.lan');
    expect(secret.ok && secret.value.display).toBe('rediss://cache.lan:6379');
  });

  it('refuses what is not a Redis address, saying what to write', () => {
    expect(parseRedisUrl('127.0.0.1:6379')).toMatchObject({ ok: false, error: { kind: 'invalid-url' } });
    expect(parseRedisUrl('http://host:6379')).toMatchObject({ ok: false, error: { message: expect.stringContaining('redis://') } });
    expect(parseRedisUrl('redis://host:6379/x')).toMatchObject({ ok: false, error: { message: expect.stringContaining('database') } });
  });
});

describe('job ids', () => {
  const objective = { kind: 'synthetic', noise: 0, days: 250, delayMs: 0 } as const;
  const task = (trialId: number, entryZ: number) => ({ trialId, fold: 'in-sample' as const, params: { entryZ }, indices: [0] });

  it('are the same for the same trials and differ when anything in them differs', () => {
    const a = jobId('my study:1', objective, [task(0, 1), task(1, 2)]);
    expect(a).toMatch(/^my_study_1\.in-sample\.0-1\.[0-9a-f]{16}$/);
    expect(jobId('my study:1', objective, [task(0, 1), task(1, 2)])).toBe(a);
    expect(jobId('my study:1', objective, [task(0, 1), task(1, 3)])).not.toBe(a);
    expect(jobId('my study:1', { ...objective, noise: 1 }, [task(0, 1), task(1, 2)])).not.toBe(a);
  });
});
