import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { WallClock, type Clock } from '#core/clock';
import type { Logger } from '#core/log';
import { err, ok, type Result } from '#core/result';
import { loadConfig, saveConfig, type ConfigError } from '#config/config-file';
import type { Config } from '#config/schema';
import type { Feed } from '#market/feed';
import { createOpenAlgoFeed } from '#market/feeds/openalgo/openalgo-feed';
import { openAlgoHistorySource } from '#market/feeds/openalgo/openalgo-history-source';
import type { HistorySource } from '#market/history/history-loader';
import { createOpenAlgoClient } from '#openalgo/client';
import { warnAggregated } from '#openalgo/aggregated-reporter';
import { indexInstrument, UNDERLYINGS, VIX_INSTRUMENT } from '#market/feeds/simulator/instruments';
import { createSimulatorFeed } from '#market/feeds/simulator/simulator-feed';
import type { Bar } from '#model/bar';
import type { Instrument } from '#model/instrument';
import { sessionAt } from '#calendar/nse-calendar';
import { DATABASE_FILE_NAME, openStore, type Store, type StoreError } from '#store/database';
import { startWalCheckpointer } from '#store/wal-checkpointer';
import { createConnectionService } from './connection-service.ts';
import { createSettingsService } from './settings-service.ts';
import { prepareDataDir, type DataDirError } from './data-dir.ts';
import { createEngine, type Engine, type TradingWiring } from './engine.ts';
import { openAlgoChainSource, type ChainSource } from './charting/openalgo-chains.ts';
import { DEFAULT_CHAIN_POLL } from './charting/chain-poller.ts';
import { DEFAULT_CHAIN_STREAM, type ChainStreamConnect } from './charting/chain-stream.ts';
import { createOpenAlgoWsClient } from '#openalgo/ws-client';
import { createPacedClock, type PacedClock } from './paced-clock.ts';
import { withSecretRedaction, type SecretStore } from './secrets.ts';
import { acquireTerminalLock, type LockError, type TerminalLock } from './terminal-lock.ts';
import { nextOpenIfClosed, simulationSeed, simulationStart } from './simulation-time.ts';
import { chooseBroker, openAlgoTrading, paperTrading } from './trading-wiring.ts';
import { createEngineRelay } from './mode/engine-relay.ts';
import { createModeSwitcher, type ModeRuntime as SwitchRuntime } from './mode/mode-switcher.ts';

type ModeRuntime = SwitchRuntime & { readonly clock: Clock };

export interface BootOptions {
  readonly dataDir: string;
  readonly version: string;
  readonly logger: Logger;
  /** The wall time at boot; the only place a shell's real clock enters the engine's world. */
  readonly wallNowMs: number;
  /** Where the OpenAlgo API key is kept: the OS keychain in Electron, a 0600 file headless. */
  readonly secrets: SecretStore;
  /** Simulation speed for this run only (the saved config is not changed). */
  readonly speed?: number;
  /**
   * Simulation only: the simulated market starts as if the wall clock read this instant (serve's
   * `--sim-start`), so a demo or a test sees the same day of the week, expiry or not, whenever it runs.
   */
  readonly simulationStartMs?: number;
  /** The app's shipped ML models; default `resources/models` of the project (two folders above this file and above out/main alike). */
  readonly shippedModelsDir?: string;
  /** The store's WAL checkpoint thread script: the bundle's `checkpoint-thread.js` in the app; default its source (store/wal-checkpointer.ts). */
  readonly checkpointThread?: string;
}

export interface BootedEngine {
  /** The engine of the mode running now: a switch between simulation and paper replaces it behind this object. */
  readonly engine: Engine;
  readonly config: Config;
  readonly store: Store;
  readonly configFile: string;
  /** The running engine's clock (simulated in simulation): what shells measure engine-time lags on. */
  readonly clock: Clock;
  /** Starts the engine and, in simulation, the paced clock. */
  start(): Promise<void>;
  shutdown(): Promise<void>;
}

export type BootError = DataDirError | LockError | ConfigError | StoreError | { kind: 'mode-unavailable'; message: string };

interface MarketWiring {
  readonly clock: Clock;
  readonly feed: Feed;
  readonly instruments: readonly Instrument[];
  readonly paced?: PacedClock;
  /** Chart history when the feed connects (OpenAlgo's /history); the simulator makes its own warm-up. */
  readonly historySource?: HistorySource;
  /** Daily bars from before the feed's own history (the simulator's seeded year), for the bots. */
  readonly dailyHistory?: () => readonly Bar[];
  /** Option chains where the market does not price them: OpenAlgo's /optionchain. */
  readonly chainSource?: ChainSource;
  /** The WebSocket those chains' legs near the money stream on between polls. */
  readonly chainStream?: ChainStreamConnect;
}

/**
 * Sessions of daily bars the simulation seeds before its warm-up: a year, so the sellers' IV percentile
 * (India VIX standing in for ATM IV) and daily ATR read a full window from the first minute.
 */
const SIMULATED_DAILY_HISTORY = 250;

function simulationWiring(config: Config, wallNowMs: number): MarketWiring {
  const startMs = simulationStart(wallNowMs);
  const paced = createPacedClock({ startMs, speed: config.simulation.speed, skipTo: nextOpenIfClosed });
  const feed = createSimulatorFeed({ clock: paced.clock, seed: simulationSeed(config.simulation.seed, startMs), warmupSessions: config.simulation.warmupSessions, dailyHistorySessions: SIMULATED_DAILY_HISTORY });
  return { clock: paced.clock, feed, instruments: feed.instruments(), paced, dailyHistory: () => feed.dailyHistory() };
}

const chainPollMs = (config: Config): number => config.openalgo.chainPollMs ?? DEFAULT_CHAIN_POLL.cadenceMs;
const chainStreamLegs = (config: Config): number => config.openalgo.chainStreamLegs ?? DEFAULT_CHAIN_STREAM.maxLegs;

/**
 * Paper and live modes: real market data from OpenAlgo on the wall clock. After a broker logout the feed
 * waits in *expired* and a REST ping once a minute tells it when to come back.
 */
function openAlgoWiring(config: Config, apiKey: string, logger: Logger): MarketWiring {
  const clock = new WallClock();
  const rest = createOpenAlgoClient({ host: config.openalgo.baseUrl, apiKey, clock, timeoutMs: config.openalgo.timeoutMs, readRetries: 0 });
  const feed = createOpenAlgoFeed({
    clock,
    url: config.openalgo.wsUrl,
    apiKey,
    isMarketOpen: (t) => sessionAt(t) !== undefined,
    sessionProbe: async () => (await rest.ping({})).ok,
    reportFrameProblems: warnAggregated(logger, 'message', 'OpenAlgo feed frame rejected', 'OpenAlgo feed frames rejected'),
    reportRefusal: (r) =>
      logger.warn({ instrument: `${r.exchange}:${r.symbol}`, action: r.action, mode: r.mode, code: r.code, message: r.message }, `OpenAlgo refused to ${r.action} an instrument: no ticks for it until the next reconnect`),
  });
  // Its own client: a chain request never waits longer than the poll's cadence, whatever the configured timeout.
  const chains = createOpenAlgoClient({ host: config.openalgo.baseUrl, apiKey, clock, timeoutMs: Math.min(config.openalgo.timeoutMs, chainPollMs(config)), readRetries: 0 });
  // Its own socket too: the feed unsubscribes a leg nobody holds any more, which must not end a chain's stream.
  const chainStream: ChainStreamConnect = (report) =>
    createOpenAlgoWsClient({ url: config.openalgo.wsUrl, apiKey, clock, isMarketOpen: (t) => sessionAt(t, 'fno') !== undefined, sessionProbe: async () => (await rest.ping({})).ok, ...report });
  return {
    clock,
    feed,
    instruments: [...UNDERLYINGS.map(indexInstrument), VIX_INSTRUMENT],
    historySource: openAlgoHistorySource(rest),
    chainSource: openAlgoChainSource(chains),
    ...(chainStreamLegs(config) > 0 ? { chainStream } : {}),
  };
}

/**
 * Builds a runnable engine from a data folder: config, store, clock and feed for the configured mode.
 * Shared by the Electron and headless shells so the two cannot drift apart. The folder is made private
 * and locked first (one terminal per folder); the lock is released when boot fails or on shutdown.
 */
export async function bootEngine(options: BootOptions): Promise<Result<BootedEngine, BootError>> {
  const { dataDir, logger } = options;
  const prepared = prepareDataDir(dataDir);
  if (!prepared.ok) return prepared;
  for (const t of prepared.value.tightened) logger.warn({ path: t.path, was: t.was }, 'others could read this; its permissions were tightened to owner-only');
  for (const t of prepared.value.untightened) logger.warn({ path: t.path, mode: t.was }, 'others can read this and its permissions cannot be changed on this file system');
  const lock = acquireTerminalLock(dataDir, options.wallNowMs);
  if (!lock.ok) return lock;
  try {
    const booted = await bootLocked(options, withSecretRedaction(options.secrets), lock.value);
    if (!booted.ok) lock.value.release();
    return booted;
  } catch (e) {
    lock.value.release();
    throw e;
  }
}

interface ModeContext {
  readonly options: BootOptions;
  readonly secrets: SecretStore;
  readonly configFile: string;
}

type ModeParts = { readonly wiring: MarketWiring; readonly trading: TradingWiring };

/** The clock, feed and broker of the configured mode; nothing is started. */
async function modeParts(config: Config, ctx: ModeContext): Promise<Result<ModeParts, BootError>> {
  const { logger, dataDir } = ctx.options;
  const choice = chooseBroker(config.mode, config.execution.broker, ctx.configFile);
  if (!choice.ok) return err({ kind: 'mode-unavailable', message: choice.error });
  // Tags every order, intent and finding id of this run, so two runs never mint the same id.
  const session = randomBytes(4).toString('hex');
  if (config.mode === 'simulation') {
    const wiring = simulationWiring(config, ctx.options.simulationStartMs ?? ctx.options.wallNowMs);
    return ok({ wiring, trading: paperTrading(config, wiring.clock, session, true) });
  }
  const key = await ctx.secrets.readApiKey();
  if (!key.ok) return err({ kind: 'mode-unavailable', message: key.error.message });
  if (!key.value) {
    return err({
      kind: 'mode-unavailable',
      message: `${config.mode} mode needs an OpenAlgo API key: save one in the Connection panel (simulation mode) or in ${ctx.secrets.description}, or set "mode": "simulation" in ${ctx.configFile}`,
    });
  }
  const wiring = openAlgoWiring(config, key.value, logger);
  if (choice.value === 'paper') return ok({ wiring, trading: paperTrading(config, wiring.clock, session, false) });
  const client = createOpenAlgoClient({ host: config.openalgo.baseUrl, apiKey: key.value, clock: wiring.clock, timeoutMs: config.openalgo.timeoutMs });
  const connected = await openAlgoTrading({ client, clock: wiring.clock, session, choice: choice.value, baseUrl: config.openalgo.baseUrl, dataDir, logger });
  if (!connected.ok) return err({ kind: 'mode-unavailable', message: connected.error });
  return ok({ wiring, trading: connected.value });
}

async function bootLocked(options: BootOptions, secrets: SecretStore, lock: TerminalLock): Promise<Result<BootedEngine, BootError>> {
  const { dataDir, logger } = options;
  const loaded = loadConfig(dataDir, String(options.wallNowMs));
  if (!loaded.ok) return loaded;
  if (loaded.value.created) logger.info({ file: loaded.value.file }, 'wrote the default configuration');
  const forRun = (c: Config): Config => (options.speed !== undefined ? { ...c, simulation: { ...c.simulation, speed: options.speed } } : c);
  const config: Config = forRun(loaded.value.config);
  const ctx: ModeContext = { options, secrets, configFile: loaded.value.file };

  const first = await modeParts(config, ctx);
  if (!first.ok) return first;

  const opened = openStore(path.join(dataDir, DATABASE_FILE_NAME), options.wallNowMs);
  if (!opened.ok) return opened;
  const store = opened.value;
  if (store.migration.applied.length > 0) logger.info({ from: store.migration.from, to: store.migration.to }, 'database migrated');
  // A simulation faster than real time writes the WAL without a pause: the thread's rounds then cost more
  // than they save (three e2e specs at 30× took 64 s with SQLite's own checkpoints, 68–74 s with the
  // thread), and SQLite's own checkpoints stay.
  const accelerated = config.mode === 'simulation' && config.simulation.speed > 1;
  const checkpointer = accelerated ? undefined : startWalCheckpointer(store, { logger, ...(options.checkpointThread ? { threadFile: options.checkpointThread } : {}) });

  let current = config;
  const saveCurrent = (next: Config) => {
    const persisted = { ...next, simulation: loaded.value.config.simulation };
    const r = saveConfig(dataDir, persisted);
    if (r.ok) current = { ...next };
    return r;
  };
  const connection = createConnectionService({
    clock: new WallClock(),
    logger,
    secrets,
    config: () => current,
    saveConfig: (next) => saveCurrent(next),
  });
  const models = { shippedDir: options.shippedModelsDir ?? path.join(import.meta.dirname, '..', '..', 'resources', 'models'), modelsDir: path.join(dataDir, 'models') };

  /** One mode's engine on the shared store, connection and settings file. */
  const assemble = (runConfig: Config, parts: ModeParts): ModeRuntime => {
    const { wiring, trading } = parts;
    // The connection panel and the settings screen save through one copy, so neither undoes the other's change.
    const settings = createSettingsService({ runningMode: runConfig.mode, runningRisk: runConfig.risk, configFile: loaded.value.file, dataDir, secrets, config: () => current, saveConfig: (next) => saveCurrent(next) });
    const engine = createEngine({ clock: wiring.clock, feed: wiring.feed, instruments: wiring.instruments, store, config: runConfig, logger, version: options.version, connection, trading, settings, ...(wiring.historySource ? { historySource: wiring.historySource } : {}), ...(wiring.dailyHistory ? { dailyHistory: wiring.dailyHistory } : {}), ...(wiring.chainSource ? { chainSource: wiring.chainSource, chainPoll: { cadenceMs: chainPollMs(runConfig) } } : {}), ...(wiring.chainStream ? { chainStream: { connect: wiring.chainStream, settings: { maxLegs: chainStreamLegs(runConfig) } } } : {}), models });
    return {
      mode: runConfig.mode,
      engine,
      clock: wiring.clock,
      async start() {
        await engine.start();
        wiring.paced?.start();
      },
      async stop() {
        wiring.paced?.stop();
        await engine.stop();
      },
    };
  };

  let runtime = assemble(config, first.value);
  const switcher = createModeSwitcher({
    logger,
    current: () => runtime,
    // A switch starts the other mode as a restart would: from the configuration as saved now.
    build: async (mode) => {
      const runConfig = forRun({ ...current, mode });
      const parts = await modeParts(runConfig, ctx);
      return parts.ok ? ok(assemble(runConfig, parts.value)) : parts;
    },
    adopt: (next) => {
      runtime = next;
      relay.replace(next.engine);
    },
    probeOpenAlgo: () => connection.test({}),
    probeAccount: async () => {
      const tested = await connection.test({});
      if (!tested.ok) return tested;
      if (tested.value.analyzeMode === true) return err({ message: 'OpenAlgo runs in analyze mode (its sandbox): switch it to live in OpenAlgo first, or stay in paper' });
      return ok({ broker: tested.value.broker, host: new URL(current.openalgo.baseUrl).host, availableCash: tested.value.availableCash });
    },
  });
  const relay = createEngineRelay(runtime.engine, { setMode: (mode) => switcher.setMode(mode), live: switcher.live });
  return ok({
    engine: relay.engine,
    config,
    store,
    configFile: loaded.value.file,
    get clock() {
      return runtime.clock;
    },
    start: () => runtime.start(),
    async shutdown() {
      try {
        await switcher.settled();
        await runtime.stop();
        await checkpointer?.stop();
        await store.close();
      } finally {
        lock.release();
      }
    },
  });
}
