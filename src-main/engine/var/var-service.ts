import type { Clock, TimerHandle } from '#core/clock';
import { err, ok, type Result } from '#core/result';
import { istDateKey } from '#core/time-ist';
import type { RiskConfig } from '#config/risk-schema';
import { bookLegsOf } from '#risk/check-context';
import type { StressInputs } from '#risk/checks/stress';
import type { MarketView, RiskPortfolio } from '#risk/ports';
import { stressCatalog } from '#risk/stress/catalog';
import { runStress, type StressReport } from '#risk/stress/run-stress';
import type { DailyHistory } from '#risk/var/historical';
import { historicalScenarios } from '#risk/var/historical';
import { horizonLabel, type VarHorizon } from '#risk/var/horizon';
import { monteCarloScenarios, type ReturnModel } from '#risk/var/monte-carlo';
import { portfolioVar, type VarMethod } from '#risk/var/portfolio-var';
import type { MarketScenario } from '#risk/var/scenario';
import { valueLegs, type ValuedLeg } from '#risk/valuation';
import type { VarHistoryRepository, VarHistoryRow } from './var-history-repository.ts';

export const CONFIDENCES = [0.95, 0.99] as const;
export const METHODS: readonly VarMethod[] = ['historical', 'monte-carlo'];

/** The latest VaR of the book: every method × horizon × confidence, and why any is missing. */
export interface VarSnapshot {
  readonly ts: number;
  readonly legs: number;
  readonly rows: readonly VarHistoryRow[];
  readonly unavailable: readonly { readonly method: VarMethod; readonly horizon: string; readonly reason: string }[];
}

export interface VarServiceDeps {
  readonly clock: Clock;
  readonly portfolio: RiskPortfolio;
  readonly market: MarketView;
  readonly limits: () => RiskConfig;
  readonly history: () => DailyHistory;
  /** India VIX now (its quote), when the feed has one. */
  readonly vixNow: () => number | undefined;
  readonly returnModel: ReturnModel & { covers(underlying: string): boolean };
  readonly repo: VarHistoryRepository;
  readonly publish: (s: VarSnapshot) => void;
}

const horizonKey = (h: VarHorizon): string => (h.kind === 'one-day' ? '1d' : `${h.minutes}m`);

/**
 * Portfolio VaR in the engine. Scenario sets are built once per day (historical; Monte Carlo also again
 * whenever India VIX has moved half a point); the book is revalued over them on a schedule and after
 * fills (coalesced into one run on the next turn of the clock, off the order path); every figure is
 * stored and published. The pre-trade VaR and stress checks read the cached one-day sets synchronously.
 */
export function createVarService(deps: VarServiceDeps) {
  const cache = new Map<string, MarketScenario[]>();
  let cacheDay = '';
  let latest: VarSnapshot | undefined;
  let pending: TimerHandle | undefined;
  let schedule: TimerHandle | undefined;

  const vix = (): number | undefined => deps.vixNow() ?? deps.history().vix.at(-1)?.close;

  const scenarios = (method: VarMethod, horizon: VarHorizon, underlyings: readonly string[]): Result<MarketScenario[], string> => {
    const cfg = deps.limits().var;
    const day = istDateKey(deps.clock.now());
    if (day !== cacheDay) {
      cache.clear();
      cacheDay = day;
    }
    const names = [...underlyings].sort();
    // Monte Carlo starts from today's VIX: a new set when VIX has moved half a point.
    const v = method === 'monte-carlo' ? vix() : undefined;
    const key = `${method}|${horizonKey(horizon)}|${names.join(',')}|${v === undefined ? '' : Math.round(v * 2) / 2}`;
    const hit = cache.get(key);
    if (hit) return ok(hit);
    let set: Result<MarketScenario[], string>;
    if (method === 'historical') set = historicalScenarios(deps.history(), names, horizon, { lookback: cfg.lookback, minScenarios: cfg.minScenarios });
    else {
      const unknown = names.filter((u) => !deps.returnModel.covers(u));
      if (v === undefined) set = err('no India VIX to start the return model from');
      else if (unknown.length > 0) set = err(`the return model does not simulate ${unknown.join(', ')}`);
      else set = ok(monteCarloScenarios(deps.returnModel, names, horizon, v, { scenarios: cfg.mcScenarios, seed: cfg.seed }));
    }
    if (set.ok) cache.set(key, set.value);
    return set;
  };

  const valuedBook = (): Result<ValuedLeg[], string> => {
    const legs = bookLegsOf(deps.portfolio.book(), deps.market);
    const v = valueLegs(legs, deps.market, deps.limits().rate, deps.clock.now());
    return v.ok ? ok(v.value) : err(v.error.message);
  };

  const underlyingsOf = (legs: readonly ValuedLeg[]): string[] => [...new Set(legs.map((l) => l.underlying))];

  function refresh(): VarSnapshot {
    const ts = deps.clock.now();
    const rows: VarHistoryRow[] = [];
    const unavailable: { method: VarMethod; horizon: string; reason: string }[] = [];
    const horizons: VarHorizon[] = [{ kind: 'one-day' }, { kind: 'intraday', minutes: deps.limits().var.intradayMinutes }];
    const book = valuedBook();
    if (!book.ok) {
      for (const method of METHODS) for (const h of horizons) unavailable.push({ method, horizon: horizonLabel(h), reason: book.error });
    } else {
      for (const method of METHODS) {
        for (const h of horizons) {
          if (book.value.length === 0) {
            for (const c of CONFIDENCES) rows.push({ ts, method, horizon: horizonKey(h), confidence: c, var: 0, es: 0, varLow: 0, varHigh: 0, scenarios: 0, legs: 0, worst: 'no open positions' });
            continue;
          }
          const set = scenarios(method, h, underlyingsOf(book.value));
          const r = set.ok ? portfolioVar(book.value, set.value, h, method, CONFIDENCES) : set;
          if (!r.ok) {
            unavailable.push({ method, horizon: horizonLabel(h), reason: r.error });
            continue;
          }
          for (const t of r.value.tails) {
            rows.push({ ts, method, horizon: horizonKey(h), confidence: t.confidence, var: t.var, es: t.es, varLow: t.varLow, varHigh: t.varHigh, scenarios: r.value.scenarios, legs: book.value.length, worst: r.value.worst.label });
          }
        }
      }
    }
    deps.repo.save(rows);
    latest = { ts, legs: book.ok ? book.value.length : 0, rows, unavailable };
    deps.publish(latest);
    return latest;
  }

  return {
    refresh,
    latest: (): VarSnapshot | undefined => latest,
    history: (fromMs: number): VarHistoryRow[] => deps.repo.after(fromMs),
    /** After a fill: one refresh on the clock's next turn however many fills arrive in this one. */
    onFill(): void {
      if (pending) return;
      pending = deps.clock.setTimer(deps.clock.now(), () => {
        pending = undefined;
        refresh();
      });
    },
    start(): void {
      schedule ??= deps.clock.setInterval(deps.limits().var.refreshSeconds * 1000, refresh);
    },
    stop(): void {
      schedule?.cancel();
      pending?.cancel();
      schedule = pending = undefined;
    },
    /** The one-day set for the pre-trade VaR check, over the underlyings of the book and of the order. */
    checkScenarios(method: VarMethod, underlyings: readonly string[]): Result<MarketScenario[], string> {
      return scenarios(method, { kind: 'one-day' }, underlyings);
    },
    stressInputs(): Result<StressInputs, string> {
      const v = vix();
      return v === undefined ? err('no India VIX quote or stored close') : ok({ vixNow: v, history: deps.history() });
    },
    stressReport(): Result<StressReport, string> {
      const book = valuedBook();
      if (!book.ok) return book;
      const inputs = this.stressInputs();
      if (!inputs.ok) return inputs;
      const ts = deps.clock.now();
      return ok(runStress(book.value, stressCatalog({ legs: book.value, ts, ...inputs.value }), ts));
    },
  };
}

export type VarService = ReturnType<typeof createVarService>;
