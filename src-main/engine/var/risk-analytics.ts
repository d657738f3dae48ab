import type BetterSqlite3 from 'better-sqlite3';
import type { Clock } from '#core/clock';
import { err, type Result } from '#core/result';
import { istDateKey } from '#core/time-ist';
import type { RiskConfig } from '#config/risk-schema';
import type { Bar } from '#model/bar';
import type { InstrumentId } from '#model/ids';
import type { BookCheck } from '#risk/check-context';
import { createStressCheck } from '#risk/checks/stress';
import { createVarCheck } from '#risk/checks/var';
import type { MarketView, RiskPortfolio } from '#risk/ports';
import { stressReportHtml } from '#risk/stress/report-html';
import type { StressReport } from '#risk/stress/run-stress';
import type { DailyHistory } from '#risk/var/historical';
import { horizonLabel } from '#risk/var/horizon';
import { VIX_ID } from '#market/feeds/simulator/instruments';
import { createSqliteBarCache } from '#market/history/bar-cache';
import { dailyHistoryIds, dailyHistoryOf } from './daily-history.ts';
import { simulatorReturnModel } from './simulator-returns.ts';
import { VarHistoryRepository, type VarHistoryRow } from './var-history-repository.ts';
import { createVarService, METHODS, type VarService, type VarSnapshot } from './var-service.ts';

/** What the shells may ask about VaR and stress (the bridge's risk:var and risk:stress commands). */
export interface RiskAnalyticsApi {
  varSnapshot(): VarSnapshot;
  varHistory(fromMs: number): readonly VarHistoryRow[];
  stress(): Result<StressReport, string>;
  stressHtml(): Result<string, string>;
  /** The VaR and stress settings in force (the pre-trade limits among them). */
  limits(): Pick<RiskConfig, 'var' | 'stress'>;
}

export interface RiskAnalyticsDeps {
  readonly clock: Clock;
  readonly sqlite: BetterSqlite3.Database;
  readonly portfolio: RiskPortfolio;
  readonly market: MarketView;
  readonly limits: RiskConfig;
  /** Daily bars from outside the store (the simulation's seeded year). */
  readonly seededDaily: () => readonly Bar[];
  /** Daily bars the engine closed since it started. */
  readonly closedDaily: (id: InstrumentId) => readonly Bar[];
  readonly publish: (s: VarSnapshot) => void;
  /** A scheduled VaR refresh failed. */
  readonly failed: (e: unknown) => void;
  /** Store each refresh's figures in the VaR history (default true; a backtest's scratch store does not). */
  readonly recordHistory?: boolean;
  /** Between a refresh's slices (the service's default: a turn of the event loop). */
  readonly yieldTurn?: () => Promise<void>;
  /** Whether a scheduled or fill-driven refresh runs now (`VarServiceDeps.refreshWhen`). */
  readonly refreshWhen?: () => boolean;
}

const STORED_DAILY_LIMIT = 10_000;

/** What VaR shows before its first refresh has finished. */
const firstRefresh = (ts: number, intradayMinutes: number): VarSnapshot => ({
  ts,
  legs: 0,
  rows: [],
  unavailable: METHODS.flatMap((method) =>
    [horizonLabel({ kind: 'one-day' }), horizonLabel({ kind: 'intraday', minutes: intradayMinutes })].map((horizon) => ({ method, horizon, reason: 'the first VaR refresh is running' })),
  ),
});

/**
 * VaR, stress and their pre-trade checks wired into the engine. The daily history is read once per IST
 * day (stored `1d` bars, the seeded year, the engine's own closed days) and shared by VaR and stress.
 */
export function createRiskAnalytics(deps: RiskAnalyticsDeps): { service: VarService; api: RiskAnalyticsApi } {
  const cache = createSqliteBarCache(deps.sqlite);
  let historyDay = '';
  let history: DailyHistory | undefined;
  const readHistory = (): DailyHistory => {
    const day = istDateKey(deps.clock.now());
    if (history && day === historyDay) return history;
    const stored: Bar[] = [];
    for (const id of dailyHistoryIds()) {
      for (const [tsStart, open, high, low, close, volume, oi] of cache.barRows(id, '1d', 0, deps.clock.now(), STORED_DAILY_LIMIT)) {
        stored.push({ instrumentId: id, timeframe: '1d', tsStart, open, high, low, close, volume, ...(oi !== null ? { oi } : {}), closed: true });
      }
    }
    history = dailyHistoryOf([stored, deps.seededDaily(), dailyHistoryIds().flatMap((id) => deps.closedDaily(id))]);
    historyDay = day;
    return history;
  };
  const service = createVarService({
    clock: deps.clock,
    portfolio: deps.portfolio,
    market: deps.market,
    limits: () => deps.limits,
    history: readHistory,
    vixNow: () => deps.market.mark(VIX_ID),
    returnModel: simulatorReturnModel(),
    repo: new VarHistoryRepository(deps.sqlite),
    ...(deps.recordHistory === false ? { recordHistory: false } : {}),
    publish: deps.publish,
    failed: deps.failed,
    ...(deps.yieldTurn ? { yieldTurn: deps.yieldTurn } : {}),
    ...(deps.refreshWhen ? { refreshWhen: deps.refreshWhen } : {}),
  });
  return {
    service,
    api: {
      varSnapshot: () => {
        const latest = service.latest();
        if (latest) return latest;
        service.requestRefresh();
        return firstRefresh(deps.clock.now(), deps.limits.var.intradayMinutes);
      },
      varHistory: (fromMs) => service.history(fromMs),
      stress: () => service.stressReport(),
      limits: () => ({ var: deps.limits.var, stress: deps.limits.stress }),
      stressHtml: () => {
        const r = service.stressReport();
        return r.ok ? { ok: true, value: stressReportHtml(r.value) } : r;
      },
    },
  };
}

/** The VaR and stress checks for the risk gate, reading the analytics built after the gate (late bound). */
export function riskAnalyticsChecks(current: () => VarService | undefined): BookCheck[] {
  const missing = err('the VaR service has not started');
  return [
    createVarCheck((method, underlyings) => current()?.checkScenarios(method, underlyings) ?? missing),
    createStressCheck(() => current()?.stressInputs() ?? missing),
  ];
}
