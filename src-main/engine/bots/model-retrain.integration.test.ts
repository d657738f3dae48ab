import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SimClock } from '#core/clock';
import { silentLogger } from '#core/log';
import { createMarketData } from '#market/market-data';
import { createSqliteBarCache } from '#market/history/bar-cache';
import { instrumentId } from '#model/ids';
import type { RetrainJob } from '#ml/service/retrain-jobs';
import { syntheticBars } from '#ml/testing/synthetic-bars';
import { openStore, type Store } from '#store/database';
import { createEngineModels } from './engine-models.ts';
import { SHIPPED_MODELS } from './testing/bot-day.ts';

/**
 * Retraining in the app: on the stored history of the terminal's own database, in the training worker,
 * with its progress to listeners and cancel; the models in force keep answering until a promotion.
 */
const NIFTY = instrumentId('NSE_INDEX', 'NIFTY');
const open: { dir: string; store: Store }[] = [];
afterEach(async () => {
  for (const o of open.splice(0)) {
    await o.store.close();
    fs.rmSync(o.dir, { recursive: true, force: true });
  }
});

function setup(epochs: number) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'retrain-'));
  const clock = new SimClock(Date.UTC(2026, 10, 30, 4));
  const opened = openStore(path.join(dir, 'terminal.sqlite'), clock.now());
  if (!opened.ok) throw new Error(opened.error.message);
  open.push({ dir, store: opened.value });
  const models = createEngineModels({
    dirs: { shippedDir: SHIPPED_MODELS, modelsDir: path.join(dir, 'models') },
    store: opened.value,
    clock,
    marketData: createMarketData({ clock }),
    logger: silentLogger(),
    fit: { regime: { epochs }, 'rsi-lstm': { epochs } },
  });
  models.start();
  return { models, store: opened.value };
}

const until = async (jobs: { current(): RetrainJob | undefined }, states: readonly RetrainJob['state'][]): Promise<RetrainJob> => {
  for (let i = 0; i < 600; i++) {
    const j = jobs.current();
    if (j && states.includes(j.state)) return j;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the job did not reach ${states.join('/')}: ${JSON.stringify(jobs.current())}`);
};

describe('retraining in the app', () => {
  it('trains on the stored history with progress, registers without promoting, and the model in force stays', async () => {
    const { models, store } = setup(2);
    createSqliteBarCache(store.sqlite).save(syntheticBars({ sessions: 40, seed: 3, instrument: NIFTY }), 'simulator');
    const seen: RetrainJob['state'][] = [];
    models.api.jobs.subscribe((j) => seen.push(j.state));
    const started = models.api.jobs.start({ instruments: [NIFTY], kinds: ['regime'], seed: 4 });
    expect(started).toMatchObject({ ok: true, value: { id: 'retrain-1', state: 'reading' } });
    expect(models.api.jobs.start({ instruments: [NIFTY] })).toEqual({ ok: false, error: { message: 'retrain-1 is still reading history: cancel it or wait for it to end' } });
    const done = await until(models.api.jobs, ['done', 'failed', 'cancelled']);
    expect(done).toMatchObject({ state: 'done', results: [{ kind: 'regime', ok: true, modelId: 'regime@2', promoted: false }], data: expect.arrayContaining(['NSE_INDEX:NIFTY: 3000 five-minute bars']) });
    expect(done.message).toBeUndefined();
    expect(seen[0]).toBe('reading');
    expect(seen).toContain('training');
    expect(seen.at(-1)).toBe('done');
    // Registered, not in force: the engine still runs the shipped regime model until a promotion.
    expect(models.api.list('regime').map((r) => r.modelId)).toEqual(['regime@2', 'regime@1']);
    expect(models.api.status().find((s) => s.kind === 'regime')!.slot).toEqual({ state: 'available', modelId: 'regime@1' });
    expect(models.api.promote('regime@2').ok).toBe(true);
    expect(models.api.status().find((s) => s.kind === 'regime')!.slot).toEqual({ state: 'available', modelId: 'regime@2' });
  }, 120_000);

  it('cancels a running job and registers nothing; without stored history it says what to do', async () => {
    const { models, store } = setup(200);
    expect(models.api.jobs.cancel()).toEqual({ ok: false, error: { message: 'no retraining is running' } });
    models.api.jobs.start({ instruments: [NIFTY] });
    const empty = await until(models.api.jobs, ['failed', 'done']);
    expect(empty.message).toBe('no bars stored for NSE_INDEX:NIFTY in that range: import history first (Settings → Data, or npm run import:csv)');
    createSqliteBarCache(store.sqlite).save(syntheticBars({ sessions: 40, seed: 3, instrument: NIFTY }), 'simulator');
    models.api.jobs.start({ instruments: [NIFTY], kinds: ['rsi-lstm'] });
    const training = await until(models.api.jobs, ['training']);
    await new Promise<void>((resolve) => {
      const off = models.api.jobs.subscribe((j) => {
        if (j.progress) {
          off();
          resolve();
        }
      });
    });
    expect(models.api.jobs.cancel()).toMatchObject({ ok: true, value: { id: training.id } });
    const cancelled = await until(models.api.jobs, ['cancelled', 'done', 'failed']);
    expect(cancelled).toMatchObject({ state: 'cancelled', message: 'cancelled: nothing was registered', results: [] });
    expect(models.api.list('rsi-lstm').map((r) => r.modelId)).toEqual(['rsi-lstm@1']);
  }, 120_000);
});
