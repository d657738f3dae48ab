import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '#store/database';
import { BotDay } from '#engine/bots/testing/bot-day';
import { exited, forkedDays } from '#engine/testing/forked-day';
import { shadowFile } from './shadow-order-path.ts';
import type { VariantSnapshot } from './testing/shadow-day-main.ts';

const days = forkedDays(path.join(import.meta.dirname, 'testing', 'shadow-day-main.ts'), 'shadow day');
let dir = '';
afterEach(() => {
  days.stopAll();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

type Message = { kind: 'reached'; snapshot: VariantSnapshot };
/** Starts the shadow day in its own process; `next` resolves its snapshots in order. */
function start(settings: object) {
  const day = days.start<Message>(settings);
  return { child: day.child, next: () => day.next().then((m) => m.snapshot) };
}

describe('a shadow variant across a crash in the middle of the day', () => {
  it('comes back after SIGKILL with its positions and the strategy state it held, and trades on', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shadow-restart-'));
    const first = start({ dir, session: 'p1', startMinute: 0, startVariant: true });
    const before = await first.next();
    expect(before.positions.length).toBeGreaterThan(0);
    // The rider's state names the position it manages: a fresh state would not.
    expect(JSON.stringify(before.strategy)).not.toBe(JSON.stringify({ positions: [] }));
    first.child.kill('SIGKILL');
    await exited(first.child);
    expect(first.child.signalCode).toBe('SIGKILL');

    const second = start({ dir, session: 'p2', startMinute: before.minute, startVariant: false });
    const after = await second.next();
    expect(after.status).toEqual(before.status);
    expect(after.positions).toEqual(before.positions);
    expect(after.fills).toBe(before.fills);
    expect(after.strategy).toEqual(before.strategy);

    // It goes on managing what it holds and evaluating: more signals, and the position it held is worked on.
    second.child.send({ kind: 'run', minute: Math.min(before.minute + 90, 375) });
    const later = await second.next();
    expect(later.status).toEqual(before.status);
    expect(later.signals).toBeGreaterThan(after.signals);
    expect(later.fills).toBeGreaterThan(after.fills);
    second.child.send({ kind: 'stop' });
    await exited(second.child);
  }, 600_000);

  it('keeps a variant whose stored strategy state no longer reads from running, and says why, instead of starting it afresh', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shadow-restart-'));
    const main = path.join(dir, 'terminal.sqlite');
    const opened = openStore(main, 0);
    if (!opened.ok) throw new Error(opened.error.message);
    opened.value.sqlite.prepare("INSERT INTO shadow_variants VALUES ('momentum-rider~broken', 'momentum-rider', 'broken', '{}', 'running', 0, NULL)").run();
    await opened.value.close();
    fs.mkdirSync(path.join(dir, 'shadow'));
    const file = openStore(shadowFile(main, 'momentum-rider~broken'), 0);
    if (!file.ok) throw new Error(file.error.message);
    file.value.sqlite
      .prepare("INSERT INTO bot_state (bot_id, kind, state, settings, ts_last) VALUES ('shadow:momentum-rider~broken', 'momentum-rider', ?, '{}', 0)")
      .run(JSON.stringify({ version: 1, lifecycle: 'running', strategy: { positions: 'not a list' } }));
    await file.value.close();

    const day = await BotDay.start({ dir, day: '2026-11-25', seed: 8, session: 'b1', startMinute: 30, underlyings: ['NIFTY'] });
    try {
      expect(day.engine.shadow!.list()).toEqual([expect.objectContaining({ variantId: 'momentum-rider~broken', status: 'stopped' })]);
      expect(day.engine.botManager.shadow.runners()).toEqual([]);
      const why = day.store.sqlite.prepare("SELECT json_extract(payload, '$.why') FROM audit_log WHERE kind = 'bot:shadow-stop'").pluck().all() as string[];
      expect(why).toHaveLength(1);
      expect(why[0]).toMatch(/^cannot run after the restart: its stored strategy state is unreadable: positions: /);
    } finally {
      await day.close(false);
    }
  }, 120_000);
});
