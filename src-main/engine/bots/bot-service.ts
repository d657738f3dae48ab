import { createIdGenerator } from '#core/ids';
import { ok, type Result } from '#core/result';
import { istDateKey } from '#core/time-ist';
import { nseCalendar } from '#calendar/nse-calendar';
import type { Bar, Tick } from '#model/bar';
import { botId as toBotId, intentId, signalId, type BotId, type InstrumentId } from '#model/ids';
import type { Signal } from '#model/signal';
import type { Underlying } from '#options/contract-specs';
import { underlyingIndexId } from '#options/option-symbol';
import { BOT_CATALOG } from '#bots/catalog';
import { StudiesHub } from '#bots/context/studies';
import { VIX_ID } from '#bots/common/chain-legs';
import { botLimitsOf } from '#risk/bot-limits';
import type { OrderChange } from '#execution/order-ledger';
import { BotStateRepository } from '#store/bot-state-repository';
import { IvHistoryRepository } from '#store/iv-history-repository';
import { SignalsRepository } from '#store/signals-repository';
import type { KillSource } from '../trading/kill-switch.ts';
import { BotBooks } from './bot-books.ts';
import { createBotConfigurator } from './bot-configure.ts';
import { BotEvaluator, type EvaluatorDeps } from './bot-evaluator.ts';
import { BotEventLoop, type FlushReport } from './bot-event-loop.ts';
import { BotHost } from './bot-host.ts';
import { ruleModels } from './bot-models.ts';
import { BotLifecycle } from './bot-lifecycle.ts';
import { createBotMarket } from './bot-market.ts';
import { BotRunner } from './bot-runner.ts';
import type { BotServiceDeps } from './bot-service-deps.ts';
import { defaultSettings } from './bot-settings.ts';
import { createBotShadows } from './bot-shadow-wiring.ts';
import { createSignalFlow } from './bot-signal-flow.ts';
import { paramsView, type BotError, type BotInfo } from './bot-view.ts';
import { createBotChains } from './bot-chains.ts';
import { BOT_DEFINITIONS } from './definitions.ts';
import { IvRecorder } from './iv-recorder.ts';
import { RegimeGate } from './regime-gate.ts';
import { SignalLog } from './signal-log.ts';
import { loadStoredBots } from './stored-bots.ts';
import { botFillsReader } from '#engine/sizing/bot-fills';
import { createBotSizing } from '#engine/sizing/bot-sizing';
import { roundTrips } from '#risk/sizing/round-trips';

export type { BotServiceDeps } from './bot-service-deps.ts';

function processCpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/**
 * The bot manager: the four bots on the engine's event loop, each through the bot state machine (start,
 * pause, resume, stop; a fault moves one bot to error, the others go on), with its settings, state and
 * signals in the store and back after a restart, once the order manager has settled what the last run left.
 */
export function createBotService(deps: BotServiceDeps) {
  const { clock, logger, config } = deps;
  const repo = new BotStateRepository(deps.store.sqlite);
  const signals = new SignalLog(new SignalsRepository(deps.store.sqlite), deps.publishSignal, { storeFiltered: deps.storeFilteredSignals !== false });
  const ivs = new IvRecorder(new IvHistoryRepository(deps.store.sqlite), deps.chains, deps.quoteNearest);
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
  const flow = createSignalFlow({ sqlite: deps.store.sqlite, logger, host, signals, models, submit: deps.submit, ...(deps.storeFaults ? { storeFaults: deps.storeFaults } : {}) });
  const { applyPending, configure } = createBotConfigurator({ clock, host, books, instruments: deps.instruments, mode: config.mode, riskCapital });
  const intentIds = createIdGenerator('bint', clock, deps.session);
  const signalIds = createIdGenerator('bsig', clock, deps.session);

  const sources = { market, studies, chain: chains, ivHistory: (u: Underlying) => ivs.history(u), specs: deps.specs, calendar: nseCalendar() };
  const size: EvaluatorDeps['size'] = (r, intents, list, opening, now) => (r.settings.sizing ? sizing(r.settings.sizing, r.botId, r.settings.allocation, intents, opening, list, now) : undefined);
  const evaluator: BotEvaluator = new BotEvaluator({
    clock,
    logger,
    sources,
    books,
    regime,
    openingRefusal: deps.openingRefusal,
    models: (r) => models.forBot(r.botId),
    ids: { intent: () => intentId(intentIds.next()), signal: () => signalId(signalIds.next()) },
    instruments: deps.instruments,
    size,
    submit: flow.submit,
    persist: flow.persist,
    fault: (r, f) => lifecycle.fault(r, f),
    applyPending,
  });
  const lifecycle = new BotLifecycle({ host, evaluator: () => evaluator, logger, mode: config.mode, startRefusal: deps.startRefusal, liveArmed: deps.liveArmed });
  const flushListeners = new Set<(report: FlushReport) => void>();
  // The index instruments of the running bots' underlyings, worked out again only when which bots run (or what they trade) changes: asked on every closed-bar instant.
  let activeLists: (readonly Underlying[])[] = [];
  let activeIds: readonly InstrumentId[] = [];
  const activeIndices = (): readonly InstrumentId[] => {
    let n = 0;
    let same = true;
    for (const r of host.runners) {
      if (!r.active) continue;
      if (activeLists[n] !== r.underlyings) same = false;
      n++;
    }
    if (same && n === activeLists.length) return activeIds;
    activeLists = host.runners.filter((r) => r.active).map((r) => r.underlyings);
    activeIds = [...new Set(activeLists.flatMap((u) => u.map(underlyingIndexId)))];
    return activeIds;
  };
  const loop = new BotEventLoop({
    clock,
    studies,
    runners: () => (shadow.runners().length > 0 ? [...host.runners, ...shadow.runners()] : host.runners),
    run: (r, e) => (shadow.owns(r) ? shadow.run(r, e) : evaluator.evaluate(r, e)),
    batch: flow.batch,
    // One call of the models for every underlying a running bot trades, the regime hook's inputs included, before any bot asks.
    beforeHooks: (now) => models.prepare(activeIndices(), now, (id) => regime.indexInputs(id)),
    // Timed flushes get the process's CPU time beside the wall time: on a busy machine the two part.
    ...(deps.wallNow ? { wallNow: deps.wallNow, cpuNow: processCpuMs } : {}),
    flushed: (report) => {
      for (const l of flushListeners) l(report);
    },
    timed: () => flushListeners.size > 0,
  });

  const shadow = createBotShadows(deps, {
    shared: { clock, logger, sources, regime, models: (r) => models.forBot(r.botId), instruments: deps.instruments },
    host,
    loop,
    realFills: botFills,
    configure: (id, patch) => configure(id, patch, true),
  });

  for (const d of BOT_CATALOG) {
    const id = toBotId(d.id);
    const def = deps.definitions?.[d.kind] ?? BOT_DEFINITIONS[d.kind];
    const defaults = defaultSettings(def, riskCapital(id));
    host.runners.push(new BotRunner(id, d, def, defaults, defaults.params, undefined));
  }
  const stored = loadStoredBots(repo, host.runners);
  for (const r of host.runners) host.loaded(r);

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
