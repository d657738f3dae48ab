import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '#core/log';
import { BotDay, SHIPPED_MODELS } from '#engine/bots/testing/bot-day';
import { commands, streams } from '#contract/channels';
import { createRouter, type StreamSink } from './router.ts';

let day: BotDay | undefined;
const dirs: string[] = [];
afterEach(async () => {
  await day?.close();
  day = undefined;
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const sink = (): StreamSink & { snapshots: unknown[]; deltas: unknown[] } => {
  const s = { snapshots: [] as unknown[], deltas: [] as unknown[], snapshot: (d: unknown) => s.snapshots.push(d), delta: (d: unknown) => s.deltas.push(d) };
  return s;
};

describe('the ML models over the bridge', () => {
  it('lists, brings in (refusing a mismatched file with the reason), promotes with hot reload, compares, rolls back and streams', async () => {
    day = await BotDay.start({ day: '2026-11-25', seed: 8, session: 'm1', shippedModels: SHIPPED_MODELS });
    const router = createRouter(day.engine, silentLogger());
    const s = sink();
    expect(router.subscribe('models', {}, s).ok).toBe(true);
    const first = streams.models.snapshot.parse(s.snapshots[0]);
    expect(first.slots.map((x) => [x.kind, x.state, x.modelId])).toEqual([
      ['rsi-lstm', 'available', 'rsi-lstm@1'],
      ['pattern-cnn', 'available', 'pattern-cnn@1'],
      ['break-validator', 'available', 'break-validator@1'],
      ['regime', 'available', 'regime@1'],
    ]);
    const regime1 = first.models.find((m) => m.modelId === 'regime@1')!;
    expect(regime1).toMatchObject({ active: true, origin: 'shipped', data: { source: 'simulator seed 20261124, 160 sessions from 2025-01-01' } });
    expect(regime1.summary).toMatch(/^train \d+, test \d+ \(embargo \d+ bars\); accuracy 0\.\d\d vs 0\.\d\d training majority/);
    expect(Object.keys(regime1.calibration).length).toBeGreaterThan(0);
    expect(first.job).toBeNull();

    const byo = fs.mkdtempSync(path.join(os.tmpdir(), 'byo-'));
    dirs.push(byo);
    fs.copyFileSync(path.join(SHIPPED_MODELS, 'regime.onnx'), path.join(byo, 'mine.onnx'));
    fs.copyFileSync(path.join(SHIPPED_MODELS, 'regime.json'), path.join(byo, 'mine.json'));
    fs.copyFileSync(path.join(SHIPPED_MODELS, 'rsi-lstm.onnx'), path.join(byo, 'wrong.onnx'));
    // The regime model's manifest over the LSTM's file: the graph does not meet the regime contract.
    const manifest = (kind: string) => JSON.parse(fs.readFileSync(path.join(SHIPPED_MODELS, `${kind}.json`), 'utf8')) as Record<string, unknown>;
    fs.writeFileSync(path.join(byo, 'wrong.json'), JSON.stringify({ ...manifest('regime'), onnx: manifest('rsi-lstm').onnx }));
    const wrong = await router.invoke('models:import', { kind: 'regime', path: path.join(byo, 'wrong.onnx') });
    expect(wrong).toMatchObject({ ok: false, error: { kind: 'invalid-state', message: "wrong.onnx refused: the graph's input input is [batch, 25, 1], the contract is [batch, 4]" } });
    const imported = await router.invoke('models:import', { kind: 'regime', path: path.join(byo, 'mine.onnx') });
    expect(imported).toMatchObject({ ok: true, value: { modelId: 'regime@2', origin: 'imported', active: false } });
    expect(s.deltas).toHaveLength(1);

    const promoted = await router.invoke('models:promote', { modelId: 'regime@2' });
    expect(promoted.ok).toBe(true);
    if (promoted.ok) expect(commands['models:promote'].output.parse(promoted.value).slots.find((x) => x.kind === 'regime')).toMatchObject({ state: 'available', modelId: 'regime@2' });
    // Hot reload: the next regime reading comes from the promoted model.
    expect(day.engine.models!.status().find((x) => x.kind === 'regime')!.slot).toEqual({ state: 'available', modelId: 'regime@2' });
    expect(streams.models.delta.parse(s.deltas.at(-1)).models.find((m) => m.modelId === 'regime@2')!.active).toBe(true);

    const cmp = await router.invoke('models:compare', { a: 'regime@1', b: 'regime@2' });
    expect(cmp).toMatchObject({ ok: true, value: { sameTestWindow: true, note: 'both measured on the same test window of the same data', a: { modelId: 'regime@1' }, b: { modelId: 'regime@2' } } });
    expect(await router.invoke('models:compare', { a: 'regime@1', b: 'rsi-lstm@1' })).toMatchObject({ ok: false, error: { message: 'regime@1 and rsi-lstm@1 are different kinds of model' } });
    expect(await router.invoke('models:promote', { modelId: 'regime@9' })).toMatchObject({ ok: false, error: { kind: 'not-found', message: 'no model regime@9 in the registry' } });
    expect(await router.invoke('models:promote', { modelId: 'regime-2' })).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });

    const back = await router.invoke('models:rollback', { kind: 'regime' });
    expect(back.ok).toBe(true);
    expect(day.engine.models!.status().find((x) => x.kind === 'regime')!.slot).toEqual({ state: 'available', modelId: 'regime@1' });

    // No history stored in this data folder: the retraining ends at once, saying what to do.
    const job = await router.invoke('models:retrain', { instruments: ['NSE_INDEX:NIFTY'] });
    expect(job).toMatchObject({ ok: true, value: { id: 'retrain-1', state: 'reading', instruments: ['NSE_INDEX:NIFTY'] } });
    await day.runTo(1);
    const listed = await router.invoke('models:list', {});
    expect(listed).toMatchObject({ ok: true, value: { job: { id: 'retrain-1', state: 'failed', message: expect.stringMatching(/^no bars stored for NSE_INDEX:NIFTY/) } } });
    expect(streams.models.delta.parse(s.deltas.at(-1)).job).toMatchObject({ state: 'failed' });
    expect(await router.invoke('models:retrain:cancel', {})).toMatchObject({ ok: false, error: { message: 'no retraining is running' } });
  }, 120_000);

  it('says so where the engine has no models', async () => {
    day = await BotDay.start({ day: '2026-11-25', seed: 8, session: 'm2' });
    const router = createRouter(day.engine, silentLogger());
    expect(await router.invoke('models:list', {})).toEqual({ ok: false, error: { kind: 'not-available', message: 'the ML models are not available in this terminal' } });
    const s = sink();
    expect(router.subscribe('models', {}, s).ok).toBe(true);
    expect(s.snapshots).toEqual([{ slots: [], models: [], job: null }]);
  }, 60_000);
});
