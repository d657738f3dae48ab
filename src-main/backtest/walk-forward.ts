import { err, ok, type Result } from '#core/result';
import type { ParamSpec } from '#bots/contract/params';
import { faultText } from '#contract/backtest-result';
import { botParamSpecs } from './bot-params.ts';
import { defaultGrid, gridPoints, type ParamGrid } from './param-grid.ts';
import { runBacktest } from './run-backtest.ts';
import { tradingSessions } from './trading-days.ts';
import { backtestRequestSchema, type BacktestError, type BacktestRequestInput, type BacktestResult, type Metrics, type RunBacktest } from './types.ts';

export type Params = Record<string, unknown>;

/** What an optimiser is given for one in-sample window: the search space and a way to score a set. */
export interface OptimiseInput {
  readonly botId: string;
  readonly specs: readonly ParamSpec[];
  /** The bot's parameters as the request gives them; a candidate set is laid over them. */
  readonly base: Params;
  /** One backtest of the in-sample window with these parameters. */
  evaluate(params: Params): Promise<Result<BacktestResult, BacktestError>>;
  /** Higher is better; null when the result has nothing to score. */
  score(r: BacktestResult): number | null;
  readonly signal?: AbortSignal;
}
export type Optimise = (input: OptimiseInput) => Promise<Result<{ params: Params; result: BacktestResult }, BacktestError>>;

export type ScoreName = 'sharpe' | 'sortino' | 'calmar' | 'netPnl' | 'profitFactor' | 'expectancy' | 'maxDrawdownPct';

export interface WalkForwardOptions {
  /** The base request: its range is split into folds; `botId` must be among its bots. */
  readonly request: BacktestRequestInput;
  readonly botId: string;
  readonly mode: 'rolling' | 'anchored';
  /** Trading sessions in each in-sample window (the first one, when anchored) and each out-of-sample one. */
  readonly inSampleDays: number;
  readonly outOfSampleDays: number;
  /** The portfolio metric the optimiser maximises (drawdown is minimised). Default sharpe. */
  readonly score?: ScoreName;
  /** Default: `gridSearch` over `grid` (or the bot's default grid). */
  readonly optimise?: Optimise;
  readonly grid?: ParamGrid;
  /** Default: `runBacktest`. */
  readonly run?: RunBacktest;
  readonly workDir?: string;
  readonly onFold?: (done: number, total: number) => void;
  readonly signal?: AbortSignal;
}

export interface Fold {
  readonly index: number;
  readonly inSample: { readonly from: string; readonly to: string; readonly days: number };
  readonly outOfSample: { readonly from: string; readonly to: string; readonly days: number };
  readonly params: Params;
  readonly inSampleScore: number | null;
  readonly outOfSampleScore: number | null;
  readonly inSampleMetrics: Metrics;
  readonly outOfSampleMetrics: Metrics;
  /** Out-of-sample net P&L per session ÷ in-sample net P&L per session; null when in-sample made nothing. */
  readonly efficiency: number | null;
  /** A bot that went to error in the chosen in-sample run or the out-of-sample run (`faultText`); absent when none did. */
  readonly faults?: readonly string[];
}

export interface ParamStability {
  readonly key: string;
  readonly values: readonly unknown[];
  /** Share of folds that chose the most frequent value. */
  readonly modeShare: number;
  /** Numbers only: coefficient of variation of the chosen values (stdev ÷ |mean|); null otherwise. */
  readonly cv: number | null;
}

export interface WalkForwardResult {
  readonly mode: 'rolling' | 'anchored';
  readonly score: ScoreName;
  readonly folds: readonly Fold[];
  /** Out-of-sample net P&L per session over all folds ÷ the folds' mean in-sample net P&L per session. */
  readonly efficiency: number | null;
  readonly stability: readonly ParamStability[];
  /** The out-of-sample windows' net P&L together: what walking forward would have earned. */
  readonly outOfSampleNetPnl: number;
}

/** The in-sample and out-of-sample sessions of each fold. */
export function planFolds(sessions: readonly string[], mode: 'rolling' | 'anchored', inDays: number, outDays: number): { inSample: string[]; outOfSample: string[] }[] {
  const folds: { inSample: string[]; outOfSample: string[] }[] = [];
  for (let k = 0; ; k++) {
    const inEnd = inDays + k * outDays;
    if (inEnd + outDays > sessions.length) break;
    folds.push({ inSample: sessions.slice(mode === 'rolling' ? k * outDays : 0, inEnd), outOfSample: sessions.slice(inEnd, inEnd + outDays) });
  }
  return folds;
}

/** The run's score; none when a bot went to error in it (its figures stop at the fault), so a clean set wins over it. */
export function scoreOf(r: BacktestResult, name: ScoreName): number | null {
  if (r.bots.some((b) => b.fault)) return null;
  const v = r.portfolio.metrics[name];
  if (v === null) return null;
  return name === 'maxDrawdownPct' ? -v : v;
}

/** Tries every point of the grid in order; the best score wins, the first of equals, unscored sets last. */
export function gridSearch(grid?: ParamGrid): Optimise {
  return async (input) => {
    const points = gridPoints(grid ?? defaultGrid(input.specs));
    let best: { params: Params; result: BacktestResult; score: number | null } | undefined;
    for (const point of points) {
      if (input.signal?.aborted) return err({ kind: 'aborted', message: 'the search was stopped on request' });
      const params = { ...input.base, ...point };
      const r = await input.evaluate(params);
      if (!r.ok) {
        if (r.error.kind === 'invalid-request') continue;
        return r;
      }
      const score = input.score(r.value);
      if (!best || (score !== null && (best.score === null || score > best.score))) best = { params, result: r.value, score };
    }
    return best ? ok({ params: best.params, result: best.result }) : err({ kind: 'invalid-request', message: 'no parameter set of the grid is valid for the bot' });
  };
}

/**
 * Walk-forward analysis: for each fold, the optimiser picks the bot's parameters on the in-sample
 * sessions, then those parameters run unchanged on the out-of-sample sessions that follow. Rolling
 * windows keep their length; anchored ones all start at the first session.
 */
export async function walkForward(o: WalkForwardOptions): Promise<Result<WalkForwardResult, BacktestError>> {
  const parsed = backtestRequestSchema.safeParse(o.request);
  if (!parsed.success) return err({ kind: 'invalid-request', message: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
  const request = parsed.data;
  const bot = request.bots.find((b) => b.id === o.botId);
  if (!bot) return err({ kind: 'invalid-request', message: `${o.botId} is not among the request's bots (${request.bots.map((b) => b.id).join(', ')})` });
  if (!(Number.isInteger(o.inSampleDays) && o.inSampleDays >= 1 && Number.isInteger(o.outOfSampleDays) && o.outOfSampleDays >= 1)) {
    return err({ kind: 'invalid-request', message: 'in-sample and out-of-sample windows must be whole numbers of sessions, at least 1' });
  }
  const sessions = tradingSessions(request.from, request.to).map((s) => s.dateKey);
  const plan = planFolds(sessions, o.mode, o.inSampleDays, o.outOfSampleDays);
  if (plan.length === 0) return err({ kind: 'invalid-request', message: `${sessions.length} sessions from ${request.from} to ${request.to} hold no fold of ${o.inSampleDays} + ${o.outOfSampleDays} sessions` });
  const run = o.run ?? runBacktest;
  const scoreName = o.score ?? 'sharpe';
  const specs = botParamSpecs(bot.id) ?? [];
  const optimise = o.optimise ?? gridSearch(o.grid);
  const withParams = (params: Params, from: string, to: string): BacktestRequestInput => ({ ...request, from, to, bots: request.bots.map((b) => (b.id === bot.id ? { id: b.id, params } : b)) });
  const folds: Fold[] = [];
  for (const [index, f] of plan.entries()) {
    const inFrom = f.inSample[0]!;
    const inTo = f.inSample.at(-1)!;
    const chosen = await optimise({
      botId: bot.id,
      specs,
      base: bot.params,
      evaluate: (params) => run(withParams(params, inFrom, inTo), o.workDir === undefined ? {} : { workDir: o.workDir }, undefined, o.signal),
      score: (r) => scoreOf(r, scoreName),
      ...(o.signal ? { signal: o.signal } : {}),
    });
    if (!chosen.ok) return chosen;
    const outFrom = f.outOfSample[0]!;
    const outTo = f.outOfSample.at(-1)!;
    const tested = await run(withParams(chosen.value.params, outFrom, outTo), o.workDir === undefined ? {} : { workDir: o.workDir }, undefined, o.signal);
    if (!tested.ok) return tested;
    const isM = chosen.value.result.portfolio.metrics;
    const oosM = tested.value.portfolio.metrics;
    const isPerDay = isM.netPnl / f.inSample.length;
    const faults = [...chosen.value.result.bots, ...tested.value.bots].flatMap((b) => faultText(b) ?? []);
    folds.push({
      index,
      inSample: { from: inFrom, to: inTo, days: f.inSample.length },
      outOfSample: { from: outFrom, to: outTo, days: f.outOfSample.length },
      params: chosen.value.params,
      inSampleScore: scoreOf(chosen.value.result, scoreName),
      outOfSampleScore: scoreOf(tested.value, scoreName),
      inSampleMetrics: isM,
      outOfSampleMetrics: oosM,
      efficiency: isPerDay > 0 ? oosM.netPnl / f.outOfSample.length / isPerDay : null,
      ...(faults.length > 0 ? { faults } : {}),
    });
    o.onFold?.(index + 1, plan.length);
  }
  const oosNet = folds.reduce((s, f) => s + f.outOfSampleMetrics.netPnl, 0);
  const oosDays = folds.reduce((s, f) => s + f.outOfSample.days, 0);
  const isPerDay = folds.reduce((s, f) => s + f.inSampleMetrics.netPnl / f.inSample.days, 0) / folds.length;
  return ok({
    mode: o.mode,
    score: scoreName,
    folds,
    efficiency: isPerDay > 0 ? oosNet / oosDays / isPerDay : null,
    stability: stability(folds, searchedKeys(folds, bot.params, o.optimise ? Object.keys(o.grid ?? {}) : Object.keys(o.grid ?? defaultGrid(specs)))),
    outOfSampleNetPnl: oosNet,
  });
}

/** The grid's parameters, and any other a custom optimiser moved away from the request's value. */
function searchedKeys(folds: readonly Fold[], base: Params, grid: readonly string[]): string[] {
  const keys = new Set(grid);
  for (const f of folds) for (const [k, v] of Object.entries(f.params)) if (base[k] !== v) keys.add(k);
  return [...keys];
}

function stability(folds: readonly Fold[], keys: readonly string[]): ParamStability[] {
  return keys.map((key) => {
    const values = folds.map((f) => f.params[key]);
    const counts = new Map<unknown, number>();
    for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
    const modeShare = Math.max(...counts.values()) / values.length;
    const nums = values.filter((v): v is number => typeof v === 'number');
    let cv: number | null = null;
    if (nums.length === values.length && nums.length > 0) {
      const mean = nums.reduce((s, v) => s + v, 0) / nums.length;
      const sd = Math.sqrt(nums.reduce((s, v) => s + (v - mean) ** 2, 0) / nums.length);
      cv = mean !== 0 ? sd / Math.abs(mean) : null;
    }
    return { key, values, modeShare, cv };
  });
}

