import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WallClock } from '#core/clock';
import { runCli } from '#core/cli-test-support';
import { inlineEvaluator } from '#optimiser/evaluator';
import { runStudy } from '#optimiser/study';
import type { StudySpecInput } from '#optimiser/study-spec';
import { StudyStore } from '#optimiser/study-store';
import type { TrialRecord } from '#optimiser/trial';
import { openStore, type Store } from '#store/database';
import { queueEvaluator } from './queue-evaluator.ts';
import { connectRedis, parseRedisUrl } from './redis-connection.ts';
import { redisRequired, redisUnavailable, startTestRedis, type TestRedis } from './testing/redis-server.ts';
import { TRIALS_QUEUE } from './trial-jobs.ts';

const missing = redisUnavailable();
const root = path.resolve(import.meta.dirname, '..', '..');

/** A worker process as `npm run worker` starts it, with its output collected. */
function startWorker(url: string, name: string): { child: ChildProcess; lines: string[]; ready: Promise<void> } {
  const child = spawn(process.execPath, [path.join(root, 'src-main/cli/worker.ts'), '--redis', url, '--threads', '1', '--name', name, '--lock-seconds', '3'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      lines.push(...d.toString().split('\n').filter(Boolean));
      if (lines.some((l) => l.includes('taking trials'))) resolve();
    });
    child.stderr!.on('data', (d: Buffer) => lines.push(`stderr: ${d.toString()}`));
    child.once('exit', (code) => reject(new Error(`worker ${name} exited with ${code}: ${lines.join('\n')}`)));
  });
  return { child, lines, ready };
}

async function until(what: string, test: () => boolean, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!test()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const sorted = (rs: readonly TrialRecord[]) => JSON.stringify([...rs].sort((a, b) => a.fold.localeCompare(b.fold) || a.trialId - b.trialId));

if (missing !== undefined && redisRequired()) {
  describe('BullMQ sweep', () => {
    it('needs Redis', () => {
      throw new Error(`${missing}: E2E_REQUIRED=1 or REDIS_REQUIRED=1 says these tests must run`);
    });
  });
}

describe.skipIf(missing !== undefined)(`BullMQ sweep over a local Redis${missing ? ` (skipped: ${missing})` : ''}`, () => {
  let redis: TestRedis;
  let dir: string;
  const stores: Store[] = [];
  const workers: ChildProcess[] = [];
  const clock = new WallClock();

  beforeAll(async () => {
    redis = await startTestRedis();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sweep-'));
  });
  afterAll(async () => {
    for (const w of workers) if (w.exitCode === null && w.signalCode === null) w.kill('SIGKILL');
    for (const s of stores) await s.close();
    await redis?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const studyStore = (name: string): StudyStore => {
    const r = openStore(path.join(dir, name), 1);
    if (!r.ok) throw new Error(r.error.message);
    stores.push(r.value);
    return new StudyStore(r.value);
  };

  it('two worker processes, one killed with SIGKILL mid-job, give the same results as the single-machine run', async () => {
    const spec: StudySpecInput = { objective: { kind: 'synthetic', noise: 0.1, delayMs: 300 }, sampler: 'random', trials: 12, seed: 9, outOfSampleTop: 4 };

    const local = studyStore('local.sqlite');
    const alone = await runStudy({ studyId: 'sweep', spec, store: local, evaluator: inlineEvaluator(), clock });
    expect(alone.ok).toBe(true);

    const w1 = startWorker(redis.url, 'w1');
    const w2 = startWorker(redis.url, 'w2');
    workers.push(w1.child, w2.child);
    await Promise.all([w1.ready, w2.ready]);

    const target = parseRedisUrl(redis.url);
    if (!target.ok) throw new Error(target.error.message);
    const evaluator = await queueEvaluator({ target: target.value, label: 'sweep', trialsPerJob: 2 });
    if (!evaluator.ok) throw new Error(evaluator.error.message);
    const remote = studyStore('submitter.sqlite');
    const running = runStudy({ studyId: 'sweep', spec, store: remote, evaluator: evaluator.value, clock });

    // Kill w1 the moment it has a job in hand: its trials take 600 ms, so it dies mid-job.
    await until('w1 to take a job', () => w1.lines.some((l) => l.includes('started job')));
    w1.child.kill('SIGKILL');
    const killedJob = /started job (\S+)/.exec(w1.lines.find((l) => l.includes('started job'))!)![1]!;

    const distributed = await running;
    await evaluator.value.close();
    if (!distributed.ok) throw new Error(distributed.error.message);

    expect(sorted(remote.records('sweep'))).toBe(sorted(local.records('sweep')));
    expect(remote.records('sweep')).toHaveLength(12 + 4);
    expect(w1.lines.some((l) => l.includes(`completed job ${killedJob}`))).toBe(false);
    expect(w2.lines.some((l) => l.includes(`completed job ${killedJob}`))).toBe(true);

    // The queue saw the job stall (its worker died) and gave it to w2.
    const client = await connectRedis(target.value, { blocking: false });
    if (!client.ok) throw new Error(client.error.message);
    const queue = new Queue(TRIALS_QUEUE, { connection: client.value });
    const job = await queue.getJob(killedJob);
    expect(job?.stalledCounter).toBeGreaterThanOrEqual(1);
    expect(job?.processedBy).toBe('w2');
    await queue.close();
    await client.value.quit();

    // Submitting the same study again adds nothing: every job's kept result comes straight back.
    const again = await queueEvaluator({ target: target.value, label: 'sweep', trialsPerJob: 2 });
    if (!again.ok) throw new Error(again.error.message);
    const second = studyStore('second.sqlite');
    const replay = await runStudy({ studyId: 'sweep', spec, store: second, evaluator: again.value, clock });
    await again.value.close();
    expect(replay.ok).toBe(true);
    expect(sorted(second.records('sweep'))).toBe(sorted(local.records('sweep')));
    // Ctrl-C (SIGTERM) stops a worker cleanly once its jobs are done.
    const stopped = new Promise((r) => w2.child.once('exit', r));
    w2.child.kill('SIGTERM');
    expect(await stopped).toBe(0);
  }, 120_000);

  it('npm run optimise -- --redis sends the study to a worker and stores what comes back', async () => {
    const w = startWorker(redis.url, 'w3');
    workers.push(w.child);
    await w.ready;
    const dataDir = path.join(dir, 'cli');
    const args = ['--bot', 'synthetic', '--sampler', 'random', '--trials', '6', '--oos-top', '2', '--study', 'cli-sweep', '--json', '--data-dir'];
    const remote = await runCli('src-main/cli/optimise.ts', [...args, dataDir, '--redis', redis.url], { timeoutMs: 60_000 });
    expect(remote.stderr).toContain('8/8 (100 %)');
    expect(remote.code).toBe(0);
    expect(w.lines.some((l) => l.includes('completed job cli-sweep.in-sample.'))).toBe(true);
    const local = await runCli('src-main/cli/optimise.ts', [...args, path.join(dir, 'cli-local'), '--threads', '1'], { timeoutMs: 60_000 });
    const json = (r: { stdout: string }) => JSON.parse(r.stdout.slice(r.stdout.indexOf('{'))) as unknown;
    expect(json(remote)).toEqual(json(local));
  }, 120_000);

  it('a worker given an address where no Redis listens says so in one line and exits 1', async () => {
    const child = spawn(process.execPath, [path.join(root, 'src-main/cli/worker.ts'), '--redis', 'redis://:hunter2@127.0.0.1:1'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise((r) => child.once('exit', r));
    expect(code).toBe(1);
    expect(err).toMatch(/^worker: cannot reach Redis at redis:\/\/127\.0\.0\.1:1/);
    expect(err).not.toContain('hunter2');
  }, 30_000);
});
