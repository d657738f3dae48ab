import type { Clock } from '#core/clock';
import { createIdGenerator } from '#core/ids';
import type { Logger } from '#core/log';
import { ok, type Result } from '#core/result';
import { istDateKey } from '#core/time-ist';
import type { Config } from '#config/schema';
import { nseCalendar } from '#calendar/nse-calendar';
import type { Bar, Tick } from '#model/bar';
import { botId as toBotId, intentId, signalId, type BotId } from '#model/ids';
import type { Intent } from '#model/intent';
import type { Signal } from '#model/signal';
import type { MarketData } from '#market/market-data';
import type { ChainCache } from '#options/chain-cache';
import type { SpecSource, Underlying } from '#options/contract-specs';
import { underlyingIndexId } from '#options/option-symbol';
import { BOT_CATALOG, type BotKind } from '#bots/catalog';
import { StudiesHub } from '#bots/context/studies';
import { VIX_ID } from '#bots/common/chain-legs';
import { botLimitsOf } from '#risk/bot-limits';
import type { MarketView, RiskPortfolio } from '#risk/ports';
import type { OrderChange } from '#execution/order-ledger';
import type { InstrumentLookup } from '#execution/instruments';
import type { QuoteSource } from '#execution/quotes';
import type { BookCheck } from '#risk/check-context';
import type { OrderManager } from '#execution/order-manager';
import type { SubmitError, SubmitOutcome } from '#execution/submit-errors';
import type { Store } from '#store/database';
import { BotStateRepository } from '#store/bot-state-repository';
import { IvHistoryRepository } from '#store/iv-history-repository';
import { SignalsRepository } from '#store/signals-repository';
import type { EngineAudit } from '../trading/engine-audit.ts';
import type { KillSource } from '../trading/kill-switch.ts';
import { BotBooks } from './bot-books.ts';
import { checkChange } from './bot-config.ts';
import { BotEvaluator, type EvaluatorDeps } from './bot-evaluator.ts';
import { BotEventLoop, type FlushReport } from './bot-event-loop.ts';
import { BotHost } from './bot-host.ts';
import { ruleModels, type BotModelsPort } from './bot-models.ts';
import { BotLifecycle } from './bot-lifecycle.ts';
import { createBotMarket } from './bot-market.ts';
import { BotRunner } from './bot-runner.ts';
import { applyPatch, defaultSettings } from './bot-settings.ts';
import { paramsView, type BotError, type BotInfo, type BotParamsView } from './bot-view.ts';
import { createBotChains } from './bot-chains.ts';
import { BOT_DEFINITIONS, type AnyBotDefinition } from './definitions.ts';
import { IvRecorder } from './iv-recorder.ts';
import { RegimeGate } from './regime-gate.ts';
import { SignalLog } from './signal-log.ts';
import { SignalOutcomes } from './signal-outcomes.ts';
import { loadStoredBots } from './stored-bots.ts';
import { botFillsReader } from '#engine/sizing/bot-fills';
import { createBotSizing } from '#engine/sizing/bot-sizing';
import { createShadowHost } from '#engine/shadow/shadow-host';
import { roundTrips } from '#risk/sizing/round-trips';

export interface BotServiceDeps {
  readonly clock: Clock;
  readonly logger: Logger;
  readonly config: Config;
  readonly store: Pick<Store, 'sqlite'>;
  readonly marketData: MarketData;
  /** Closed daily bars from before the engine's own history (the simulation's seeded year, once its feed started). */
  readonly dailyHistory: () => readonly Bar[];
  readonly chains: ChainCache;
  /** Prices a chain on request, wider or further out than the ones quoted every second (the simulated market). */
  readonly quoteChain?: (underlying: Underlying, expiry: string, strikesEachSide: number, ts: number) => boolean;
  readonly instruments: InstrumentLookup;
  readonly specs: SpecSource;
  readonly manager: Pick<OrderManager, 'orders' | 'structures' | 'positions'>;
  readonly portfolio: RiskPortfolio;
  readonly market: MarketView;
  readonly audit: EngineAudit;
  readonly submit: (intent: Intent) => Promise<Result<SubmitOutcome, SubmitError>>;
  /** Why no bot may start now (trading not started, halted), or undefined. */
  readonly startRefusal: () => string | undefined;
  /** Whether live orders may go out now (a live terminal, armed). */
  readonly liveArmed: () => boolean;
  readonly funds?: () => number | undefined;
  /** Tags the ids of this process's intents and signals (a random draw at boot, fixed in tests). */
  readonly session: string;
  /** The ML layer (each bot's `ctx.models`, the regime hook); default the rule-based stand-ins. */
  readonly models?: BotModelsPort;
  readonly publishBot: (info: BotInfo) => void;
  readonly publishSignal: (signal: Signal) => void;
  /** Whether anyone watches the bots: their P&L is refreshed each second only then. */
  readonly watched?: () => boolean;
  /** A wall clock (performance.now) to time each run of the bots on a closed-bar instant, for the bench. */
  readonly wallNow?: () => number;
  /** Strategies replacing this build's for some kinds (a backtest of a variant, a test of a faulty bot). */
  readonly definitions?: Partial<Record<BotKind, AnyBotDefinition>>;
  /** The engine's quotes: shadow variants' paper brokers fill against them (no shadow variants without). */
  readonly quotes?: QuoteSource;
  /** Book checks needing engine state (VaR, stress) that a shadow variant's risk gate runs on its own book. */
  readonly shadowChecks?: readonly BookCheck[];
}

/**
 * The bot manager: the four bots on the engine's event loop, each through the bot state machine (start,
 * pause, resume, stop; a fault moves one bot to error, the others go on), with its settings, state and
 * signals in the store and back after a restart, once the order manager has settled what the last run left.
 */
function processCpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

export function createBotService(deps: BotServiceDeps) {
  const { clock, logger, config } = deps;
  const repo = new BotStateRepository(deps.store.sqlite);
  const signals = new SignalLog(new SignalsRepository(deps.store.sqlite), deps.publishSignal);
  const ivs = new IvRecorder(new IvHistoryRepository(deps.store.sqlite), deps.chains);
  const market = createBotMarket(deps.marketData, deps.dailyHistory);
  const studies = new StudiesHub();
  const models = deps.models ?? ruleModels();
  models.attach(studies, market);
  const regime = new RegimeGate(studies, market, () => models.regime);
  const books = new BotBooks({ manager: deps.manager, portfolio: deps.portfolio, market: deps.market, limits: config.risk, funds: deps.funds ?? (() => undefined) });
  const host = new BotHost({ clock, repo, books, studies, market, regime, audit: deps.audit, publishBot: deps.publishBot });
  const riskCapital = (id: BotId): number => botLimitsOf(config.risk, id).capital;
  const chains = createBotChains({
    cache: deps.chains,
    reader: () => evaluator.current?.kind,
    specs: deps.specs,
    spot: (u) => market(underlyingIndexId(u)).lastTick()?.ltp,
    vix: () => market(VIX_ID).lastTick()?.ltp,
    ...(deps.quoteChain ? { quote: deps.quoteChain } : {}),
  });
  const botFills = botFillsReader(deps.store.sqlite);
  const sizing = createBotSizing({ instruments: deps.instruments, market: deps.market, limits: () => config.risk, tradePnls: (id) => roundTrips(botFills(id)).map((t) => t.net) });
  const outcomes = new SignalOutcomes();
  /** A refused intent's signal says so, stored and streamed again; the bot's card follows when it was the bot's last signal. */
  function amended(signal: Signal): void {
    signals.amend(signal);
    const r = host.runners.find((x) => x.botId === signal.botId);
    if (r?.lastSignal?.id === signal.id) {
      r.lastSignal = signal;
      host.publish(r);
    }
  }
  const intentIds = createIdGenerator('bint', clock, deps.session);
  const signalIds = createIdGenerator('bsig', clock, deps.session);

  /** Inside a closed-bar instant: the bots evaluated and the signals written in its one transaction, streamed once it commits. */
  let batched: { readonly runners: Set<BotRunner>; readonly signals: Signal[] } | undefined;
  /**
   * One store transaction for every hook of an instant (one commit instead of one per hook): the bots'
   * states, their signals and the order manager's records of their intents commit together, so a crash
   * keeps all of the instant or none of it, and no broker call leaves before the commit (the order path
   * reaches the broker only after an await, once this synchronous run has returned).
   */
  // Wrapped once: better-sqlite3 builds a new wrapper on each `transaction()` call, a cost per instant.
  const instantTransaction = deps.store.sqlite.transaction((hooks: () => void, runners: ReadonlySet<BotRunner>) => {
    hooks();
    for (const r of runners) host.save(r);
  });
  function batch(hooks: () => void): void {
    const current = { runners: new Set<BotRunner>(), signals: [] as Signal[] };
    batched = current;
    try {
      instantTransaction(hooks, current.runners);
    } finally {
      batched = undefined;
    }
    signals.stream(current.signals);
  }

  const hookTransaction = deps.store.sqlite.transaction((r: BotRunner, list: readonly Signal[]) => {
    host.save(r);
    signals.store(list);
    models.observe(list);
  });

  const sources = { market, studies, chain: chains, ivHistory: (u: Underlying) => ivs.history(u), specs: deps.specs, calendar: nseCalendar() };
  const size: EvaluatorDeps['size'] = (r, intents, list, opening, now) => (r.settings.sizing ? sizing(r.settings.sizing, r.botId, r.settings.allocation, intents, opening, list, now) : undefined);
  const evaluator: BotEvaluator = new BotEvaluator({
    clock,
    logger,
    sources,
    books,
    regime,
    models: (r) => models.forBot(r.botId),
    ids: { intent: () => intentId(intentIds.next()), signal: () => signalId(signalIds.next()) },
    instruments: deps.instruments,
    size,
    submit: (intent) =>
      outcomes.follow(intent.intentId, deps.submit(intent), {
        refused: (e) => logger.info({ botId: intent.botId, intentId: intent.intentId, kind: e.kind, message: e.message }, 'bot intent refused'),
        failed: (e) => {
          logger.error({ err: e, botId: intent.botId, intentId: intent.intentId }, 'bot intent failed');
          return `the order path failed: ${e instanceof Error ? e.message : String(e)} (the orders panel shows what reached the broker)`;
        },
        amended,
      }),
    persist: (r, list) => {
      if (batched) {
        // The bot's row is written once, when the instant's hooks are done (a bot may run for several bars).
        batched.runners.add(r);
        signals.store(list);
        models.observe(list);
        batched.signals.push(...list);
        outcomes.track(list);
        return;
      }
      hookTransaction(r, list);
      outcomes.track(list);
      signals.stream(list);
    },
    fault: (r, f) => lifecycle.fault(r, f),
    applyPending,
  });
  const lifecycle = new BotLifecycle({ host, evaluator: () => evaluator, logger, mode: config.mode, startRefusal: deps.startRefusal, liveArmed: deps.liveArmed });
  const flushListeners = new Set<(report: FlushReport) => void>();
  const loop = new BotEventLoop({
    clock,
    studies,
    runners: () => (shadow.runners().length > 0 ? [...host.runners, ...shadow.runners()] : host.runners),
    run: (r, e) => (shadow.owns(r) ? shadow.run(r, e) : evaluator.evaluate(r, e)),
    batch,
    // One call of the models for every underlying a running bot trades, the regime hook's inputs included, before any bot asks.
    beforeHooks: (now) => models.prepare([...new Set(host.runners.filter((r) => r.active).flatMap((r) => r.underlyings.map(underlyingIndexId)))], now, (id) => regime.indexInputs(id)),
    // Timed flushes get the process's CPU time beside the wall time: on a busy machine the two part.
    ...(deps.wallNow ? { wallNow: deps.wallNow, cpuNow: processCpuMs } : {}),
    flushed: (report) => {
      for (const l of flushListeners) l(report);
    },
    timed: () => flushListeners.size > 0,
  });

  const shadow = createShadowHost({
    clock,
    logger,
    sqlite: deps.store.sqlite,
    shared: { clock, logger, sources, regime, models: (r) => models.forBot(r.botId), instruments: deps.instruments },
    ...(deps.quotes
      ? {
          paths: {
            clock,
            logger,
            quotes: deps.quotes,
            instruments: deps.instruments,
            market: deps.market,
            limits: () => config.risk,
            specs: deps.specs,
            paper: { seed: config.simulation.seed },
            mainFile: deps.store.sqlite.name,
            session: deps.session,
            ...(deps.shadowChecks ? { extraBookChecks: deps.shadowChecks } : {}),
          },
        }
      : {}),
    limits: () => config.risk,
    realRunner: (id) => host.runners.find((r) => r.botId === id),
    require: (r) => host.require(r),
    notifyFill: (fill, id) => loop.onFill(fill, id),
    realFills: (id) => botFills(toBotId(id)),
    promote: (id, patch) => configure(id, patch, true),
    audit: (kind, payload) => deps.audit.record(kind, 'trader', payload, typeof payload.botId === 'string' ? payload.botId : undefined),
  });

  for (const d of BOT_CATALOG) {
    const id = toBotId(d.id);
    const def = deps.definitions?.[d.kind] ?? BOT_DEFINITIONS[d.kind];
    const defaults = defaultSettings(def, riskCapital(id));
    host.runners.push(new BotRunner(id, d, def, defaults, defaults.params, undefined));
  }
  const stored = loadStoredBots(repo, host.runners);
  for (const r of host.runners) host.loaded(r);

  /** A waiting parameter change takes effect once none of the bot's orders or structures is in flight. */
  function applyPending(r: BotRunner): void {
    if (!r.pending) return;
    const book = books.book(r.botId, r.settings.allocation, clock.now());
    const busy = book.openOrders.length > 0 || book.structures.some((s) => s.status === 'pending' || s.status === 'entering' || s.status === 'exiting' || s.status === 'unwinding');
    if (busy) return;
    const { params, requestedAt } = r.pending;
    r.pending = undefined;
    const next = applyPatch(r.def, r.settings, { params }, { mode: config.mode, riskCapital: riskCapital(r.botId) });
    if (!next.ok) {
      host.audit('config-change', 'engine', r, { section: 'bot', dropped: next.error.message, requestedAt });
      return;
    }
    r.setParams(next.value.settings, next.value.params);
    host.require(r);
    host.audit('config-change', 'engine', r, { section: 'bot', applied: next.value.settings.params, requestedAt });
  }

  function configure(id: string, raw: unknown, commit: boolean): Result<BotParamsView, BotError> {
    const found = host.find(id);
    if (!found.ok) return found;
    const r = found.value;
    const max = riskCapital(r.botId);
    const change = checkChange(r, raw, { mode: config.mode, riskCapital: max, books, instruments: deps.instruments });
    if (!change.ok) {
      if (commit) host.audit('config-change', 'trader', r, { section: 'bot', change: raw, refused: change.error.message });
      return change;
    }
    const { settings, params, deferred } = change.value;
    if (!commit) return ok({ ...paramsView(r, max), values: settings.params, allocation: settings.allocation, execution: settings.execution, regimes: settings.regimes });
    if (deferred) {
      r.settings = { ...settings, params: r.settings.params };
      r.pending = { params: settings.params, requestedAt: clock.now() };
    } else {
      r.setParams(settings, params);
      r.pending = undefined;
      if (r.active) host.require(r);
    }
    host.audit('config-change', 'trader', r, { section: 'bot', change: raw, ...(deferred ? { takesEffect: 'at the next evaluation with nothing in flight' } : {}) });
    host.save(r);
    host.publish(r);
    return ok(paramsView(r, max));
  }

  const withRunner = <T>(id: string, fn: (r: BotRunner) => Result<T, BotError>): Result<T, BotError> => {
    const found = host.find(id);
    return found.ok ? fn(found.value) : found;
  };

  return {
    list: (): BotInfo[] => host.runners.map((r) => host.info(r)),
    /** Shadow A/B variants of the bots (engine/shadow). */
    shadow,
    start: (id: string) => withRunner(id, (r) => lifecycle.start(r)),
    stop: (id: string) => withRunner(id, (r) => lifecycle.stop(r, 'trader', 'stopped by the trader', true)),
    pause: (id: string) => withRunner(id, (r) => lifecycle.step(r, 'pause')),
    resume: (id: string) => withRunner(id, (r) => lifecycle.step(r, 'resume')),

    /**
     * The kill switch: every bot stops at once, without its own exits (the kill switch closes the book);
     * every shadow variant stops too, and its own kill switch closes its own book.
     */
    stopAll(reason: string, source?: KillSource): string[] {
      shadow.stopAll(reason, source);
      return host.runners.filter((r) => r.lifecycle !== 'stopped' && lifecycle.stop(r, 'engine', reason, false).ok).map((r) => r.botId);
    },

    params: (id: string) => withRunner(id, (r) => ok(paramsView(r, riskCapital(r.botId)))),
    /** Checks a change without making it. */
    validate: (id: string, patch: unknown) => configure(id, patch, false),
    /** Parameters wait for the bot's next evaluation with nothing in flight; the rest applies at once. */
    configure: (id: string, patch: unknown) => configure(id, patch, true),

    signals: (limit: number, botId?: string): Signal[] => signals.recent(limit, botId === undefined ? undefined : toBotId(botId)),
    signalsBetween: (from: number, to: number): Signal[] => signals.between(from, to),

    /**
     * After the feed's history and the order manager's resume (and reconciliation): the bots that were
     * running run again with their state, and closed bars reach the bots from here on.
     */
    restore(): void {
      loop.goLive();
      for (const r of host.runners) {
        const was = stored.get(r.botId);
        if (was !== undefined) lifecycle.restore(r, was);
      }
      stored.clear();
      shadow.restore();
    },

    onBar(bar: Bar): void {
      loop.onBar(bar);
      ivs.onBar(bar, clock.now());
    },
    onTick(tick: Tick): void {
      loop.onTick(tick);
      shadow.onTick(tick);
    },
    onOrderChange(c: OrderChange): void {
      const owner = c.record.order.botId;
      if (c.fill && owner) loop.onFill(c.fill, owner);
    },

    /** Once per engine second: each bot's P&L mark at the session's start, and fresh figures for watchers. */
    heartbeat(): void {
      const now = clock.now();
      const inSession = nseCalendar().sessionAt(now, 'fno') !== undefined;
      const today = istDateKey(now);
      for (const r of host.runners) {
        if (inSession && r.dayStart?.day !== today) {
          r.dayStart = { day: today, pnl: books.pnl(r.botId).total };
          host.save(r);
        }
        if (!deps.watched || deps.watched()) host.publish(r, true);
      }
    },

    /** Runs the queued bar and fill events now (the engine's timer does it by itself). */
    flush: (): void => loop.flush(),
    /** Each run of the queue: studies and every bot's hooks for one closed-bar instant, timed when `wallNow` is given. */
    onFlushed(listener: (report: FlushReport) => void): () => void {
      flushListeners.add(listener);
      return () => void flushListeners.delete(listener);
    },
    /** Stops the event loop and closes the shadow variants' order paths and databases. */
    shutdown(): Promise<void> {
      loop.stop();
      return shadow.close();
    },
    /** A bot's P&L from its fills and the marks, for reports and tests. */
    pnl: (id: string) => books.pnl(toBotId(id)),
  };
}

export type BotService = ReturnType<typeof createBotService>;
