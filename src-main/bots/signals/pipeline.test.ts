import { describe, expect, it } from 'vitest';
import { botId, instrumentId, intentId, signalId } from '#model/ids';
import type { StudiesReader } from '../contract/context.ts';
import { confirmationSource } from './confirmation-source.ts';
import { noMlModel } from './ml-source.ts';
import { decide, toSignal, type RuleEvaluation } from './pipeline.ts';
import { priceActionSource } from './price-action-source.ts';
import { available } from './source.ts';
import { technicalSource, TECHNICAL_SPECS } from './technical-source.ts';

const NIFTY = instrumentId('NSE_INDEX', 'NIFTY');
const ctx = { botId: botId('b1'), now: 1_000, ids: { intent: () => intentId('i1'), signal: () => signalId('s1') } };
const base: RuleEvaluation = {
  kind: 'entry',
  rule: 'momentum-rider/entry',
  underlying: NIFTY,
  direction: 'long',
  strength: 0.8,
  inputs: { move: 0.52 },
  sources: [noMlModel.evaluate({ underlying: NIFTY, now: 0, direction: 'long' }), available('technical', 'long', 0.9, 'RSI 64'), available('priceAction', 'long', 0.7, ''), confirmationSource('long', [{ name: 'volume', score: 0.8, detail: '3 bars > 2×' }])],
  regime: { regime: 'trending', confidence: 0.7, source: 'rules', inputs: { adx: 31 }, reason: 'ADX 31.0 ≥ 25' },
  gates: [{ name: 'window', passed: true, reason: 'inside 09:30–15:15' }],
  validate: 'directional',
  notes: [],
};

describe('signal pipeline: rule → sources → ensemble → gates and validator → decision → Signal', () => {
  it('takes a signal every check passes, and records inputs, each source, the combined score, the regime and the intents', () => {
    const d = decide(base);
    expect(d.taken).toBe(true);
    const s = toSignal(ctx, d, [intentId('i1')], 'bought 1 lot NIFTY 25100 CE');
    expect(s).toMatchObject({ id: 's1', botId: 'b1', tsEvent: 1_000, kind: 'entry', rule: 'momentum-rider/entry', direction: 'long', inputs: { move: 0.52 }, intentIds: ['i1'] });
    expect(s.decision).toEqual({ kind: 'taken', reason: 'bought 1 lot NIFTY 25100 CE (inside 09:30–15:15)' });
    expect(s.sources.map((x) => [x.source, x.status, Number(x.effectiveWeight.toFixed(4))])).toEqual([
      ['ml', 'not-available', 0],
      ['technical', 'ok', 0.5],
      ['priceAction', 'ok', 0.3333],
      ['confirmation', 'ok', 0.1667],
    ]);
    expect(s.combined!.score).toBeCloseTo(0.5 * 0.9 + (0.2 / 0.6) * 0.7 + (0.1 / 0.6) * 0.8, 12);
    expect(s.strength).toBe(s.combined!.score);
    expect(Object.keys(s.scores)).toEqual(['technical', 'priceAction', 'confirmation', 'combined']);
    expect(s.regime).toEqual({ regime: 'trending', confidence: 0.7, source: 'rules' });
    expect(s.notes).toEqual([expect.stringMatching(/^weights renormalised over technical, priceAction, confirmation \(ml not-available: no ML model installed\)$/), 'ML confidence threshold 0.45 not applied: no ML model installed']);
  });

  it('filters with every failed gate and threshold in the reason, and links no intent', () => {
    const d = decide({ ...base, gates: [{ name: 'vix', passed: false, reason: 'VIX 31.2 ≥ 30' }], sources: [available('technical', 'short', 0.9, '')] });
    const s = toSignal(ctx, d, [intentId('i1')]);
    expect(s.decision).toEqual({ kind: 'filtered', reason: 'VIX 31.2 ≥ 30; ensemble points short, not long' });
    expect(s.intentIds).toEqual([]);
  });

  it('a neutral premium sale is gated by its own filters only; its strength is the rule strength', () => {
    const d = decide({ ...base, direction: 'neutral', validate: 'none', sources: [available('technical', 'long', 0.9, '')] });
    expect(d.taken).toBe(true);
    expect(toSignal(ctx, d).strength).toBe(0.8);
  });
});

describe('sources', () => {
  const reader = (values: Record<string, Record<string, number>>): StudiesReader => ({
    indicator: (_id, _tf, spec) => {
      const v = values[spec.kind];
      return v ? { values: v, previous: undefined, tsStart: 0 } : undefined;
    },
    priceAction: () => undefined,
  });

  it('technical: five votes averaged; a full uptrend is long with confidence 1', () => {
    const up = reader({ ema: { ema: 2 }, macd: { histogram: 3 }, rsi: { rsi: 75 }, adx: { adx: 45, plusDi: 30, minusDi: 10 }, vwap: { vwap: 100 } });
    // Both EMAs read the same stub value here, so their vote is 0: four of five votes at +1.
    const s = technicalSource(up, NIFTY, '5m', 101);
    expect(s).toMatchObject({ source: 'technical', status: 'ok', direction: 'long' });
    expect(s.score).toBeCloseTo(0.8, 12);
    expect(s.detail).toBe('EMA9 ≥ EMA21, MACD hist +3.00, RSI 75.0, ADX 45.0 (+DI leads), close ≥ VWAP → +0.80');
    expect(Object.keys(TECHNICAL_SPECS)).toHaveLength(6);
  });

  it('technical: nothing warm is not available; price action before warm-up likewise', () => {
    expect(technicalSource(reader({}), NIFTY, '5m', 100).status).toBe('not-available');
    expect(priceActionSource(undefined)).toMatchObject({ status: 'not-available', detail: 'price action still warming up' });
  });
});
