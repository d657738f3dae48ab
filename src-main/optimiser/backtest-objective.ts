import { err, ok } from '#core/result';
import { faultText } from '#contract/backtest-result';
import type { BacktestRequestInput, BacktestResult, RunBacktest } from '#backtest/types';
import type { FoldName, Objective, TrialOutcome } from './objective.ts';
import type { ObjectiveSpec, ScoreName } from './objective-spec.ts';

type BacktestSpec = Extract<ObjectiveSpec, { kind: 'backtest' }>;

/**
 * The objective of a real study: one backtest of the bot with the trial's parameters over the fold's dates.
 * The score is the chosen portfolio metric; the returns are the portfolio's daily returns.
 */
export function backtestObjective(spec: BacktestSpec, run: RunBacktest, workDir?: string): Objective {
  return {
    async evaluate(params, fold, signal) {
      const dates = datesOf(spec, fold);
      if (!dates) return err({ kind: 'failed', message: 'the study has no out-of-sample range' });
      const request = { ...spec.request, bots: [{ id: spec.bot, params }], from: dates.from, to: dates.to } as BacktestRequestInput;
      const r = await run(request, workDir === undefined ? {} : { workDir }, undefined, signal);
      if (!r.ok) return err({ kind: r.error.kind === 'invalid-request' ? 'invalid-params' : 'failed', message: r.error.message });
      // A set that sends the bot to error is a failed trial, not a quiet one scored as if it had run.
      const fault = r.value.bots.map(faultText).find((t) => t !== undefined);
      if (fault) return err({ kind: 'failed', message: fault });
      return ok(outcomeOf(r.value, spec.score));
    },
  };
}

function datesOf(spec: BacktestSpec, fold: FoldName): { from: string; to: string } | undefined {
  return fold === 'in-sample' ? spec.inSample : spec.outOfSample;
}

export function outcomeOf(result: BacktestResult, score: ScoreName): TrialOutcome {
  const m = result.portfolio.metrics;
  const raw = m[score];
  const returns: number[] = [];
  let prev = m.startEquity;
  for (const p of result.portfolio.equity) {
    returns.push(prev > 0 ? p.equity / prev - 1 : 0);
    prev = p.equity;
  }
  const metrics: Record<string, number | null> = { ...m, bars: result.bars, days: result.days.length };
  return { score: raw === null ? null : score === 'maxDrawdownPct' ? -raw : raw, metrics, returns };
}
