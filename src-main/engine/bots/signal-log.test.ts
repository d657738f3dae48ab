import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Signal } from '#model/signal';
import { openStore, type Store } from '#store/database';
import { SignalsRepository } from '#store/signals-repository';
import { SignalLog } from './signal-log.ts';
import { entrySignal } from './testing/signal-fixture.ts';

const signal = (id: string, taken: boolean): Signal => entrySignal(id, taken);

describe('the signal log', () => {
  let store: Store | undefined;
  let dir = '';
  afterEach(async () => {
    await store?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const open = (): SignalsRepository => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'signal-log-'));
    const opened = openStore(path.join(dir, 'terminal.sqlite'), 1_000);
    if (!opened.ok) throw new Error(opened.error.message);
    store = opened.value;
    return new SignalsRepository(store.sqlite);
  };

  it('writes every signal by default; without filtered ones (a backtest) writes the taken, streams all, and amends a taken one', () => {
    const repo = open();
    const streamed: string[] = [];
    const all = new SignalLog(repo, (s) => streamed.push(`${s.id} ${s.decision.kind}`));
    all.store([signal('a', false), signal('b', true)]);
    expect(all.recent(10).map((s) => s.id)).toEqual(['a', 'b']);

    const taken = new SignalLog(repo, (s) => streamed.push(`${s.id} ${s.decision.kind}`), { storeFiltered: false });
    const list = [signal('c', false), signal('d', true)];
    taken.store(list);
    taken.stream(list);
    expect(taken.recent(10).map((s) => s.id)).toEqual(['a', 'b', 'd']);
    taken.amend({ ...signal('d', true), decision: { kind: 'refused', reason: 'risk refused it' } });
    taken.amend({ ...signal('c', false), decision: { kind: 'refused', reason: 'not stored' } });
    expect(taken.recent(1)[0]!.decision).toEqual({ kind: 'refused', reason: 'risk refused it' });
    expect(streamed).toEqual(['c filtered', 'd taken', 'd refused']);
  });
});
