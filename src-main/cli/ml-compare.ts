import { err, ok, type Result } from '#core/result';
import type { ModelDirs } from '#engine/bots/engine-models';
import { computeMetrics, drawdownCurve } from '#backtest/metrics';
import { runBacktest } from '#backtest/run-backtest';
import { tradingSessions } from '#backtest/trading-days';
import { backtestRequestSchema, type BacktestError, type BacktestRequest, type BacktestRequestInput, type BacktestResult, type RunBacktest } from '#backtest/types';
import { planFolds } from '#backtest/walk-forward';

/** The figures the comparison reports for one bot over one window. */
export interface ArmFigures {
  readonly trades: number;
  readonly winRate: number | null;
  readonly sharpe: number | null;
  readonly maxDrawdownPct: number;
  readonly netPnl: number;
}

/** One model the "with ML" arm ran on, and the market window it saw in training or testing. */
export interface ModelUsed {
  readonly modelId: string;
  readonly source: string;
  /** Epoch ms of the first and last bar it was trained or tested on (absent for a model without that record). */
  readonly from?: number;
  readonly to?: number;
}

/** What the models of one fold were trained on (walk-forward with `--retrain`). */
export interface FoldTraining {
  /** First and last trading session of the training data. */
  readonly from: string;
  readonly to: string;
  readonly sessions: number;
  /** Sessions left out between the last training session and the fold's first. */
  readonly embargoSessions: number;
  /** The models trained, each with the window it was trained and tested on. */
  readonly models: readonly ModelUsed[];
  /** Kinds that could not be trained on this window, and why: the ML arm runs without them on this fold. */
  readonly problems: readonly string[];
}

export type MlCompareError = BacktestError | { readonly kind: 'training'; readonly message: string };

/** The models of the ML arm for one fold. */
export interface FoldModels {
  readonly models: ModelDirs;
  readonly training: FoldTraining;
}

/** Makes the ML arm's models for the fold starting on `from` (a trading session, YYYY-MM-DD). */
export type FoldModelMaker = (fold: { readonly index: number; readonly from: string }, signal?: AbortSignal) => Promise<Result<FoldModels, MlCompareError>>;

export interface FoldComparison {
  readonly index: number;
  readonly from: string;
  readonly to: string;
  readonly days: number;
  /** Models whose training data covers part of this window: here "with ML" is not out of sample. */
  readonly modelsSawWindow: readonly string[];
  /** With models retrained for this fold: what they learned from. */
  readonly training?: FoldTraining;
  readonly bots: readonly { readonly botId: string; readonly withoutMl: ArmFigures; readonly withMl: ArmFigures }[];
}

export interface MlComparison {
  readonly format: 1;
  readonly request: BacktestRequest;
  readonly foldDays: number;
  readonly models: readonly ModelUsed[];
  /** Whether every fold's models were trained afresh on the sessions before it (each fold's `training`). */
  readonly retrained?: true;
  readonly folds: readonly FoldComparison[];
  /** Over every fold: the folds' equity curves chained, their trades together. */
  readonly total: readonly { readonly botId: string; readonly withoutMl: ArmFigures; readonly withMl: ArmFigures }[];
}

export interface MlCompareOptions {
  readonly request: BacktestRequestInput;
  /** Trading sessions per fold; the range is cut into consecutive folds of this length (a shorter rest is left out). */
  readonly foldDays: number;
  /** The model set of the "with ML" arm, as the engine loads it: one set for every fold, or one made per fold. */
  readonly models: ModelDirs | FoldModelMaker;
  /** The models of the one set (with a maker, each fold's training says what they were). */
  readonly modelsUsed: readonly ModelUsed[];
  readonly run?: RunBacktest;
  readonly workDir?: string;
  readonly onRun?: (fold: number, folds: number, arm: 'without ML' | 'training the models' | 'with ML') => void;
  readonly signal?: AbortSignal;
}

/**
 * Walk-forward comparison of the bots with and without the ML layer: each fold's sessions are backtested
 * twice on the same market, the same bots and parameters, once with the rule-based stand-ins (no ML source,
 * the rule regime) and once with the models: either one set for every fold, or a set made for each fold
 * (retrained on the sessions before it). A fold that overlaps what a model was trained on is named, since
 * there the ML arm is in sample.
 */
export async function compareWithMl(o: MlCompareOptions): Promise<Result<MlComparison, MlCompareError>> {
  const parsed = backtestRequestSchema.safeParse(o.request);
  if (!parsed.success) return err({ kind: 'invalid-request', message: parsed.error.issues.map((i) => `${i.path.join('.') || '(request)'}: ${i.message}`).join('; ') });
  const request = parsed.data;
  if (!(Number.isInteger(o.foldDays) && o.foldDays >= 1)) return err({ kind: 'invalid-request', message: 'a fold must be a whole number of sessions, at least 1' });
  const sessions = tradingSessions(request.from, request.to);
  const plan = planFolds(sessions.map((s) => s.dateKey), 'rolling', 0, o.foldDays);
  if (plan.length === 0) return err({ kind: 'invalid-request', message: `${sessions.length} sessions from ${request.from} to ${request.to} hold no fold of ${o.foldDays} sessions` });
  const run = o.run ?? runBacktest;
  const byDay = new Map(sessions.map((s) => [s.dateKey, s]));
  const arms = { without: [] as BacktestResult[], with: [] as BacktestResult[] };
  const folds: FoldComparison[] = [];
  for (const [index, f] of plan.entries()) {
    const from = f.outOfSample[0]!;
    const to = f.outOfSample.at(-1)!;
    const req: BacktestRequestInput = { ...request, from, to };
    const base = o.workDir === undefined ? {} : { workDir: o.workDir };
    o.onRun?.(index, plan.length, 'without ML');
    const without = await run(req, base, undefined, o.signal);
    if (!without.ok) return without;
    let models: ModelDirs;
    let training: FoldTraining | undefined;
    if (typeof o.models === 'function') {
      o.onRun?.(index, plan.length, 'training the models');
      const made = await o.models({ index, from }, o.signal);
      if (!made.ok) return made;
      models = made.value.models;
      training = made.value.training;
    } else models = o.models;
    const used = training ? training.models : o.modelsUsed;
    o.onRun?.(index, plan.length, 'with ML');
    const withMl = await run(req, { ...base, models }, undefined, o.signal);
    if (!withMl.ok) return withMl;
    arms.without.push(without.value);
    arms.with.push(withMl.value);
    const start = byDay.get(from)!.open;
    const end = byDay.get(to)!.close;
    folds.push({
      index,
      from,
      to,
      days: f.outOfSample.length,
      modelsSawWindow: used.filter((m) => m.from !== undefined && m.to !== undefined && sameMarket(m.source, request) && m.from <= end && m.to >= start).map((m) => m.modelId),
      ...(training ? { training } : {}),
      bots: request.bots.map((b) => ({ botId: b.id, withoutMl: figuresOf(without.value, b.id), withMl: figuresOf(withMl.value, b.id) })),
    });
  }
  const total = request.bots.map((b) => ({ botId: b.id, withoutMl: chained(arms.without, b.id), withMl: chained(arms.with, b.id) }));
  return ok({ format: 1, request, foldDays: o.foldDays, models: o.modelsUsed, ...(typeof o.models === 'function' ? { retrained: true as const } : {}), folds, total });
}

function figuresOf(r: BacktestResult, botId: string): ArmFigures {
  const m = r.bots.find((b) => b.botId === botId)?.metrics;
  if (!m) return { trades: 0, winRate: null, sharpe: null, maxDrawdownPct: 0, netPnl: 0 };
  return { trades: m.trades, winRate: m.winRate, sharpe: m.sharpe, maxDrawdownPct: m.maxDrawdownPct, netPnl: m.netPnl };
}

/** One bot's figures over all folds: each fold's daily equity moves laid end to end from the bot's capital. */
function chained(results: readonly BacktestResult[], botId: string): ArmFigures {
  const bots = results.map((r) => r.bots.find((b) => b.botId === botId)).filter((b) => b !== undefined);
  const startEquity = bots[0]?.metrics.startEquity ?? 0;
  let carried = 0;
  const points = bots.flatMap((b) => {
    const shift = carried;
    carried += b.metrics.netPnl;
    return b.equity.map((p) => ({ ts: p.ts, day: p.day, equity: p.equity - b.metrics.startEquity + startEquity + shift }));
  });
  const equity = drawdownCurve(startEquity, points);
  const trades = results.flatMap((r) => r.trades.filter((t) => t.botId === botId));
  const charges = bots.reduce((s, b) => s + b.metrics.charges, 0);
  const m = computeMetrics({ startEquity, equity, startTs: results[0]?.portfolio.equity[0]?.ts ?? 0, trades, charges, exposedBars: 0, totalBars: 0 });
  return { trades: m.trades, winRate: m.winRate, sharpe: m.sharpe, maxDrawdownPct: m.maxDrawdownPct, netPnl: m.netPnl };
}

/** Whether a model's training data is the market this request replays (the same history, or the same simulated seed). */
function sameMarket(source: string, request: BacktestRequest): boolean {
  if (request.data.kind === 'history') return source.startsWith('history');
  return source.startsWith(`simulator seed ${request.data.seed},`);
}
