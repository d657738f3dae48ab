import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Snapshot } from './testing/bot-day-main.ts';

const ENTRY = path.join(import.meta.dirname, 'testing', 'bot-day-main.ts');
let dir = '';
let children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  children = [];
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

type Message = { kind: 'started' | 'reached'; snapshot: Snapshot };

/** Starts the bot day in its own process; resolves its messages in order. */
function start(settings: object): { child: ChildProcess; next: () => Promise<Message> } {
  const child = fork(ENTRY, [JSON.stringify(settings)], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'], execArgv: ['--disable-warning=ExperimentalWarning'] });
  children.push(child);
  let stderr = '';
  child.stderr?.on('data', (b: Buffer) => (stderr += b.toString('utf8')));
  const queue: Message[] = [];
  const waiting: ((m: Message) => void)[] = [];
  child.on('message', (m) => {
    const w = waiting.shift();
    if (w) w(m as Message);
    else queue.push(m as Message);
  });
  const next = (): Promise<Message> =>
    queue.length > 0
      ? Promise.resolve(queue.shift()!)
      : new Promise((resolve, reject) => {
          waiting.push(resolve);
          child.once('exit', (code, signal) => reject(new Error(`bot day process exited (${code ?? signal}) ${stderr.slice(-2000)}`)));
        });
  return { child, next };
}

const killed = (c: ChildProcess): Promise<void> => new Promise((resolve) => (c.exitCode !== null || c.signalCode !== null ? resolve() : c.once('exit', () => resolve())));

describe('restart in the middle of a trading day', () => {
  it('an engine process killed with SIGKILL comes back on the same data folder with every bot, its positions, its state and the ML learners’ state', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bot-restart-'));
    const base = { dir, day: '2026-11-25', seed: 8, ml: true };
    const first = start({ ...base, session: 'p1', startMinute: 0, startBots: true, runTo: 150 });
    await first.next();
    const before = (await first.next()).snapshot;
    expect(before.minute).toBe(150);
    expect((before.positions as unknown[]).length).toBeGreaterThan(0);
    first.child.kill('SIGKILL');
    await killed(first.child);
    expect(first.child.signalCode).toBe('SIGKILL');

    const second = start({ ...base, session: 'p2', startMinute: 150, startBots: false, runTo: 180 });
    const after = (await second.next()).snapshot;
    expect(after.bots).toEqual(before.bots);
    expect(after.positions).toEqual(before.positions);
    expect(after.rows).toEqual(before.rows);
    expect(after.signals).toBe(before.signals);
    expect((after.learners as unknown[]).length).toBeGreaterThan(0);
    expect(after.learners).toEqual(before.learners);

    // And they trade on: still running, still evaluating.
    const later = (await second.next()).snapshot;
    expect((later.bots as { state: string }[]).map((b) => b.state)).toEqual((before.bots as { state: string }[]).map((b) => b.state));
    expect(later.signals).toBeGreaterThan(after.signals);
    second.child.send({ kind: 'stop' });
    await killed(second.child);
  }, 600_000);
});
