import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { exited, forkedDays } from '#engine/testing/forked-day';
import type { Snapshot } from './testing/bot-day-main.ts';

const days = forkedDays(path.join(import.meta.dirname, 'testing', 'bot-day-main.ts'), 'bot day');
let dir = '';
afterEach(() => {
  days.stopAll();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

type Message = { kind: 'started' | 'reached'; snapshot: Snapshot };
const start = (settings: object) => days.start<Message>(settings);

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
    await exited(first.child);
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
    await exited(second.child);
  }, 600_000);
});
