import { Bus } from '#core/bus';
import type { Clock, TimerHandle } from '#core/clock';
import type { Logger } from '#core/log';
import { err, ok } from '#core/result';
import type { Config } from '#config/schema';
import { instrumentId, type InstrumentId } from '#model/ids';
import type { Instrument } from '#model/instrument';
import type { Feed, FeedStatus } from '#market/feed';
import type { Store } from '#store/database';
import { sessionAt } from '#calendar/nse-calendar';
import { createBotManager } from './bot-manager.ts';
import type { ConnectionService } from './connection-service.ts';
import type { EngineApi, EngineEvents, EngineStatus } from './engine-api.ts';
import { createMarketData } from '#market/market-data';

/** Closed bars kept per instrument and timeframe: a little over five sessions of 1-minute bars. */
const CHART_HISTORY = 2000;

export interface EngineDeps {
  readonly clock: Clock;
  readonly feed: Feed;
  /** The instruments the engine follows on this feed. */
  readonly instruments: readonly Instrument[];
  readonly store: Store;
  readonly config: Config;
  readonly logger: Logger;
  readonly version: string;
  readonly connection: ConnectionService;
}

export interface Engine extends EngineApi {
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The composition root. It holds no Electron, no HTTP and no knowledge of which shell runs it; the
 * shells differ only in the clock, feed and broker they pass in.
 */
export function createEngine(deps: EngineDeps): Engine {
  const { clock, feed, logger, config } = deps;
  const events = new Bus<EngineEvents>((topic, e) => logger.error({ err: e, topic }, 'engine event handler failed'));
  const ids = deps.instruments.map((i) => i.id);
  const marketData = createMarketData({ clock, capacity: CHART_HISTORY });
  marketData.onBar((bar) => events.publish('bar', bar));
  const known = new Set<InstrumentId>(ids);
  const bots = createBotManager(events);
  const chartInstrument: InstrumentId = ids.includes(config.ui.chartInstrument as InstrumentId)
    ? (config.ui.chartInstrument as InstrumentId)
    : (ids[0] ?? instrumentId('NSE_INDEX', 'NIFTY'));
  const unsubscribers: (() => void)[] = [];
  let heartbeat: TimerHandle | undefined;

  const status = (): EngineStatus => ({
    version: deps.version,
    mode: config.mode,
    now: clock.now(),
    marketOpen: sessionAt(clock.now()) !== undefined,
    feedName: feed.name,
    feed: feed.status(),
    chartInstrument,
  });

  return {
    events,
    status,
    instruments: () => deps.instruments,
    bars(id, timeframe) {
      if (!known.has(id)) return undefined;
      const forming = marketData.forming(id, timeframe);
      const closed = marketData.view(id).bars(timeframe, CHART_HISTORY);
      return forming ? [...closed, forming] : closed;
    },
    formingBar: (id, timeframe) => (known.has(id) ? marketData.forming(id, timeframe) : undefined),
    bots: bots.list,
    startBot: bots.start,
    stopBot: bots.stop,
    connection: () => deps.connection.profile(),
    saveConnection: (input) => deps.connection.save(input),
    testConnection: (input) => deps.connection.test(input),
    reconnectFeed() {
      if (!feed.reconnect) return err({ kind: 'not-available', message: `the ${feed.name} feed does not reconnect: it runs inside the terminal` });
      const state = feed.status().state;
      if (state === 'idle' || state === 'stopped') return err({ kind: 'invalid-state', message: `the ${feed.name} feed is ${state}: there is nothing to reconnect` });
      logger.info({ feed: feed.name, from: state }, 'feed reconnect requested');
      feed.reconnect();
      return ok(feed.status());
    },

    async start() {
      unsubscribers.push(
        marketData.attach(feed),
        feed.onTick((tick) => events.publish('tick', tick)),
        feed.onStatus((s: FeedStatus) => {
          logger.info({ feed: feed.name, state: s.state, message: s.message }, 'feed status');
          events.publish('feed-status', s);
        }),
      );
      feed.subscribe(ids, 'quote');
      await feed.start();
      heartbeat = clock.setInterval(1000, () => events.publish('heartbeat', status()));
      logger.info({ mode: config.mode, feed: feed.name, instruments: ids.length }, 'engine started');
    },

    async stop() {
      heartbeat?.cancel();
      for (const u of unsubscribers.splice(0)) u();
      await feed.stop();
      logger.info('engine stopped');
    },
  };
}
