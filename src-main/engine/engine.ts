import { Bus } from '#core/bus';
import type { Clock, TimerHandle } from '#core/clock';
import type { Logger } from '#core/log';
import type { Config } from '#config/schema';
import { instrumentId, type InstrumentId } from '#model/ids';
import type { Instrument } from '#model/instrument';
import type { Feed, FeedStatus } from '#market/feed';
import type { Store } from '#store/database';
import { sessionAt } from '#calendar/nse-calendar';
import { createBotManager } from './bot-manager.ts';
import type { ConnectionService } from './connection-service.ts';
import type { EngineApi, EngineEvents, EngineStatus } from './engine-api.ts';
import { createMarketData } from './market-data.ts';

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
  const marketData = createMarketData(ids, events);
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
    bars: (id, timeframe) => (timeframe === '1m' ? marketData.bars(id) : undefined),
    bots: bots.list,
    startBot: bots.start,
    stopBot: bots.stop,
    connection: () => deps.connection.profile(),
    saveConnection: (input) => deps.connection.save(input),
    testConnection: (input) => deps.connection.test(input),

    async start() {
      unsubscribers.push(
        feed.onTick((tick) => {
          marketData.onTick(tick);
          events.publish('tick', tick);
        }),
        feed.onStatus((s: FeedStatus) => {
          logger.info({ feed: feed.name, state: s.state, message: s.message }, 'feed status');
          events.publish('feed-status', s);
        }),
      );
      feed.subscribe(ids, 'quote');
      await feed.start();
      heartbeat = clock.setInterval(1000, () => {
        marketData.advanceTime(clock.now());
        events.publish('heartbeat', status());
      });
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
