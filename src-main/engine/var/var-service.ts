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
import { monteCarloDraws, type ReturnModel } from '#risk/var/monte-carlo';
import { varRun, type VarMethod } from '#risk/var/portfolio-var';
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
  /** Save each refresh's rows in `repo` (default true); false keeps only the latest snapshot. */
  readonly recordHistory?: boolean;
  readonly publish: (s: VarSnapshot) => void;
  /** Lets the engine's loop run between slices of a refresh (default: the next turn, setImmediate). */
  readonly yieldTurn?: () => Promise<void>;
  /** Scenarios drawn or repriced per slice before the loop gets a turn. */
  readonly slice?: number;
  /** A refresh run by the schedule or after a fill failed (it is not retried until the next one). */
  readonly failed?: (e: unknown) => void;
  /**
   * Whether the schedule's and the fills' refreshes run now (default: always). False skips them; a refresh
   * asked for by name (`refresh`) still runs.
   */
  readonly refreshWhen?: () => boolean;
}

const horizonKey = (h: VarHorizon): string => (h.kind === 'one-day' ? '1d' : `${h.minutes}m`);

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Ends a refresh that was running when the service stopped (the store may be closing). */
export class VarServiceStopped extends Error {}

/**
 * Portfolio VaR in the engine. Scenario sets are built once per day (historical; Monte Carlo also again
 * whenever India VIX has moved half a point); the book is revalued over them on a schedule and after
 * fills (coalesced into one run). A refresh never holds the engine's loop: Monte Carlo draws and every
 * revaluation go in slices, each followed by a turn of the loop, so ticks, bars and orders go on while
 * it runs; every figure is stored and published at its end. The pre-trade VaR check never builds a set:
 * it reads the one-day set the last refresh left over the same underlyings, so it is as stale as that
 * refresh (at most `var.refreshSeconds`, less after a fill; a Monte Carlo set may start from a VIX up to
 * half a point and one refresh old). An order over underlyings no refresh has covered yet is refused
 * and asks for a refresh, which covers them from then on.
 */
export function createVarService(deps: VarServiceDeps) {
  const cache = new Map<string, MarketScenario[]>();
  /** The latest one-day set per method and underlyings (whatever VIX it started from): what the check reads. */
  const forCheck = new Map<string, MarketScenario[]>();
  /** Underlying sets an order asked the check for, built by the next refresh. */
  const wanted = new Set<string>();
  let cacheDay = '';
  let latest: VarSnapshot | undefined;
  let pending: TimerHandle | undefined;
  let schedule: TimerHandle | undefined;
  let running: Promise<VarSnapshot> | undefined;
  let again = false;
  let stopped = false;
  const turn = deps.yieldTurn ?? nextTurn;
  const yieldTurn = async (): Promise<void> => {
    await turn();
    if (stopped) throw new VarServiceStopped('the VaR service stopped');
  };
  const slice = deps.slice ?? 100;

  const vix = (): number | undefined => deps.vixNow() ?? deps.history().vix.at(-1)?.close;

  const checkKey = (method: VarMethod, names: readonly string[]): string => `${method}|${[...names].sort().join(',')}`;

  /** A scenario set from the day's cache, or built now: Monte Carlo in slices with a turn of the loop after each. */
  const scenarios = async (method: VarMethod, horizon: VarHorizon, underlyings: readonly string[]): Promise<Result<MarketScenario[], string>> => {
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
    let set: Result<MarketScenario[], string>;
    if (hit) set = ok(hit);
    else if (method === 'historical') set = historicalScenarios(deps.history(), names, horizon, { lookback: cfg.lookback, minScenarios: cfg.minScenarios });
    else {
      const unknown = names.filter((u) => !deps.returnModel.covers(u));
      if (v === undefined) set = err('no India VIX to start the return model from');
      else if (unknown.length > 0) set = err(`the return model does not simulate ${unknown.join(', ')}`);
      else {
        const drawn: MarketScenario[] = [];
        for (const s of monteCarloDraws(deps.returnModel, names, horizon, v, { scenarios: cfg.mcScenarios, seed: cfg.seed })) {
          drawn.push(s);
          if (drawn.length % slice === 0) await yieldTurn();
        }
        set = ok(drawn);
      }
    }
    if (set.ok) {
      cache.set(key, set.value);
      if (horizon.kind === 'one-day') forCheck.set(checkKey(method, names), set.value);
    }
    return set;
  };

  const valuedBook = (): Result<ValuedLeg[], string> => {
    const legs = bookLegsOf(deps.portfolio.book(), deps.market);
    const v = valueLegs(legs, deps.market, deps.limits().rate, deps.clock.now());
    return v.ok ? ok(v.value) : err(v.error.message);
  };

  const underlyingsOf = (legs: readonly ValuedLeg[]): string[] => [...new Set(legs.map((l) => l.underlying))];

  /** The book revalued over a set, a slice at a time. */
  const revalue = async (legs: readonly ValuedLeg[], set: readonly MarketScenario[], h: VarHorizon, method: VarMethod) => {
    const run = varRun(legs, set, h);
    if (!run.ok) return run;
    while (!run.value.step(slice)) await yieldTurn();
    return ok(run.value.figures(method, CONFIDENCES));
  };

  async function compute(): Promise<VarSnapshot> {
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
          const set = await scenarios(method, h, underlyingsOf(book.value));
          const r = set.ok ? await revalue(book.value, set.value, h, method) : set;
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
    // The sets the VaR limit may need: each underlying alone (the first order of a flat book) and what orders asked for.
    const limit = deps.limits().var.limit;
    if (limit) {
      const asked = [...wanted];
      wanted.clear();
      for (const names of [...Object.keys(deps.history().underlyings).map((u) => [u]), ...asked.map((k) => k.split(','))]) await scenarios(limit.method, { kind: 'one-day' }, names);
    }
    if (stopped) throw new VarServiceStopped('the VaR service stopped');
    if (deps.recordHistory !== false) deps.repo.save(rows);
    latest = { ts, legs: book.ok ? book.value.length : 0, rows, unavailable };
    deps.publish(latest);
    return latest;
  }

  /**
   * One refresh at a time: asked for while one runs, it runs once more after it (with the book as it is then).
   * A refresh cut short by `stop` rejects with `VarServiceStopped`.
   */
  function refresh(): Promise<VarSnapshot> {
    if (running) {
      again = true;
      return running;
    }
    const run = (async () => {
      try {
        let snap = await compute();
        while (again) {
          again = false;
          snap = await compute();
        }
        return snap;
      } finally {
        running = undefined;
        again = false;
      }
    })();
    running = run;
    return run;
  }

  /** A refresh nobody waits on: its failure goes to `failed`. */
  function background(): void {
    pending = undefined;
    if (deps.refreshWhen && !deps.refreshWhen()) return;
    refresh().catch((e: unknown) => (e instanceof VarServiceStopped ? undefined : deps.failed?.(e)));
  }

  /** After a fill or a check's miss: one refresh on the clock's next turn however many ask in this one. */
  function soon(): void {
    if (pending) return;
    pending = deps.clock.setTimer(deps.clock.now(), background);
  }

  return {
    refresh,
    latest: (): VarSnapshot | undefined => latest,
    history: (fromMs: number): VarHistoryRow[] => deps.repo.after(fromMs),
    /** Whether a refresh is running now. */
    busy: (): boolean => running !== undefined,
    onFill: soon,
    /** A refresh soon (on the clock's next turn), as after a fill. */
    requestRefresh: soon,
    start(): void {
      stopped = false;
      schedule ??= deps.clock.setInterval(deps.limits().var.refreshSeconds * 1000, background);
    },
    /** No more refreshes; one running now ends at its next slice without storing or publishing. */
    stop(): void {
      stopped = true;
      schedule?.cancel();
      pending?.cancel();
      schedule = pending = undefined;
    },
    /**
     * The one-day set for the pre-trade VaR check over the underlyings of the book and of the order, as the
     * last refresh left it; never built here (the order path does not wait on a Monte Carlo draw).
     */
    checkScenarios(method: VarMethod, underlyings: readonly string[]): Result<MarketScenario[], string> {
      const key = checkKey(method, underlyings);
      const set = forCheck.get(key);
      if (set) return ok(set);
      wanted.add([...underlyings].sort().join(','));
      soon();
      return err(`no one-day ${method} scenarios over ${[...underlyings].sort().join(', ')} yet: the next VaR refresh, starting now, builds them`);
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
