import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from './database.ts';
import { ModelRegistryRepository, type StoredModel } from './model-registry-repository.ts';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'model-registry-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function open(): Store {
  const r = openStore(path.join(dir, 'terminal.sqlite'), 1);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

const model = (version: number, extra: Partial<StoredModel> = {}): StoredModel => ({
  modelId: `regime@${version}`,
  kind: 'regime',
  version,
  origin: 'trained',
  location: 'data',
  file: `regime-${version}.onnx`,
  sha256: String(version).repeat(64).slice(0, 64).replace(/[^0-9a-f]/g, 'a'),
  manifest: { kind: 'regime', data: { from: 1_000 * version, to: 2_000 * version }, metrics: { regime: { accuracy: 0.5 + version / 100 } } },
  createdAt: 10 * version,
  ...extra,
});

describe('model registry on a real SQLite file (migration 008)', () => {
  it('numbers versions per kind, lists newest first and reads back what it wrote after a reopen', async () => {
    const a = open();
    const repo = new ModelRegistryRepository(a.sqlite);
    expect(repo.nextVersion('regime')).toBe(1);
    repo.add(model(1));
    repo.add(model(2));
    expect(repo.nextVersion('regime')).toBe(3);
    expect(repo.nextVersion('rsi-lstm')).toBe(1);
    await a.close();
    const b = open();
    const again = new ModelRegistryRepository(b.sqlite);
    expect(again.list('regime').map((m) => m.modelId)).toEqual(['regime@2', 'regime@1']);
    expect(again.get('regime@1')).toEqual(model(1));
    expect(b.sqlite.prepare('SELECT data_from, data_to FROM ml_models WHERE model_id = ?').get('regime@2')).toEqual({ data_from: 2_000, data_to: 4_000 });
    await b.close();
  });

  it('the active model is the last promotion; the history is append-only', async () => {
    const s = open();
    const repo = new ModelRegistryRepository(s.sqlite);
    repo.add(model(1));
    repo.add(model(2));
    expect(repo.active('regime')).toBeUndefined();
    repo.recordPromotion({ kind: 'regime', modelId: 'regime@1', action: 'promote', ts: 1, reason: 'shipped default' });
    repo.recordPromotion({ kind: 'regime', modelId: 'regime@2', action: 'promote', ts: 2, reason: 'retrained' });
    expect(repo.active('regime')?.modelId).toBe('regime@2');
    repo.recordPromotion({ kind: 'regime', modelId: 'regime@1', action: 'rollback', ts: 3, reason: 'worse out of sample' });
    expect(repo.active('regime')?.modelId).toBe('regime@1');
    expect(repo.promotions('regime').map((p) => [p.modelId, p.action])).toEqual([
      ['regime@1', 'promote'],
      ['regime@2', 'promote'],
      ['regime@1', 'rollback'],
    ]);
    expect(() => s.sqlite.prepare('DELETE FROM ml_promotions').run()).toThrow(/append-only/);
    expect(() => s.sqlite.prepare("UPDATE ml_promotions SET reason = 'x'").run()).toThrow(/append-only/);
    expect(() => repo.recordPromotion({ kind: 'regime', modelId: 'regime@9', action: 'promote', ts: 4, reason: '' })).toThrow(/FOREIGN KEY/);
    await s.close();
  });

  it('refuses a duplicate version, and keeps learner state by key', async () => {
    const s = open();
    const repo = new ModelRegistryRepository(s.sqlite);
    repo.add(model(1));
    expect(() => repo.add({ ...model(1), modelId: 'regime@1b' })).toThrow(/UNIQUE/);
    expect(repo.loadState('bandit:b1')).toBeUndefined();
    repo.saveState('bandit:b1', '{"arms":[]}', 5);
    repo.saveState('bandit:b1', '{"arms":[1]}', 6);
    expect(repo.loadState('bandit:b1')).toBe('{"arms":[1]}');
    await s.close();
  });

  it('a row edited by hand into nonsense is left out and named, not guessed', async () => {
    const s = open();
    const repo = new ModelRegistryRepository(s.sqlite);
    repo.add(model(1));
    repo.add(model(2));
    s.sqlite.prepare("UPDATE ml_models SET manifest = '{not json' WHERE model_id = 'regime@2'").run();
    expect(repo.list('regime').map((m) => m.modelId)).toEqual(['regime@1']);
    expect([...repo.problems]).toEqual([expect.stringMatching(/^ml_models row regime@2 has a manifest that is not JSON/)]);
    await s.close();
  });
});
