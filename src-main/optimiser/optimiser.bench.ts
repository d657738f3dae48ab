import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { WallClock } from '#core/clock';
import { openStore } from '#store/database';
import { inlineEvaluator } from './evaluator.ts';
import type { ObjectiveSpec } from './objective-spec.ts';
import { runStudy } from './study.ts';
import { StudyStore } from './study-store.ts';
import { threadPoolEvaluator } from './thread-pool.ts';
import type { TrialRecord, TrialTask } from './trial.ts';

/** 1,000 parameter sets × one year (250 sessions of 375 one-minute bars) in under 60 s on 2 cores (issue 15). */
const TARGET = { sets: 1000, bars: 250 * 375, seconds: 60 };
const THREADS = 2;

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const v = await fn();
  return [v, (performance.now() - t0) / 1000];
}

/**
 * `npm run bench -- optimise`. Two figures, each beside a reference from the same run:
 * 1. the optimiser's own cost: a 2,000-trial TPE study of the synthetic bot on 2 threads, with the study's
 *    bookkeeping (proposals, SQLite writes, summary), against the same trials called directly in one thread;
 * 2. the sweep target: backtests of the momentum rider on one simulated NIFTY day through the 2-thread pool,
 *    against one such backtest alone; the throughput in bars/s gives the time 1,000 one-year sets would take.
 *    A year per trial is not run here (minutes per trial today): the figure is projected and says so.
 */
export default async function bench(): Promise<boolean> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'optimiser-bench-'));
  try {
    const store = openStore(path.join(dir, 'bench.sqlite'), 1);
    if (!store.ok) throw new Error(store.error.message);
    const studies = new StudyStore(store.value);
    const clock = new WallClock();

    const synthetic: ObjectiveSpec = { kind: 'synthetic', noise: 0, days: 250, delayMs: 0 };
    const tasks: TrialTask[] = Array.from({ length: 2000 }, (_, i) => ({ trialId: i, fold: 'in-sample', params: { entryZ: (i % 61) / 10 - 3, lookback: 5 + (i % 56), mode: 'follow', hedge: true, entryAt: '10:45' }, indices: [] }));
    const [, direct] = await timed(() => inlineEvaluator().evaluate(synthetic, tasks, () => {}));
    const pool = threadPoolEvaluator({ threads: THREADS });
    const [study, studied] = await timed(() => runStudy({ studyId: 'bench', spec: { objective: synthetic, sampler: 'tpe', trials: 2000, batchSize: 16, outOfSampleTop: 0 }, store: studies, evaluator: pool, clock }));
    if (!study.ok) throw new Error(study.error.message);
    console.log(`optimiser: 2,000 synthetic trials as a TPE study on ${THREADS} threads ${studied.toFixed(2)} s (${(2000 / studied).toFixed(0)} trials/s) vs ${direct.toFixed(2)} s called directly in one thread: ×${(studied / direct).toFixed(2)}`);

    const backtest: ObjectiveSpec = {
      kind: 'backtest',
      bot: 'momentum-rider',
      request: { underlyings: ['NIFTY'], data: { kind: 'simulator', seed: 3 }, warmupSessions: 1 },
      inSample: { from: '2026-11-25', to: '2026-11-25' },
      score: 'sharpe',
    };
    const sets = [0.3, 0.45, 0.6, 0.75].map((pct, i): TrialTask => ({ trialId: i, fold: 'in-sample', params: { minMovePct: pct }, indices: [] }));
    const records: TrialRecord[] = [];
    const [, alone] = await timed(() => inlineEvaluator().evaluate(backtest, sets.slice(0, 1), (r) => records.push(r)));
    if (records[0]?.status !== 'complete') throw new Error(`the reference backtest failed: ${records[0]?.error ?? 'no result'}`);
    const bars = records[0].metrics.bars ?? 375;
    const [, swept] = await timed(() => pool.evaluate(backtest, sets, (r) => records.push(r)));
    await pool.close();
    const failed = records.filter((r) => r.status !== 'complete');
    if (failed.length > 0) throw new Error(`a bench backtest failed: ${failed[0]!.error}`);
    const barsPerSecond = (sets.length * bars) / swept;
    const projected = (TARGET.sets * TARGET.bars) / barsPerSecond;
    console.log(
      `sweep: ${sets.length} one-day backtests (${bars} bars each) on ${THREADS} threads ${swept.toFixed(2)} s vs one alone ${alone.toFixed(2)} s: ` +
        `${(sets.length * alone / swept).toFixed(2)}× the single-thread throughput; ${barsPerSecond.toFixed(0)} bars/s`,
    );
    const met = projected <= TARGET.seconds;
    console.log(
      `${met ? 'met' : 'MISSED'}: 1,000 sets × 1 year of 1-minute NIFTY bars projected at ${projected.toFixed(0)} s on ${THREADS} cores ` +
        `(target ${TARGET.seconds} s: ${(projected / TARGET.seconds).toFixed(1)}× the target), from the throughput above`,
    );
    await store.value.close();
    return met;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
