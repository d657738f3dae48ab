import { deflatedSharpe, type DeflatedSharpe } from './overfitting/deflated-sharpe.ts';
import { rankOutOfSample, type OosRanking } from './overfitting/oos-ranking.ts';
import { probabilityOfOverfitting, type PboResult } from './overfitting/pbo.ts';
import { moments, periodSharpe, variance } from './overfitting/stats.ts';
import type { TrialRecord } from './trial.ts';

export interface StudySummary {
  readonly trials: number;
  readonly failed: number;
  /** Complete in-sample trials, best first (ties to the earlier trial). */
  readonly ranked: readonly TrialRecord[];
  readonly best: TrialRecord | null;
  /** Deflated Sharpe ratio of the best trial's returns, deflated by every complete trial; null when it cannot be told. */
  readonly deflatedSharpe: (DeflatedSharpe & { readonly sharpe: number; readonly observations: number }) | null;
  /** Probability of backtest overfitting over the complete trials' returns (CSCV); null under two trials. */
  readonly pbo: (PboResult & { readonly blocks: number }) | null;
  readonly outOfSample: OosRanking | null;
}

const byScore = (a: TrialRecord, b: TrialRecord): number => (b.score ?? -Infinity) - (a.score ?? -Infinity) || a.trialId - b.trialId;

/** The study's figures, from its stored records alone (the same for a resumed or a distributed study). */
export function summarise(records: readonly TrialRecord[]): StudySummary {
  const inSample = records.filter((r) => r.fold === 'in-sample');
  const complete = inSample.filter((r) => r.status === 'complete' && r.score !== null).sort(byScore);
  const best = complete[0] ?? null;
  return {
    trials: inSample.length,
    failed: inSample.filter((r) => r.status === 'failed').length,
    ranked: complete,
    best,
    deflatedSharpe: best ? dsrOf(best, complete) : null,
    pbo: pboOf(complete),
    outOfSample: oosOf(complete, records.filter((r) => r.fold === 'out-of-sample' && r.status === 'complete' && r.score !== null)),
  };
}

function dsrOf(best: TrialRecord, complete: readonly TrialRecord[]): StudySummary['deflatedSharpe'] {
  const sharpe = periodSharpe(best.returns);
  if (sharpe === null) return null;
  const sharpes = complete.map((r) => periodSharpe(r.returns)).filter((s): s is number => s !== null);
  const m = moments(best.returns);
  return {
    ...deflatedSharpe({ sharpe, trials: sharpes.length, sharpeVariance: variance(sharpes), observations: m.n, skew: m.skew, kurtosis: m.kurtosis }),
    sharpe,
    observations: m.n,
  };
}

function pboOf(complete: readonly TrialRecord[]): StudySummary['pbo'] {
  if (complete.length < 2) return null;
  const t = complete[0]!.returns.length;
  if (complete.some((r) => r.returns.length !== t)) return null;
  // Sixteen blocks at most (12,870 splits), fewer when there are many trials so the splits × trials stay
  // near 5 million; each block at least two periods so every half has a variance.
  let blocks = Math.min(16, Math.floor(t / 2 / 2) * 2);
  while (blocks > 4 && splitsOf(blocks) * complete.length > 5_000_000) blocks -= 2;
  if (blocks < 2) return null;
  // Trials repeated with the same parameters add nothing to the choice: keep the first of each.
  const seen = new Set<string>();
  const distinct = complete.filter((r) => {
    const key = JSON.stringify(r.params);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (distinct.length < 2) return null;
  return { ...probabilityOfOverfitting(distinct.map((r) => r.returns), { blocks }), blocks };
}

/** C(s, s/2). */
function splitsOf(s: number): number {
  let c = 1;
  for (let k = 1; k <= s / 2; k++) c = (c * (s / 2 + k)) / k;
  return Math.round(c);
}

function oosOf(inSample: readonly TrialRecord[], oos: readonly TrialRecord[]): OosRanking | null {
  const isById = new Map(inSample.map((r) => [r.trialId, r.score!]));
  const pairs = oos.filter((r) => isById.has(r.trialId)).map((r) => ({ trialId: r.trialId, inSample: isById.get(r.trialId)!, outOfSample: r.score! }));
  return pairs.length > 0 ? rankOutOfSample(pairs) : null;
}
