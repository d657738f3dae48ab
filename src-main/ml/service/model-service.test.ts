import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SimClock } from '#core/clock';
import { instrumentId } from '#model/ids';
import { MODEL_KINDS } from '../models/catalog.ts';
import { manifestText } from '../models/manifest.ts';
import type { RegimeSourcePort } from '../ports.ts';
import { barMarket } from '../testing/bar-market.ts';
import { memoryRegistry } from '../testing/memory-registry.ts';
import { syntheticBars } from '../testing/synthetic-bars.ts';
import { syntheticInput } from '../testing/training-input.ts';
import { tinyModels } from '../testing/tiny-models.ts';
import { createModelService } from './model-service.ts';

const NIFTY = instrumentId('NSE_INDEX', 'NIFTY');
const bars = syntheticBars({ sessions: 5, seed: 4 });
const rules: RegimeSourcePort = { classify: (i) => (i.adx === undefined ? undefined : { regime: 'ranging', confidence: 0.5, source: 'rules', inputs: i, reason: 'rules' }) };
let a: ReturnType<typeof tinyModels>;
let b: ReturnType<typeof tinyModels>;
let dir: string;
beforeAll(() => {
  a = tinyModels(1);
  b = tinyModels(2);
});
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'model-service-'));
  for (const kind of MODEL_KINDS) {
    fs.mkdirSync(path.join(dir, 'shipped'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'shipped', `${kind}.onnx`), a[kind].onnx);
    fs.writeFileSync(path.join(dir, 'shipped', `${kind}.json`), manifestText(a[kind].manifest));
  }
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function service(registry = memoryRegistry(), extra: { adaptiveThresholds?: boolean; log?: (level: 'info' | 'warn', message: string) => void } = {}) {
  const market = barMarket({ [NIFTY]: bars });
  const clock = new SimClock(market.closeOf(NIFTY, 300));
  market.setNow(clock.now());
  const svc = createModelService({ registry, clock, shippedDir: path.join(dir, 'shipped'), modelsDir: path.join(dir, 'data', 'models'), market: market.access, fallbackRegime: rules, defaultWeights: { ml: 0.4, technical: 0.3, priceAction: 0.2, confirmation: 0.1 }, ...extra });
  return { svc, registry, clock, market };
}

const ask = (s: ReturnType<typeof service>) => s.svc.modelsFor('bot-1').ml.evaluate({ underlying: NIFTY, now: s.clock.now(), direction: 'long' });

describe('model service: registry, loading, promotion with hot reload, rollback, bring-your-own ONNX', () => {
  it('registers and runs the shipped defaults on first start, once', () => {
    const s = service();
    s.svc.start();
    expect(s.svc.status().map((x) => [x.kind, x.slot.state, x.record?.origin])).toEqual(MODEL_KINDS.map((k) => [k, 'available', 'shipped']));
    expect(ask(s)).toMatchObject({ status: 'ok', adaptiveThresholds: { multiplier: 1 } });
    expect(ask(s).detail).toContain('rsi-lstm@1');
    const again = service(s.registry);
    again.svc.start();
    expect(s.registry.list().length).toBe(4);
  });

  it('a new shipped default replaces an old shipped one, never a model the trader promoted', () => {
    const s = service();
    s.svc.start();
    const trained = s.svc.recordTrained('regime', b.regime.onnx, b.regime.manifest);
    if (!trained.ok) throw new Error(trained.error.message);
    s.svc.promote(trained.value.modelId);
    for (const kind of ['rsi-lstm', 'regime'] as const) {
      fs.writeFileSync(path.join(dir, 'shipped', `${kind}.onnx`), b[kind].onnx);
      fs.writeFileSync(path.join(dir, 'shipped', `${kind}.json`), manifestText(b[kind].manifest));
    }
    const next = service(s.registry);
    next.svc.start();
    expect(s.registry.active('rsi-lstm')).toMatchObject({ modelId: 'rsi-lstm@2', origin: 'shipped' });
    expect(s.registry.active('regime')).toMatchObject({ modelId: 'regime@2', origin: 'trained' });
    expect(s.registry.list('regime').map((r) => r.modelId)).toEqual(['regime@3', 'regime@2', 'regime@1']);
  });

  it('promotes with hot reload, rolls back, and compares', () => {
    const s = service();
    s.svc.start();
    const r = s.svc.recordTrained('rsi-lstm', b['rsi-lstm'].onnx, b['rsi-lstm'].manifest);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value).toMatchObject({ modelId: 'rsi-lstm@2', origin: 'trained', location: 'data', file: 'rsi-lstm-2.onnx' });
    expect(fs.statSync(path.join(dir, 'data', 'models', 'rsi-lstm-2.onnx')).mode & 0o777).toBe(0o600);
    expect(ask(s).detail).toContain('rsi-lstm@1');
    expect(s.svc.promote('rsi-lstm@2').ok).toBe(true);
    expect(ask(s).detail).toContain('rsi-lstm@2');
    expect(s.svc.rollback('rsi-lstm')).toMatchObject({ ok: true, value: { modelId: 'rsi-lstm@1' } });
    expect(ask(s).detail).toContain('rsi-lstm@1');
    expect(s.registry.promotions('rsi-lstm').map((p) => [p.modelId, p.action])).toEqual([
      ['rsi-lstm@1', 'promote'],
      ['rsi-lstm@2', 'promote'],
      ['rsi-lstm@1', 'rollback'],
    ]);
    const c = s.svc.compare('rsi-lstm@1', 'rsi-lstm@2');
    expect(c.ok && c.value.sameTestWindow).toBe(false);
    expect(c.ok && c.value.note).toMatch(/not like for like/);
    expect(s.svc.compare('rsi-lstm@1', 'regime@1')).toEqual({ ok: false, error: { message: 'rsi-lstm@1 and regime@1 are different kinds of model' } });
    expect(s.svc.rollback('regime')).toEqual({ ok: false, error: { message: 'regime has no earlier model to roll back to' } });
  });

  it('a promotion made by another process (same registry) reaches a running service on sync; a broken one is tried once', () => {
    const logged: string[] = [];
    const running = service(memoryRegistry(), { log: (_level, m) => logged.push(m) });
    running.svc.start();
    const cli = service(running.registry);
    cli.svc.start();
    const r = cli.svc.recordTrained('rsi-lstm', b['rsi-lstm'].onnx, b['rsi-lstm'].manifest);
    if (!r.ok) throw new Error(r.error.message);
    expect(cli.svc.promote('rsi-lstm@2').ok).toBe(true);
    expect(ask(running).detail).toContain('rsi-lstm@1');
    expect(running.svc.sync()).toEqual(['rsi-lstm']);
    expect(ask(running).detail).toContain('rsi-lstm@2');
    expect(running.svc.sync()).toEqual([]);

    const t = cli.svc.recordTrained('regime', b.regime.onnx, b.regime.manifest);
    if (!t.ok) throw new Error(t.error.message);
    expect(cli.svc.promote('regime@2').ok).toBe(true);
    fs.writeFileSync(path.join(dir, 'data', 'models', 'regime-2.onnx'), 'garbage');
    expect(running.svc.sync()).toEqual([]);
    expect(running.svc.sync()).toEqual([]);
    expect(logged.filter((m) => m.startsWith('regime@2 refused'))).toHaveLength(1);
    expect(running.svc.status().find((x) => x.kind === 'regime')!.slot).toEqual({ state: 'available', modelId: 'regime@1' });
  });

  it('without closed trades fed in, the bandit stays out of the thresholds', () => {
    const s = service(memoryRegistry(), { adaptiveThresholds: false });
    s.svc.start();
    expect(ask(s).adaptiveThresholds).toBeUndefined();
    expect(s.registry.state.get('threshold-bandit:bot-1')).toBeUndefined();
  });

  it('a promotion of a broken file is refused and the current model keeps running', () => {
    const s = service();
    s.svc.start();
    const r = s.svc.recordTrained('pattern-cnn', b['pattern-cnn'].onnx, b['pattern-cnn'].manifest);
    if (!r.ok) throw new Error(r.error.message);
    const file = path.join(dir, 'data', 'models', 'pattern-cnn-2.onnx');
    fs.writeFileSync(file, fs.readFileSync(file).subarray(0, 100));
    const p = s.svc.promote('pattern-cnn@2');
    expect(p.ok).toBe(false);
    if (!p.ok) expect(p.error.message).toMatch(/^pattern-cnn@2 refused: the file changed since it was registered/);
    expect(s.svc.status().find((x) => x.kind === 'pattern-cnn')!.slot).toEqual({ state: 'available', modelId: 'pattern-cnn@1' });
    expect(s.registry.active('pattern-cnn')?.modelId).toBe('pattern-cnn@1');
  });

  it('a model file damaged on disk degrades its source to "not available" at start; the others run', () => {
    const s = service();
    s.svc.start();
    fs.writeFileSync(path.join(dir, 'shipped', 'regime.onnx'), 'garbage');
    fs.writeFileSync(path.join(dir, 'shipped', 'rsi-lstm.json'), '{');
    const next = service(s.registry);
    next.svc.start();
    const status = Object.fromEntries(next.svc.status().map((x) => [x.kind, x.slot]));
    expect(status['rsi-lstm']).toMatchObject({ state: 'not-available', reason: expect.stringMatching(/^rsi-lstm@1 refused: its manifest .*rsi-lstm\.json is not JSON/) });
    expect(status.regime).toMatchObject({ state: 'not-available', reason: expect.stringMatching(/^regime@1 refused: the file changed since it was registered/) });
    expect(status['pattern-cnn']).toMatchObject({ state: 'available' });
    const view = ask(next);
    expect(view.status).toBe('ok');
    expect(view.detail).toContain('rsi-lstm: rsi-lstm@1 refused');
    expect(next.svc.regime.classify({ adx: 30, atrPct: 0.1, bandwidthPct: 0.5 })).toMatchObject({ source: 'rules', reason: expect.stringMatching(/^rules \(rules: regime model not available: regime@1 refused/) });
  });

  it('brings in an ONNX file that meets the contract, and refuses one that does not, registering nothing', () => {
    const s = service();
    s.svc.start();
    const byo = path.join(dir, 'byo');
    fs.mkdirSync(byo);
    fs.writeFileSync(path.join(byo, 'mine.onnx'), b.regime.onnx);
    fs.writeFileSync(path.join(byo, 'mine.json'), manifestText(b.regime.manifest));
    expect(s.svc.importModel('regime', path.join(byo, 'mine.onnx'))).toMatchObject({ ok: true, value: { modelId: 'regime@2', origin: 'imported' } });
    fs.writeFileSync(path.join(byo, 'wrong.onnx'), b['rsi-lstm'].onnx);
    fs.writeFileSync(path.join(byo, 'wrong.json'), manifestText({ ...b.regime.manifest, onnx: b['rsi-lstm'].manifest.onnx }));
    expect(s.svc.importModel('regime', path.join(byo, 'wrong.onnx'))).toEqual({ ok: false, error: { message: "wrong.onnx refused: the graph's input input is [batch, 25, 1], the contract is [batch, 4]" } });
    expect(s.svc.importModel('regime', path.join(byo, 'none.onnx'))).toEqual({ ok: false, error: { message: `none.onnx refused: cannot read ${path.join(byo, 'none.onnx')}: ENOENT` } });
    expect(s.registry.list('regime').map((r) => r.modelId)).toEqual(['regime@2', 'regime@1']);
  });

  it('keeps the learners’ state in the registry: a bot’s bandit and the hit rates', () => {
    const s = service();
    s.svc.start();
    ask(s);
    expect(JSON.parse(s.registry.state.get('threshold-bandit:bot-1')!)).toMatchObject({ current: 2, day: expect.any(String) });
    s.svc.recordTrade('bot-1', { openedAt: s.clock.now(), pnl: 300, risk: 1_000 });
    const arm = JSON.parse(s.registry.state.get('threshold-bandit:bot-1')!).arms[2];
    expect(arm.n).toBe(1);
    expect(arm.sum).toBeCloseTo(0.3 / 3, 12);
    s.svc.observeSignal({ instrumentId: NIFTY, tsEvent: s.clock.now(), sources: [{ source: 'technical', status: 'ok', direction: 'long' }] });
    expect(JSON.parse(s.registry.state.get('hit-rates')!).pending).toHaveLength(1);
  });

  it('retrains in a worker and, asked to, promotes the result at once', async () => {
    const s = service();
    s.svc.start();
    const job = s.svc.retrain(syntheticInput(20, 5), { kinds: ['regime'], seed: 5, fit: { regime: { epochs: 2 } }, promote: true });
    expect(await job.done).toEqual({ kind: 'done', results: [{ kind: 'regime', ok: true, modelId: 'regime@2', promoted: true }] });
    expect(s.svc.status().find((x) => x.kind === 'regime')!.slot).toEqual({ state: 'available', modelId: 'regime@2' });
  });
});
