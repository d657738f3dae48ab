import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Logger } from '#core/log';
import { DEFAULT_CONFIG } from '#config/defaults';
import { instrumentId, type InstrumentId } from '#model/ids';
import type { EquityInstrument } from '#model/instrument';
import { createSimulatorFeed } from '#market/feeds/simulator/simulator-feed';
import { openStore } from '#store/database';
import type { ConnectionService } from '../connection-service.ts';
import { createEngine, type Engine } from '../engine.ts';
import { createPacedClock } from '../paced-clock.ts';
import { simulationStart } from '../simulation-time.ts';
import { paperTrading } from '../trading-wiring.ts';
import { createSyntheticFeed, mergeFeeds } from './synthetic-feed.ts';

export interface UiLoadOptions {
  /** Instruments in all, the simulated market's nine included. */
  readonly instruments: number;
  /** Ticks per second across all instruments. */
  readonly ticksPerSecond: number;
  readonly wallNowMs: number;
  readonly logger: Logger;
  /** Sessions of warm-up history (the bench keeps it short: it measures the screen, not the boot). */
  readonly warmupSessions?: number;
}

export interface UiLoad {
  readonly engine: Engine;
  /** Ticks the whole feed sent since start (the simulated market's and the synthetic ones). */
  ticksSent(): number;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The engine the UI benchmark drives: the simulated market (indices, India VIX, futures, option chains)
 * plus synthetic instruments up to `instruments`, the synthetic ones making up the rest of `ticksPerSecond`,
 * on a paced clock in a session, with the paper broker and a store in a temporary folder.
 */
export function createUiLoadEngine(options: UiLoadOptions): UiLoad {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ui-bench-'));
  const paced = createPacedClock({ startMs: simulationStart(options.wallNowMs), speed: 1 });
  const clock = paced.clock;
  const sim = createSimulatorFeed({ clock, seed: DEFAULT_CONFIG.simulation.seed, warmupSessions: options.warmupSessions ?? 2 });
  const simInstruments = sim.instruments();
  const extraCount = Math.max(0, options.instruments - simInstruments.length);
  const extra: EquityInstrument[] = Array.from({ length: extraCount }, (_, i) => {
    const symbol = `SYN${String(i + 1).padStart(2, '0')}`;
    return { kind: 'equity', id: instrumentId('NSE', symbol), symbol, exchange: 'NSE', tickSize: 0.05, lotSize: 1 };
  });
  // The simulated market sends one tick per instrument per second at speed 1.
  const syntheticRate = Math.max(1, options.ticksPerSecond - simInstruments.length);
  const synthetic = createSyntheticFeed({ clock, instruments: extra.map((e, i) => ({ id: e.id, price: 200 + 37 * i })), ticksPerSecond: syntheticRate, seed: 7 });
  const extraIds = new Set<InstrumentId>(extra.map((e) => e.id));
  let simTicks = 0;
  sim.onTick(() => simTicks++);
  const feed = mergeFeeds(sim, synthetic, extraIds);
  const opened = openStore(path.join(dir, 'terminal.sqlite'), options.wallNowMs);
  if (!opened.ok) throw new Error(opened.error.message);
  const store = opened.value;
  const config = { ...DEFAULT_CONFIG, simulation: { ...DEFAULT_CONFIG.simulation, warmupSessions: options.warmupSessions ?? 2 } };
  const engine = createEngine({
    clock,
    feed,
    instruments: [...simInstruments, ...extra],
    store,
    config,
    logger: options.logger,
    version: 'bench',
    // The connection panel is not part of this load.
    connection: { profile: async () => ({ ok: true, value: { baseUrl: config.openalgo.baseUrl, wsUrl: config.openalgo.wsUrl, hasApiKey: false, keyStorage: 'nowhere (benchmark)' } }) } as unknown as ConnectionService,
    trading: paperTrading(config, clock, 'bench', true),
  });
  let warm = 0;
  return {
    engine,
    ticksSent: () => simTicks - warm + synthetic.sent(),
    async start() {
      await engine.start();
      warm = simTicks;
      paced.start();
    },
    async stop() {
      paced.stop();
      await engine.stop();
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
