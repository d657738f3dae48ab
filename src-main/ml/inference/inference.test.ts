import { beforeAll, describe, expect, it } from 'vitest';
import { instrumentId } from '#model/ids';
import { MODEL_KINDS, type ModelKind } from '../models/catalog.ts';
import type { RegimeSourcePort } from '../ports.ts';
import { ok } from '#core/result';
import { loadModel, type LoadedModel } from '../runtime/load-model.ts';
import { loadOrtModel } from '../runtime/ort-session.ts';
import { streamBreaks } from '../testing/stream-breaks.ts';
import { barMarket } from '../testing/bar-market.ts';
import { syntheticBars } from '../testing/synthetic-bars.ts';
import { tinyModels } from '../testing/tiny-models.ts';
import { createBarInference } from './bar-inference.ts';
import type { JointRunnerOptions } from './joint-runner.ts';
import { createMlSource } from './ml-source.ts';
import { createSlots, type ModelSlots } from './model-slot.ts';
import { createRegimeSource } from './regime-source.ts';

const NIFTY = instrumentId('NSE_INDEX', 'NIFTY');
const BANK = instrumentId('NSE_INDEX', 'BANKNIFTY');
const nifty = syntheticBars({ sessions: 6, seed: 21 });
const bank = syntheticBars({ sessions: 6, seed: 22, instrument: BANK });
let models: ReturnType<typeof tinyModels>;
beforeAll(() => {
  models = tinyModels(2);
});

/**
 * Loaded models that count their runs and rows, alone or in the joint graph; `fail` makes one throw as a
 * broken native call would (the joint call throws too, as it runs the broken model).
 */
function counted(): { slots: ModelSlots; runs: Record<ModelKind, number[]>; fail: Set<ModelKind>; joint: JointRunnerOptions; loads: string[] } {
  const slots = createSlots();
  const runs = Object.fromEntries(MODEL_KINDS.map((k) => [k, [] as number[]])) as Record<ModelKind, number[]>;
  const fail = new Set<ModelKind>();
  /** The models of each joint graph loaded, in order. */
  const loads: string[] = [];
  for (const kind of MODEL_KINDS) {
    const r = loadModel({ kind, onnx: models[kind].onnx, manifest: models[kind].manifest });
    if (!r.ok) throw new Error(r.error.reason);
    const inner = r.value;
    const spy: LoadedModel = {
      ...inner,
      run: (x, batch) => {
        if (fail.has(kind)) throw new Error('native failure\nstack');
        runs[kind].push(batch);
        return inner.run(x, batch);
      },
    };
    slots[kind].install(`${kind}@1`, spy);
  }
  const joint: JointRunnerOptions = {
    load(bytes) {
      const r = loadOrtModel(bytes);
      if (!r.ok) return r;
      const inner = r.value;
      loads.push(inner.inputs.map((i) => i.name.split('/')[0]).join(','));
      return ok({
        ...inner,
        runFeeds(feeds) {
          const kinds = MODEL_KINDS.filter((k) => feeds[`${k}/input`]);
          if (kinds.some((k) => fail.has(k))) throw new Error('native failure\nstack');
          for (const k of kinds) runs[k].push(feeds[`${k}/input`]!.dims[0]!);
          return inner.runFeeds(feeds);
        },
      });
    },
  };
  return { slots, runs, fail, joint, loads };
}

/** Bar inference over a market, with the structure breaks of a price-action stream fed to `now` (as the studies are). */
function inferenceOf(m: ReturnType<typeof barMarket>, c: ReturnType<typeof counted>) {
  const pa = streamBreaks(m.access);
  const inference = createBarInference({ slots: c.slots, market: m.access, breaks: pa.breaks, joint: c.joint });
  return {
    inference,
    at(now: number, underlyings = [NIFTY]) {
      m.setNow(now);
      pa.feed(underlyings, now);
    },
  };
}

const rules: RegimeSourcePort = { classify: (i) => (i.adx === undefined ? undefined : { regime: 'ranging', confidence: 0.6, source: 'rules', inputs: i, reason: 'ADX under 25' }) };

describe('the ML source: features → models → one view with every contribution', () => {
  it('answers from closed bars only, with each model’s part in the detail', () => {
    const m = barMarket({ [NIFTY]: nifty, [BANK]: bank });
    const { inference, at } = inferenceOf(m, counted());
    const source = createMlSource({ inference });
    const closeAt = m.closeOf(NIFTY, 300);
    at(closeAt + 2 * 60_000);
    const view = source.evaluate({ underlying: NIFTY, now: closeAt + 2 * 60_000, direction: 'long' });
    expect(view).toMatchObject({ source: 'ml', status: 'ok' });
    expect(view.score).toBeGreaterThanOrEqual(0.5);
    expect(view.score).toBeLessThanOrEqual(1);
    expect(view.detail).toMatch(/rsi-lstm@1 P\(up\) \d\.\d\d, next RSI \d+\.\d \(now \d+\.\d\) → [+-]\d\.\d\d ×0\.\d\d/);
    expect(view.detail).toMatch(/pattern-cnn@1 [a-z-]+ \d\.\d\d \(bullish \d\.\d\d, bearish \d\.\d\d\)/);
    expect(view.detail).toMatch(/⇒ lean [+-]\d\.\d\d, P\((up|down)\) \d\.\d\d/);
    // A view asked while the next bar is still forming is the same: that bar is not read.
    at(closeAt + 4 * 60_000);
    expect(source.evaluate({ underlying: NIFTY, now: closeAt + 4 * 60_000, direction: 'long' }).detail).toBe(view.detail);
  });

  it('shares one inference between bots on the same bar, and batches instruments and models into one call', () => {
    const m = barMarket({ [NIFTY]: nifty, [BANK]: bank });
    const c = counted();
    const { inference, at } = inferenceOf(m, c);
    const now = m.closeOf(NIFTY, 260);
    at(now, [NIFTY, BANK]);
    inference.prepare([NIFTY, BANK], now);
    expect(inference.joint()).toBe(true);
    expect(c.runs['rsi-lstm']).toEqual([2]);
    expect(c.runs['pattern-cnn']).toEqual([2]);
    const a = createMlSource({ inference }).evaluate({ underlying: NIFTY, now, direction: 'long' });
    const b = createMlSource({ inference }).evaluate({ underlying: NIFTY, now, direction: 'short' });
    expect(c.runs['rsi-lstm']).toEqual([2]);
    expect([a.direction, a.score]).toEqual([b.direction, b.score]);
    // One source serving several bots: the same bar and rule direction give the same explanation, each direction its own.
    const shared = createMlSource({ inference });
    const long1 = shared.evaluate({ underlying: NIFTY, now, direction: 'long' });
    const short1 = shared.evaluate({ underlying: NIFTY, now, direction: 'short' });
    expect(shared.evaluate({ underlying: NIFTY, now, direction: 'long' })).toEqual(long1);
    expect(long1.detail).toBe(a.detail);
    expect(short1.detail).toBe(b.detail);
    expect(long1.detail).not.toBe(short1.detail);
    // Alone, NIFTY gets the same numbers as in the batch; and the same as each model on its own session.
    const solo = inferenceOf(m, counted());
    solo.at(now);
    const alone = solo.inference.outputs(NIFTY, now);
    const batched = inference.outputs(NIFTY, now);
    expect(alone).toEqual(batched);
    const apart = createBarInference({ slots: counted().slots, market: m.access, joint: { load: () => ({ ok: false, error: { message: 'no joint graph' } }) } });
    expect(apart.joint()).toBe(false);
    const separate = apart.outputs(NIFTY, now);
    if (!separate.ok || !batched.ok) throw new Error('no outputs');
    expect(separate.outputs.rsi!.pUp).toBeCloseTo(batched.outputs.rsi!.pUp, 6);
    separate.outputs.pattern!.probs.forEach((p, k) => expect(Math.abs(p - batched.outputs.pattern!.probs[k]!)).toBeLessThan(1e-6));
  });

  it('runs the regime classifier in the same call when given the hook’s inputs, and the hook reads that answer', () => {
    const m = barMarket({ [NIFTY]: nifty, [BANK]: bank });
    const c = counted();
    const regime = createRegimeSource(c.slots.regime, rules);
    const pa = streamBreaks(m.access);
    const inference = createBarInference({ slots: c.slots, market: m.access, breaks: pa.breaks, joint: c.joint, regime });
    const now = m.closeOf(NIFTY, 260);
    m.setNow(now);
    pa.feed([NIFTY, BANK], now);
    const hook = (u: string) => ({ adx: u === NIFTY ? 31 : 18, atrPct: 0.12, bandwidthPct: 0.8, vix: 14 });
    inference.prepare([NIFTY, BANK], now, hook);
    expect(c.runs.regime).toEqual([2]);
    expect(c.runs['rsi-lstm']).toEqual([2]);
    const primed = regime.classify(hook(NIFTY))!;
    expect(c.runs.regime).toEqual([2]);
    const alone = createRegimeSource(counted().slots.regime, rules).classify(hook(NIFTY))!;
    expect(primed.regime).toBe(alone.regime);
    expect(Math.abs(primed.confidence - alone.confidence)).toBeLessThan(1e-6);
    expect(primed.reason).toBe(alone.reason);
    // Other inputs at the hook (a VIX tick since) run the model again.
    regime.classify({ ...hook(NIFTY), vix: 15 });
    expect(c.runs.regime).toEqual([2, 1]);
  });

  it('answers for the validator only on bars with a fresh break, from one graph of every model loaded once (a zero row on the others)', () => {
    const m = barMarket({ [NIFTY]: nifty });
    const c = counted();
    const { inference, at } = inferenceOf(m, c);
    let withBreak = 0;
    let without = 0;
    for (let i = 240; i < 320; i++) {
      const now = m.closeOf(NIFTY, i);
      at(now);
      const r = inference.outputs(NIFTY, now);
      if (!r.ok) continue;
      if (r.outputs.validator) withBreak++;
      else without++;
    }
    expect(withBreak).toBeGreaterThan(0);
    expect(without).toBeGreaterThan(0);
    expect(c.runs['break-validator']).toHaveLength(withBreak + without);
    expect(c.runs['rsi-lstm']).toHaveLength(withBreak + without);
    expect(c.loads).toEqual(['rsi-lstm,pattern-cnn,break-validator,regime']);
  });

  it('validates a fresh structure break from the detectors’ reading at the same bar, never from another bar', () => {
    const m = barMarket({ [NIFTY]: nifty });
    const c = counted();
    const { inference, at } = inferenceOf(m, c);
    let seen = 0;
    for (let i = 240; i < nifty.length && seen < 3; i++) {
      const now = m.closeOf(NIFTY, i);
      at(now);
      const r = inference.outputs(NIFTY, now);
      if (!r.ok || !r.outputs.validator) continue;
      expect(r.outputs.validator.brk.barsAgo).toBeLessThan(3);
      expect(r.outputs.validator.p).toBeGreaterThanOrEqual(0);
      seen++;
    }
    expect(seen).toBe(3);
    expect(c.runs['break-validator'].length).toBeGreaterThanOrEqual(3);
    // A reading of another bar (the studies behind, or ahead) is not used.
    const stale = createBarInference({ slots: c.slots, market: m.access, breaks: () => ({ close: -1, lastBreak: { side: 1, kind: 'bos', level: 1, tsKnown: 0, barsAgo: 0 } }) });
    const r = stale.outputs(NIFTY, m.closeOf(NIFTY, 300));
    if (!r.ok) throw new Error(r.reason);
    expect(r.outputs.validator).toBeUndefined();
    expect(r.outputs.missing).toContainEqual({ kind: 'break-validator', reason: 'the price-action detectors have not taken this bar yet' });
  });

  it('a bar the indicators refuse makes the source not available with the reason, never a throw', () => {
    const bad = nifty.map((b, i) => (i === 250 ? { ...b, close: Number.NaN } : b));
    const m = barMarket({ [NIFTY]: bad });
    const { inference, at } = inferenceOf(m, counted());
    const now = m.closeOf(NIFTY, 260);
    at(now);
    expect(createMlSource({ inference }).evaluate({ underlying: NIFTY, now, direction: 'long' })).toMatchObject({ status: 'not-available', detail: `ML features of ${NIFTY}: input must be finite, got NaN` });
  });

  it('a model that fails to run is left out and named; with none left the source is not available; nothing throws', () => {
    const m = barMarket({ [NIFTY]: nifty });
    const c = counted();
    const { inference, at } = inferenceOf(m, c);
    const source = createMlSource({ inference });
    c.fail.add('pattern-cnn');
    const now = m.closeOf(NIFTY, 280);
    at(now);
    const one = source.evaluate({ underlying: NIFTY, now, direction: 'long' });
    expect(one.status).toBe('ok');
    expect(one.detail).toContain('pattern-cnn: pattern-cnn@1 failed to run: native failure');
    expect(c.slots['pattern-cnn'].status()).toEqual({ state: 'not-available', reason: 'pattern-cnn@1 failed to run: native failure', modelId: 'pattern-cnn@1' });
    c.fail.add('rsi-lstm');
    c.fail.add('break-validator');
    at(m.closeOf(NIFTY, 281));
    const none = source.evaluate({ underlying: NIFTY, now: m.closeOf(NIFTY, 281), direction: 'long' });
    expect(none).toMatchObject({ source: 'ml', status: 'not-available', direction: 'neutral', score: 0 });
    expect(none.detail).toMatch(/^no ML model answered \(/);
  });

  it('says it is warming up until the longest feature window has closed bars, and hot-swaps a promoted model', () => {
    const m = barMarket({ [NIFTY]: nifty });
    const c = counted();
    const { inference, at } = inferenceOf(m, c);
    const source = createMlSource({ inference });
    at(m.closeOf(NIFTY, 40));
    expect(source.evaluate({ underlying: NIFTY, now: m.closeOf(NIFTY, 40), direction: 'long' })).toMatchObject({ status: 'not-available', detail: `ML features warming up: 41 of 225 closed 5m bars of ${NIFTY}` });
    expect(source.evaluate({ underlying: instrumentId('NSE_INDEX', 'SENSEX'), now: 0, direction: 'long' }).detail).toBe('no market data for NSE_INDEX:SENSEX');
    const now = m.closeOf(NIFTY, 300);
    at(now);
    expect(source.evaluate({ underlying: NIFTY, now, direction: 'long' }).detail).toContain('rsi-lstm@1');
    const r = loadModel({ kind: 'rsi-lstm', onnx: models['rsi-lstm'].onnx, manifest: models['rsi-lstm'].manifest });
    if (!r.ok) throw new Error(r.error.reason);
    c.slots['rsi-lstm'].install('rsi-lstm@2', r.value);
    expect(source.evaluate({ underlying: NIFTY, now, direction: 'long' }).detail).toContain('rsi-lstm@2');
  });
});

describe('the regime classifier behind the RegimeSource port', () => {
  const inputs = { adx: 31, atrPct: 0.12, bandwidthPct: 0.8, vix: 14 };

  it('answers with the model’s most likely class, its probability and the model id', () => {
    const { slots } = counted();
    const r = createRegimeSource(slots.regime, rules).classify(inputs)!;
    expect(['trending', 'ranging', 'volatile']).toContain(r.regime);
    expect(r.source).toBe('regime@1');
    expect(r.confidence).toBeGreaterThan(1 / 3);
    expect(r.reason).toMatch(/^trending \d\.\d\d, ranging \d\.\d\d, volatile \d\.\d\d \(ADX 31\.0, ATR 0\.120 %, bandwidth 0\.80 %, VIX 14\.00\)$/);
    expect(createRegimeSource(slots.regime, rules).classify({ adx: 31, atrPct: 0.12, bandwidthPct: 0.8 })!.reason).toMatch(/VIX unknown: its training mean used\)$/);
  });

  it('runs the model once for the same inputs (the gate and every bot ask at one instant), again after new inputs or a swap', () => {
    const { slots, runs } = counted();
    const source = createRegimeSource(slots.regime, rules);
    const a = source.classify(inputs)!;
    expect(source.classify({ ...inputs })).toBe(a);
    expect(runs.regime).toEqual([1]);
    source.classify({ ...inputs, vix: 15 });
    expect(runs.regime).toEqual([1, 1]);
    const r = loadModel({ kind: 'regime', onnx: models.regime.onnx, manifest: models.regime.manifest });
    if (!r.ok) throw new Error(r.error.reason);
    slots.regime.install('regime@2', r.value);
    expect(source.classify({ ...inputs, vix: 15 })!.source).toBe('regime@2');
  });

  it('falls back to the rules, saying why, without a model, without its inputs, or when it fails', () => {
    const { slots, fail } = counted();
    slots.regime.disable('regime@3 refused: the file changed since it was registered');
    expect(createRegimeSource(slots.regime, rules).classify(inputs)).toMatchObject({ source: 'rules', reason: 'ADX under 25 (rules: regime model not available: regime@3 refused: the file changed since it was registered)' });
    const other = counted();
    expect(createRegimeSource(other.slots.regime, rules).classify({ adx: 20 })).toMatchObject({ source: 'rules', reason: 'ADX under 25 (rules: the model needs ADX, ATR and bandwidth)' });
    expect(createRegimeSource(other.slots.regime, rules).classify({})).toBeUndefined();
    other.fail.add('regime');
    expect(createRegimeSource(other.slots.regime, rules).classify(inputs)).toMatchObject({ source: 'rules', reason: 'ADX under 25 (rules: regime model not available: regime@1 failed to run: native failure)' });
    expect(fail.size).toBe(0);
  });
});
