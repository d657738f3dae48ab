import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ok } from '#core/result';
import { computeMetrics, drawdownCurve } from '#backtest/metrics';
import { tradingSessions } from '#backtest/trading-days';
import { backtestRequestSchema, type BacktestResult, type RunBacktest } from '#backtest/types';
import { nseCalendar } from '#market/session-calendar';
import { parseManifest } from '#ml/models/manifest';
import { QUICK_FIT } from '#ml/testing/training-input';
import { recordSimulatorHistory } from '#backtest/record-history';
import { compareWithMl } from './ml-compare.ts';
import { comparisonTable } from './ml-compare-report.ts';
import { retrainPerFold, sessionsBefore } from './ml-compare-retrain.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ml-retrain-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A stand-in backtest that notes which model folder each ML run was given (the real engine is the other test file's). */
function recording(): { run: RunBacktest; folders: string[] } {
  const folders: string[] = [];
  const run: RunBacktest = async (input, deps) => {
    const request = backtestRequestSchema.parse(input);
    if (deps?.models) folders.push(deps.models.shippedDir);
    const days = tradingSessions(request.from, request.to);
    const curve = drawdownCurve(1_000_000, days.map((d) => ({ ts: d.close, day: d.dateKey, equity: 1_000_000 })));
    const metrics = computeMetrics({ startEquity: 1_000_000, equity: curve, startTs: days[0]!.open, trades: [], charges: 0, exposedBars: 0, totalBars: 1 });
    const result: BacktestResult = { request, days: days.map((d) => d.dateKey), bars: 0, portfolio: { metrics, equity: curve }, bots: [{ botId: 'momentum-rider', params: {}, metrics, equity: curve }], trades: [] };
    return ok(result);
  };
  return { run, folders };
}

describe('walk-forward with the models retrained before every fold', () => {
  it('counts sessions back over weekends and holidays, leaving the embargo out', () => {
    // 10 Nov 2026 is an NSE holiday, 7–8 Nov a weekend: 9 Nov is the embargo, then 6, 5 and 4 Nov.
    expect(sessionsBefore('2026-11-11', 1, 3)).toEqual(['2026-11-04', '2026-11-05', '2026-11-06']);
    expect(sessionsBefore('2026-11-11', 0, 2)).toEqual(['2026-11-06', '2026-11-09']);
  });

  it('trains every fold on the sessions before it: other models each fold, none trained on a bar of the fold or its embargo', async () => {
    const request = backtestRequestSchema.parse({ bots: [{ id: 'momentum-rider' }], from: '2026-11-02', to: '2026-11-13', data: { kind: 'simulator', seed: 3 } });
    const rec = recording();
    const fractions: number[] = [];
    const maker = retrainPerFold({ request, trainSessions: 12, embargoSessions: 1, seed: 5, fit: QUICK_FIT, dir, onProgress: (f) => fractions.push(f) });
    const r = await compareWithMl({ request, foldDays: 3, models: maker, modelsUsed: [], run: rec.run });
    if (!r.ok) throw new Error(r.error.message);
    const c = r.value;
    expect(c.retrained).toBe(true);
    expect(c.folds).toHaveLength(3);
    expect(rec.folders).toEqual(c.folds.map((_, i) => path.join(dir, `fold-${i + 1}`)));
    expect(fractions.length).toBeGreaterThan(0);
    const hashes: string[] = [];
    for (const f of c.folds) {
      const t = f.training!;
      expect(t.sessions).toBe(12);
      expect(t.to).toBe(nseCalendar.previousTradingDay(nseCalendar.previousTradingDay(f.from)));
      expect(f.modelsSawWindow).toEqual([]);
      // The embargo session's open: no bar a model learned from or was tested on starts at or after it.
      const embargoOpen = nseCalendar.sessionOn(nseCalendar.previousTradingDay(f.from))!.open;
      const folder = path.join(dir, `fold-${f.index + 1}`);
      const trained = fs.readdirSync(folder).filter((n) => n.endsWith('.json'));
      expect(trained.length).toBe(t.models.length);
      expect(t.models.length + t.problems.length).toBe(4);
      expect(t.models.map((m) => m.modelId)).toContain(`rsi-lstm (fold ${f.index + 1})`);
      for (const file of trained) {
        const m = parseManifest(JSON.parse(fs.readFileSync(path.join(folder, file), 'utf8')));
        if (!m.ok) throw new Error(m.reason);
        expect(m.manifest.data!.to).toBeLessThan(embargoOpen);
        expect(m.manifest.data!.from).toBeGreaterThanOrEqual(nseCalendar.sessionOn(t.from)!.open);
        expect(m.manifest.data!.source).toBe(`simulator seed 3, 12 sessions from ${t.from}`);
      }
      hashes.push(createHash('sha256').update(fs.readFileSync(path.join(folder, 'rsi-lstm.onnx'))).digest('hex'));
    }
    expect(new Set(hashes).size).toBe(3);
    const table = comparisonTable(c);
    expect(table).toContain('retrained before every fold');
    expect(table).not.toContain('ML in sample');
  }, 120_000);

  it('on stored history trains on the bars the request replays, and says so when there are none before the fold', async () => {
    const file = path.join(dir, 'history.sqlite');
    await recordSimulatorHistory({ file, seed: 8, from: '2026-11-02', to: '2026-11-13', underlyings: ['NIFTY'], dailySessions: 0, tickMs: 30_000 });
    const request = backtestRequestSchema.parse({ bots: [{ id: 'momentum-rider' }], underlyings: ['NIFTY'], from: '2026-11-16', to: '2026-11-20', data: { kind: 'history', database: file } });
    const maker = retrainPerFold({ request, trainSessions: 8, embargoSessions: 1, seed: 5, fit: QUICK_FIT, dir: path.join(dir, 'history') });
    const made = await maker({ index: 0, from: '2026-11-16' });
    if (!made.ok) throw new Error(made.error.message);
    const t = made.value.training;
    expect([t.from, t.to, t.sessions]).toEqual(['2026-11-02', '2026-11-12', 8]);
    const rsi = t.models.find((m) => m.modelId === 'rsi-lstm (fold 1)')!;
    expect(rsi.source).toBe('history NSE_INDEX:NIFTY');
    expect(rsi.to!).toBeLessThan(nseCalendar.sessionOn('2026-11-13')!.open);
    const none = await maker({ index: 1, from: '2026-10-26' });
    expect(none.ok ? '' : none.error.message).toMatch(/has no 5-minute or 1-minute bars of NSE_INDEX:NIFTY from 2026-10-12 to 2026-10-22 to train the fold's models on: import older history/);
  }, 120_000);
});
