import { Bus } from '#core/bus';
import type { Clock, TimerHandle } from '#core/clock';
import type { Logger } from '#core/log';
import { err, ok } from '#core/result';
import type { Config } from '#config/schema';
import type { Bar } from '#model/bar';
import { isTerminal } from '#model/order';
import { instrumentId, type InstrumentId } from '#model/ids';
import type { Instrument } from '#model/instrument';
import type { Feed, FeedStatus } from '#market/feed';
import type { Store } from '#store/database';
import { sessionAt } from '#calendar/nse-calendar';
import { tableSpecs, type Underlying } from '#options/contract-specs';
import type { Broker } from '#execution/broker';
import { QuoteBook } from '#execution/quotes';
import { paperQuoteLimit } from '#execution/brokers/paper/paper-config';
import { createBotService, type BotService, type BotServiceDeps } from './bots/bot-service.ts';
import { createRiskAnalytics, riskAnalyticsChecks } from './var/risk-analytics.ts';
import type { VarService } from './var/var-service.ts';
import { createEngineModels, type ModelDirs, type ModelsApi } from './bots/engine-models.ts';
import type { ConnectionService } from './connection-service.ts';
import type { EngineTuning } from './engine-tuning.ts';
import type { EngineApi, EngineEvents, EngineStatus } from './engine-api.ts';
import { createMarketData } from '#market/market-data';
import { InstrumentRegistry } from './trading/instrument-registry.ts';
import { createMarketView } from './trading/market-view.ts';
import { SimOptionQuotes, type ChainVolSource } from './trading/sim-option-quotes.ts';
import type { TradingSetup } from './trading/trading-api.ts';
import { createTradingCore, type TradingCore } from './trading/trading-core.ts';
import { createMarketScreens } from './charting/market-screens.ts';
import type { ChainPoller, ChainPollSettings } from './charting/chain-poller.ts';
import type { ChainSource } from './charting/openalgo-chains.ts';
import { createPolledChains, type PolledChainsDeps } from './charting/polled-chains.ts';
import type { SettingsService } from './settings-service.ts';
import { createSettingsCommands } from './settings-commands.ts';
import { createHistoryBackfill } from './charting/history-backfill.ts';
import { createSessionBarRecorder } from './charting/session-bar-recorder.ts';
import { createDataJobs } from './data-jobs.ts';
import { StoreFaults } from './store-faults.ts';
import { createBarHistoryList } from '#market/history/bar-history-list';
import { createSqliteBarCache } from '#market/history/bar-cache';
import type { HistorySource } from '#market/history/history-loader';

/** Closed bars kept per instrument and timeframe: 21 sessions of 1-minute bars (the simulation's warm-up is 20). */
const CHART_HISTORY = 8000;

/** The broker the shell chose, built once the engine's quote book and instrument registry exist. */
export interface TradingWiring extends Omit<TradingSetup, 'broker'> {
  readonly broker: (parts: { readonly quotes: QuoteBook; readonly instruments: InstrumentRegistry }) => { readonly broker: Broker; close?(): void; seed?: TradingSetup['seedBroker'] };
  /** Option quotes priced from the simulated market (simulation); otherwise the feed quotes what is held. */
  readonly simulatedOptions: boolean;
  /** With simulated options, false prices only legs held or worked, and chains asked for; 'for-iv-recorder' the nearest too when the IV recorder reads them at a close (`SimOptionQuotesOptions.quoteNearest`). */
  readonly quoteNearestChains?: boolean | 'for-iv-recorder';
  /** With simulated options, vols for some chains in place of the model surface (a backtest's imported bhavcopies). */
  readonly chainVols?: ChainVolSource;
}

/** What the engine needs from its shell; `EngineTuning` adds what a backtest's engine does less of. */
export interface EngineDeps extends EngineTuning {
  readonly clock: Clock;
  readonly feed: Feed;
  /** The instruments the engine follows on this feed. */
  readonly instruments: readonly Instrument[];
  readonly store: Store;
  readonly config: Config;
  readonly logger: Logger;
  readonly version: string;
  readonly connection: ConnectionService;
  readonly trading: TradingWiring;
  /** The settings screen's service; absent in shells and tests without a config file. */
  readonly settings?: SettingsService;
  /** Where charts get their history when the feed connects (OpenAlgo's /history outside simulation). */
  readonly historySource?: HistorySource;
  /** Closed daily bars from before the feed's own history (the simulation's seeded year), for the bots. */
  readonly dailyHistory?: () => readonly Bar[];
  /**
   * Where option chains come from when the market does not price them (OpenAlgo's /optionchain in paper
   * and live mode): polled into the shared chains the bots and the chain panel read. Ignored in simulation.
   */
  readonly chainSource?: ChainSource;
  readonly chainPoll?: Partial<ChainPollSettings>;
  /** With a chain source: the WebSocket the legs near the money stream on between polls (paper and live). */
  readonly chainStream?: PolledChainsDeps['stream'];
  /** Strategies replacing this build's for some bots (a variant under test). */
  readonly botDefinitions?: BotServiceDeps['definitions'];
  /** Where the ML models are; without it the bots run on the rule-based stand-ins (no ML source, rule regime). */
  readonly models?: ModelDirs;
}

export interface Engine extends EngineApi {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** The trading side with its parts, for the shells' own wiring and for tests. */
  readonly core: TradingCore;
  /** In simulation: the option chains priced each second, the quotes the paper broker fills against. */
  readonly simulatedChains?: Pick<SimOptionQuotes, 'onChain'>;
  /** The bot manager with its parts, for the shells' own wiring, tests and the bench. */
  readonly botManager: BotService;
  /** Outside simulation, with a chain source: each polled option chain's state (for tests and diagnostics). */
  readonly chainPolling?: Pick<ChainPoller, 'status'>;
  /** The ML layer (status, promotion with hot reload, rollback, import, retrain), when the engine was given models. */
  readonly models?: ModelsApi;
}

/**
 * The composition root. It holds no Electron, no HTTP and no knowledge of which shell runs it; the
 * shells differ only in the clock, feed and broker they pass in.
 */
export function createEngine(deps: EngineDeps): Engine {
  const { clock, feed, logger, config } = deps;
  const events = new Bus<EngineEvents>((topic, e) => logger.error({ err: e, topic }, 'engine event handler failed'));
  const storeFaults = new StoreFaults({ clock, logger, report: (r) => events.publish('store-fault', r) });
  const ids = deps.instruments.map((i) => i.id);
  const marketData = createMarketData({ clock, capacity: CHART_HISTORY });
  marketData.onBar((bar) => events.publish('bar', bar));
  const known = new Set<InstrumentId>(ids);
  const chartInstrument: InstrumentId = ids.includes(config.ui.chartInstrument as InstrumentId)
    ? (config.ui.chartInstrument as InstrumentId)
    : (ids[0] ?? instrumentId('NSE_INDEX', 'NIFTY'));

  const specs = deps.trading.specs ?? tableSpecs;
  const quotes = new QuoteBook();
  const registry = new InstrumentRegistry(specs, clock);
  registry.registerAll(deps.instruments);
  // Closures below read `trading` only once the engine runs, after it is built.
  const simOptions = deps.trading.simulatedOptions
    ? new SimOptionQuotes({ quotes, registry, specs, r: config.risk.rate, watched: () => trading.portfolio.watched(), ...(deps.trading.quoteNearestChains !== undefined ? { quoteNearest: deps.trading.quoteNearestChains } : {}), ...(deps.trading.chainVols ? { chainVols: deps.trading.chainVols } : {}) })
    : undefined;
  const market = createMarketView(quotes, simOptions ? (id) => simOptions.impliedVol(id) : undefined);
  const screens = createMarketScreens({
    marketData,
    quotes,
    registry,
    feedInstruments: deps.instruments,
    r: config.risk.rate,
    simulatedOptions: deps.trading.simulatedOptions,
    capacity: CHART_HISTORY,
    subscribeFeed: (legIds) => {
      for (const id of legIds) quoted.add(id);
      // OpenAlgo's quote frames carry no bid/ask; risk's price band and the paper fill need the touch.
      feed.subscribe(legIds, 'depth');
    },
    publishTick: (tick) => events.publish('tick', tick),
    ...(simOptions ? { widenChain: simOptions.widenView } : {}),
  });
  events.subscribe('tick', screens.noteTick);
  const backfill = deps.historySource ? createHistoryBackfill(marketData, { source: deps.historySource, cache: createSqliteBarCache(deps.store.sqlite), clock, logger }) : undefined;
  simOptions?.onChain((chain) => screens.chains.applyChain(chain));
  simOptions?.onDeferredChain((chain) => screens.chains.applyDeferredChain(chain));
  // Outside simulation only: there the simulated market quotes its own chains every second.
  const polled =
    simOptions || !deps.chainSource
      ? undefined
      : createPolledChains({ clock, logger, source: deps.chainSource, instruments: deps.instruments, specs, chains: screens.chains, quotes, ...(deps.chainPoll ? { settings: deps.chainPoll } : {}), ...(deps.chainStream ? { stream: deps.chainStream } : {}) });
  const data = createDataJobs({ cache: createSqliteBarCache(deps.store.sqlite), clock, logger, ...(deps.historySource ? { historySource: deps.historySource } : {}), publish: (job) => events.publish('data-job', job) });
  const brokerParts = deps.trading.broker({ quotes, instruments: registry });
  const recorder = deps.recordSessionBars === false ? undefined : createSessionBarRecorder({
    marketData,
    quotes,
    cache: createSqliteBarCache(deps.store.sqlite),
    clock,
    logger,
    instruments: ids,
    modelQuotedLegs: simOptions !== undefined,
    storeFaults,
  });

  const varRef: { service?: VarService } = {};
  const trading: TradingCore = createTradingCore({
    clock,
    store: deps.store,
    config,
    logger,
    setup: { ...deps.trading, broker: brokerParts.broker, ...(brokerParts.seed ? { seedBroker: brokerParts.seed } : {}), extraBookChecks: riskAnalyticsChecks(() => varRef.service) },
    instruments: registry,
    quotes,
    market,
    stopBots: (reason, source) => bots.stopAll(reason, source),
    // EngineEvents extends TradingEvents: a trading topic carries the same payload on the engine's bus.
    publish: (topic, payload) => events.publish(topic, payload as unknown as EngineEvents[typeof topic]),
    wants: (topic) => events.subscriberCount(topic) > 0,
  });
  // Built after the gate whose VaR and stress checks read it (riskAnalyticsChecks binds late).
  const analytics = createRiskAnalytics({
    clock,
    sqlite: deps.store.sqlite,
    portfolio: trading.portfolio,
    market,
    limits: config.risk,
    seededDaily: () => deps.dailyHistory?.() ?? [],
    closedDaily: (id) => marketData.view(id).bars('1d', CHART_HISTORY),
    publish: (s) => events.publish('var', s),
    failed: (e) => logger.error({ err: e }, 'VaR refresh failed'),
    recordHistory: deps.recordVarHistory !== false,
    ...(deps.varYield ? { yieldTurn: deps.varYield } : {}),
    ...(deps.varOnlyForLimit ? { refreshWhen: () => config.risk.var.limit !== null } : {}),
  });
  varRef.service = analytics.service;
  const models = deps.models ? createEngineModels({ dirs: deps.models, store: deps.store, clock, marketData, logger }) : undefined;
  const bots = createBotService({
    clock,
    logger,
    config,
    store: deps.store,
    marketData,
    dailyHistory: () => deps.dailyHistory?.() ?? [],
    chains: screens.chains.cache,
    ...(simOptions ? { quoteChain: (u: Underlying, expiry: string, n: number, ts: number) => simOptions.quoteChain(u, expiry, n, ts), quoteNearest: simOptions.quoteNearestNow } : {}),
    ...(polled ? { quoteChain: (u: Underlying, expiry: string, n: number) => polled.quoteChain(u, expiry, n) } : {}),
    instruments: registry,
    specs,
    manager: trading.manager,
    portfolio: trading.portfolio,
    market,
    audit: trading.audit,
    submit: (intent) => trading.submit(intent),
    startRefusal: () => trading.botStartRefusal(),
    openingRefusal: () => trading.openingRefusal(),
    liveArmed: () => trading.status().armed,
    ...(deps.trading.margin ? { funds: () => deps.trading.margin!.available() } : {}),
    session: deps.trading.session,
    publishBot: (b) => events.publish('bot', b),
    publishSignal: (sig) => events.publish('signal', sig),
    watched: () => events.subscriberCount('bot') > 0,
    ...(deps.botDefinitions ? { definitions: deps.botDefinitions } : {}),
    ...(deps.storeFilteredSignals === false ? { storeFilteredSignals: false } : {}),
    ...(models ? { models: models.port } : {}),
    quotes,
    shadowPaper: paperQuoteLimit(deps.trading.simulatedOptions),
    shadowChecks: riskAnalyticsChecks(() => varRef.service),
    wallNow: () => performance.now(),
    storeFaults,
  });
  marketData.onBar((bar) => bots.onBar(bar));
  trading.manager.onOrderChange((c) => bots.onOrderChange(c));
  if (recorder) trading.manager.onOrderChange((c) => recorder.record(c.record.order.instrumentId));

  const unsubscribers: (() => void)[] = [];
  let heartbeat: TimerHandle | undefined;
  const quoted = new Set<InstrumentId>(ids);
  /** Outside simulation the feed must quote every instrument held or worked, or it cannot be marked or closed. */
  const quoteHeld = (): void => {
    if (simOptions) return;
    const missing = trading.portfolio.watched().filter((id) => !quoted.has(id));
    if (missing.length === 0) return;
    for (const id of missing) quoted.add(id);
    feed.subscribe(missing, 'depth');
  };

  const status = (): EngineStatus => {
    const storeFault = storeFaults.state();
    return {
      version: deps.version,
      mode: config.mode,
      now: clock.now(),
      marketOpen: sessionAt(clock.now()) !== undefined,
      feedName: feed.name,
      feed: feed.status(),
      chartInstrument,
      ...(screens.lastTickAt() !== undefined ? { lastTickAt: screens.lastTickAt() } : {}),
      ...(storeFault ? { storeFault } : {}),
    };
  };

  return {
    events,
    core: trading,
    trading,
    botManager: bots,
    ...(models ? { models: models.api } : {}),
    ...(simOptions ? { simulatedChains: simOptions } : {}),
    ...(polled ? { chainPolling: polled.poller } : {}),
    status,
    instruments: () => deps.instruments,
    market: screens,
    bars(id, timeframe) {
      if (!known.has(id) && !screens.follow(id, clock.now())) return undefined;
      const forming = marketData.forming(id, timeframe);
      const closed = marketData.view(id).bars(timeframe, CHART_HISTORY);
      // A feed whose clock lags the engine's can reopen a minute the clock already closed: the closed bar stands.
      const last = closed[closed.length - 1];
      return forming && (!last || forming.tsStart > last.tsStart) ? [...closed, forming] : closed;
    },
    formingBar: (id, timeframe) => (known.has(id) || screens.follow(id, clock.now()) ? marketData.forming(id, timeframe) : undefined),
    bots: bots.list,
    startBot: (botId) => bots.start(botId),
    stopBot: (botId) => bots.stop(botId),
    pauseBot: (botId) => bots.pause(botId),
    resumeBot: (botId) => bots.resume(botId),
    botParams: (botId) => bots.params(botId),
    validateBotParams: (botId, change) => bots.validate(botId, change),
    setBotParams: (botId, change) => bots.configure(botId, change),
    signals: (limit, botId) => bots.signals(limit, botId),
    ...createSettingsCommands({
      connection: deps.connection,
      settings: deps.settings,
      audit: trading.audit,
      book: () => ({ positions: trading.positions().positions.length, workingOrders: trading.orders().filter((o) => !isTerminal(o.order.status)).length }),
    }),
    data: { ...data, history: createBarHistoryList(deps.store.sqlite) },
    riskAnalytics: analytics.api,
    shadow: bots.shadow,
    reconnectFeed() {
      if (!feed.reconnect) return err({ kind: 'not-available', message: `the ${feed.name} feed does not reconnect: it runs inside the terminal` });
      const state = feed.status().state;
      if (state === 'idle' || state === 'stopped') return err({ kind: 'invalid-state', message: `the ${feed.name} feed is ${state}: there is nothing to reconnect` });
      logger.info({ feed: feed.name, from: state }, 'feed reconnect requested');
      feed.reconnect();
      return ok(feed.status());
    },

    async start() {
      recorder?.start();
      unsubscribers.push(
        marketData.attach(backfill ? backfill.view(feed) : feed),
        feed.onTick((tick) => events.publish('tick', tick)),
        feed.onStatus((s: FeedStatus) => {
          logger.info({ feed: feed.name, state: s.state, message: s.message }, 'feed status');
          events.publish('feed-status', s);
        }),
      );
      if (backfill) {
        backfill.hold(ids);
        unsubscribers.push(backfill.follow(feed).off);
      }
      feed.subscribe(ids, 'quote');
      await feed.start();
      // After the feed's history burst: quotes, option chains and the risk day follow the live part only.
      let feedState = feed.status().state;
      unsubscribers.push(
        feed.onTick((tick) => {
          quotes.applyTick(tick);
          simOptions?.onTick(tick);
          // The two that write: a refused write loses that tick's part of them, never the feed (its timer or
          // socket handler would die with the throw) nor the rest of the tick's work.
          try {
            trading.onTick(tick);
          } catch (e) {
            if (!storeFaults.absorb(e, 'a tick', 'the risk state is written with a later tick')) throw e;
          }
          try {
            bots.onTick(tick);
          } catch (e) {
            if (!storeFaults.absorb(e, "a bot's tick", "that tick's evaluation was not kept (the bot evaluates the next)")) throw e;
          }
          polled?.onTick(tick);
        }),
        trading.manager.onOrderChange(quoteHeld),
        feed.onStatus((s: FeedStatus) => {
          const recovered = s.state === 'connected' && feedState !== 'connected';
          feedState = s.state;
          if (recovered) trading.recovered().catch((e: unknown) => logger.error({ err: e }, 'reconciliation after a feed recovery failed'));
        }),
      );
      polled?.start();
      await trading.start();
      unsubscribers.push(events.subscribe('fill', () => analytics.service.onFill()));
      analytics.service.start();
      models?.start();
      if (models) {
        unsubscribers.push(
          trading.manager.onOrderChange((c) => {
            if (c.fill && c.record.order.botId) models.onFill(c.fill, c.record.order.botId);
          }),
        );
      }
      // After the order manager resumed and reconciled: the bots pick up from a settled book.
      bots.restore();
      quoteHeld();
      heartbeat = clock.setInterval(deps.heartbeatMs ?? 1000, () => {
        if (events.subscriberCount('heartbeat') > 0) events.publish('heartbeat', status());
        storeFaults.guard('the heartbeat', 'the risk state is written with a later second', () => trading.heartbeat());
        storeFaults.guard("the bots' heartbeat", 'tried again the next second', () => bots.heartbeat());
        if (models) storeFaults.guard("the models' heartbeat", 'tried again the next second', () => models.tick());
      });
      logger.info({ mode: config.mode, feed: feed.name, broker: brokerParts.broker.name, instruments: ids.length }, 'engine started');
    },

    async stop() {
      heartbeat?.cancel();
      recorder?.stop();
      // A chain answer landing after this would write quotes into a book nobody trades on any more.
      await polled?.stop();
      // A chart history load still running would write its bars into the store that closes after this.
      await backfill?.close();
      analytics.service.stop();
      // A VaR refresh runs in slices over turns of the loop: it ends before the store closes under it.
      while (analytics.service.busy()) await new Promise((r) => setImmediate(r));
      for (const u of unsubscribers.splice(0)) u();
      await bots.shutdown();
      models?.close();
      trading.stop();
      brokerParts.close?.();
      await feed.stop();
      logger.info('engine stopped');
    },
  };
}
