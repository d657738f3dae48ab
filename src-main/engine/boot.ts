import path from 'node:path';
import type { Clock } from '#core/clock';
import type { Logger } from '#core/log';
import { err, ok, type Result } from '#core/result';
import { loadConfig, type ConfigError } from '#config/config-file';
import type { Config } from '#config/schema';
import type { Feed } from '#market/feed';
import { createSimulatorFeed } from '#market/feeds/simulator/simulator-feed';
import type { Instrument } from '#model/instrument';
import { DATABASE_FILE_NAME, openStore, type Store, type StoreError } from '#store/database';
import { createEngine, type Engine } from './engine.ts';
import { createPacedClock, type PacedClock } from './paced-clock.ts';
import { nextOpenIfClosed, simulationStart } from './simulation-time.ts';

export interface BootOptions {
  readonly dataDir: string;
  readonly version: string;
  readonly logger: Logger;
  /** The wall time at boot; the only place a shell's real clock enters the engine's world. */
  readonly wallNowMs: number;
  /** Simulation speed for this run only (the saved config is not changed). */
  readonly speed?: number;
}

export interface BootedEngine {
  readonly engine: Engine;
  readonly config: Config;
  readonly store: Store;
  readonly configFile: string;
  /** Starts the engine and, in simulation, the paced clock. */
  start(): Promise<void>;
  shutdown(): Promise<void>;
}

export type BootError = ConfigError | StoreError | { kind: 'mode-unavailable'; message: string };

interface MarketWiring {
  readonly clock: Clock;
  readonly feed: Feed;
  readonly instruments: readonly Instrument[];
  readonly paced?: PacedClock;
}

function simulationWiring(config: Config, wallNowMs: number): MarketWiring {
  const paced = createPacedClock({ startMs: simulationStart(wallNowMs), speed: config.simulation.speed, skipTo: nextOpenIfClosed });
  const feed = createSimulatorFeed({ clock: paced.clock, seed: config.simulation.seed, warmupSessions: config.simulation.warmupSessions });
  return { clock: paced.clock, feed, instruments: feed.instruments(), paced };
}

/**
 * Builds a runnable engine from a data folder: config, store, clock and feed for the configured mode.
 * Shared by the Electron and headless shells so the two cannot drift apart.
 */
export function bootEngine(options: BootOptions): Result<BootedEngine, BootError> {
  const { dataDir, logger } = options;
  const loaded = loadConfig(dataDir, String(options.wallNowMs));
  if (!loaded.ok) return loaded;
  const config: Config = options.speed === undefined ? loaded.value.config : { ...loaded.value.config, simulation: { ...loaded.value.config.simulation, speed: options.speed } };
  if (loaded.value.created) logger.info({ file: loaded.value.file }, 'wrote the default configuration');
  if (config.mode !== 'simulation') {
    return err({
      kind: 'mode-unavailable',
      message: `mode "${config.mode}" needs the OpenAlgo connection, which this build cannot trade through yet; set "mode": "simulation" in ${loaded.value.file}`,
    });
  }
  const opened = openStore(path.join(dataDir, DATABASE_FILE_NAME), options.wallNowMs);
  if (!opened.ok) return opened;
  const store = opened.value;
  if (store.migration.applied.length > 0) logger.info({ from: store.migration.from, to: store.migration.to }, 'database migrated');

  const wiring = simulationWiring(config, options.wallNowMs);
  const engine = createEngine({ clock: wiring.clock, feed: wiring.feed, instruments: wiring.instruments, store, config, logger, version: options.version });
  return ok({
    engine,
    config,
    store,
    configFile: loaded.value.file,
    async start() {
      await engine.start();
      wiring.paced?.start();
    },
    async shutdown() {
      wiring.paced?.stop();
      await engine.stop();
      await store.close();
    },
  });
}
