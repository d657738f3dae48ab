import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Signal } from '#model/signal';
import { tinyModels } from '#ml/testing/tiny-models';
import { ModelRegistryRepository } from '#store/model-registry-repository';
import { BOT_IDS, BotDay, DAY_SETTINGS, SHIPPED_MODELS } from './testing/bot-day.ts';

/**
 * The ML layer inside a running engine, with real onnxruntime sessions on the shipped models: every
 * bot's ensemble reads the ML source, the regime hook reads the classifier (the rules only when it
 * cannot answer, and the signal says which decided), the ensemble's weights follow the sources' hit
 * rates, a promotion takes effect at the next evaluation (one made by another process within 30 engine
 * seconds), and a model that cannot load costs its
 * source, never a bot.
 */
const days: BotDay[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const d of days.splice(0)) await d.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

async function day(shippedModels: string, settings: Readonly<Record<string, object>> = {}): Promise<BotDay> {
  const d = await BotDay.start({ day: '2026-11-25', seed: 8, session: 'ml', shippedModels });
  days.push(d);
  d.startBots(settings);
  return d;
}

const mlOf = (s: Signal) => s.sources.find((x) => x.source === 'ml');
const withEnsemble = (d: BotDay): Signal[] => d.engine.signals(100_000).filter((s) => mlOf(s) !== undefined);

describe('the ML layer in the running engine', () => {
  it('feeds every bot’s ML source and the regime hook from the shipped models, and learns the ensemble weights', async () => {
    // The straddle's threshold lowered so that it tries to open, and no regime allowed: every entry it makes is held back by the hook.
    const d = await day(SHIPPED_MODELS, { 'short-straddle': { ...DAY_SETTINGS['short-straddle'], regimes: [] } });
    expect(d.engine.models!.status().map((s) => [s.kind, s.slot.state, s.record?.origin])).toEqual([
      ['rsi-lstm', 'available', 'shipped'],
      ['pattern-cnn', 'available', 'shipped'],
      ['break-validator', 'available', 'shipped'],
      ['regime', 'available', 'shipped'],
    ]);
    await d.runTo(120);
    const signals = withEnsemble(d);
    expect(new Set(signals.map((s) => s.botId))).toContain('short-straddle');
    for (const s of signals) {
      const ml = mlOf(s)!;
      expect(ml.status, `${s.id} ${ml.detail}`).toBe('ok');
      expect(ml.detail).toMatch(/rsi-lstm@1 P\(up\) \d\.\d\d, next RSI [\d.]+ \(now [\d.]+\) → [+-]\d\.\d\d ×\d\.\d\d; pattern-cnn@1 /);
      expect(ml.weight).toBeGreaterThan(0);
      expect(s.regime?.source).toBe('regime@1');
      // The validator's breaks come from the studies' price-action detectors, at the very bar the models read.
      expect(ml.detail).not.toMatch(/break-validator: (no price-action detectors|the price-action detectors have not taken)/);
      expect(ml.detail).toMatch(/break-validator@1 (BOS|CHOCH) (up|down)|break-validator: (last structure break \d+ bars ago|no structure break yet)/);
    }
    // The hit rates resolve 15 minutes after the first directional calls; from then on the weights are theirs and the notes say so.
    const adapted = signals.filter((s) => s.notes.some((n) => /^weights by hit rate \(last 50 calls per source, close 15 min later\): ml \d\.\d\d \(right \d+ of \d+\)/.test(n)));
    expect(adapted.length, signals.flatMap((s) => s.notes).slice(0, 5).join(' | ')).toBeGreaterThan(0);
    const stored = d.store.sqlite.prepare("SELECT state FROM ml_state WHERE key = 'hit-rates'").get() as { state: string } | undefined;
    expect(Object.values(JSON.parse(stored!.state).results as Record<string, unknown[]>).some((r) => r.length > 0)).toBe(true);
    // The manager's hook holds entries back by the classifier's regime, and says which model decided.
    const held = d.engine.signals(100_000).filter((s) => s.decision.reason.startsWith('held back by the bot manager'));
    expect(held.length).toBeGreaterThan(0);
    for (const s of held) expect(s.decision.reason).toMatch(/is (trending|ranging|volatile) \(regime@1: trending 0\.\d\d, ranging 0\.\d\d, volatile 0\.\d\d \(ADX [\d.]+, ATR [\d.]+ %, bandwidth [\d.]+ %, VIX [\d.]+\)\); this bot opens only when .+$/);
    expect(held.filter((s) => s.botId === 'short-straddle').length).toBeGreaterThan(0);
  }, 300_000);

  it('puts a promoted model in force at the next evaluation, and falls back to the rules when the regime model cannot load', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bot-ml-'));
    dirs.push(dir);
    for (const f of fs.readdirSync(SHIPPED_MODELS)) fs.copyFileSync(path.join(SHIPPED_MODELS, f), path.join(dir, f));
    fs.writeFileSync(path.join(dir, 'regime.onnx'), 'not an onnx file');
    const d = await day(dir);
    const models = d.engine.models!;
    expect(models.status().find((s) => s.kind === 'regime')!.slot).toMatchObject({ state: 'not-available', reason: expect.stringMatching(/^shipped regime model not usable: /) });
    await d.runTo(40);
    const before = withEnsemble(d);
    expect(before.length).toBeGreaterThan(0);
    for (const s of before) {
      expect(mlOf(s)!.status).toBe('ok');
      expect(s.regime?.source).toBe('rules');
    }
    expect(d.engine.bots().map((b) => b.state)).toEqual(BOT_IDS.map(() => 'running'));

    const next = tinyModels(2);
    const trained = models.recordTrained('rsi-lstm', next['rsi-lstm'].onnx, next['rsi-lstm'].manifest);
    if (!trained.ok) throw new Error(trained.error.message);
    expect(models.promote(trained.value.modelId)).toMatchObject({ ok: true });
    const promotedAt = d.clock.now();
    await d.runTo(80);
    const after = withEnsemble(d).filter((s) => s.tsEvent > promotedAt);
    expect(after.length).toBeGreaterThan(0);
    for (const s of after) expect(mlOf(s)!.detail).toContain(`${trained.value.modelId} P(up)`);

    // A rollback made by another process (`npm run train -- --rollback rsi-lstm` on the same database) is in force within 30 engine seconds.
    new ModelRegistryRepository(d.store.sqlite).recordPromotion({ kind: 'rsi-lstm', modelId: 'rsi-lstm@1', action: 'rollback', ts: d.clock.now(), reason: 'by another process' });
    await d.runTo(81);
    expect(models.status().find((s) => s.kind === 'rsi-lstm')!.slot).toEqual({ state: 'available', modelId: 'rsi-lstm@1' });
  }, 300_000);
});
