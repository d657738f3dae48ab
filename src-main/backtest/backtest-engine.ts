import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SimClock } from '#core/clock';
import { silentLogger, type Logger } from '#core/log';
import { err, ok, type Result } from '#core/result';
import { DEFAULT_CONFIG } from '#config/defaults';
import { riskConfigSchema } from '#config/risk-schema';
import type { Config } from '#config/schema';
import { UNDERLYINGS } from '#market/feeds/simulator/instruments';
import { createSimulatorFeed } from '#market/feeds/simulator/simulator-feed';
import { openStore, type Store } from '#store/database';
import { PaperBroker } from '#execution/brokers/paper/paper-broker';
import type { ConnectionService } from '#engine/connection-service';
import { createEngine, type Engine, type TradingWiring } from '#engine/engine';
import { fillQuotes } from './fill-quotes.ts';
import { nextBarBroker } from './timed-broker.ts';
import type { BacktestError, BacktestRequest } from './types.ts';

/** The session tag of every id a backtest makes: fixed, so the same request gives the same ids. */
const SESSION = 'bt';

export interface BacktestEngine {
  readonly clock: SimClock;
  readonly engine: Engine;
  readonly config: Config;
  close(): Promise<void>;
}

/** The engine's configuration for a request: defaults, the request's risk changes, its capital. */
export function backtestConfig(request: BacktestRequest): Result<Config, BacktestError> {
  const risk = riskConfigSchema.safeParse({ ...request.risk, capital: request.capital });
  if (!risk.success) {
    const message = risk.error.issues.map((i) => `risk.${i.path.join('.')}: ${i.message}`).join('; ');
    return err({ kind: 'invalid-request', message });
  }
  const seed = request.data.kind === 'simulator' ? request.data.seed : DEFAULT_CONFIG.simulation.seed;
  return ok({ ...DEFAULT_CONFIG, mode: 'simulation', risk: risk.data, simulation: { ...DEFAULT_CONFIG.simulation, seed, warmupSessions: request.warmupSessions } });
}

/**
 * The paper broker as the backtest configures it: the fill model's slippage, latency and seed, its quotes
 * adjusted for the spread and partial-fill models, behind the next-bar delay when asked.
 */
function backtestTrading(request: BacktestRequest, config: Config, clock: SimClock): TradingWiring {
  const f = request.fills;
  return {
    session: SESSION,
    simulatedOptions: true,
    broker: ({ quotes, instruments }) => {
      const adjusted = fillQuotes(quotes, f, (id) => instruments.tradable(id)?.tickSize ?? 0.05);
      const paper = new PaperBroker({
        clock,
        quotes: adjusted,
        instruments,
        config: { cash: config.risk.capital, seed: request.seed, slippage: f.slippage, randomSlippageTicks: f.randomSlippageTicks, latencyMs: f.latencyMs },
      });
      const broker = f.timing === 'next-bar' ? nextBarBroker(paper, clock) : paper;
      return { broker, close: () => paper.close(), seed: (snapshot) => paper.restore(snapshot) };
    },
  };
}

/**
 * The live engine on a simulated clock starting at `startMs`, the seeded simulator (with its warm-up
 * sessions and a year of daily bars for the bots' daily studies) and the paper broker, on a scratch
 * SQLite file that `close` removes.
 */
export async function openBacktestEngine(request: BacktestRequest, startMs: number, o: { workDir?: string; logger?: Logger }): Promise<Result<BacktestEngine, BacktestError>> {
  const data = request.data;
  if (data.kind !== 'simulator') return err({ kind: 'invalid-request', message: 'this build replays the simulator only: the history cache as a backtest source is not wired yet' });
  const config = backtestConfig(request);
  if (!config.ok) return config;
  const dir = fs.mkdtempSync(path.join(o.workDir ?? os.tmpdir(), 'backtest-'));
  const remove = (): void => fs.rmSync(dir, { recursive: true, force: true });
  const clock = new SimClock(startMs);
  const opened = openStore(path.join(dir, 'backtest.sqlite'), clock.now());
  if (!opened.ok) {
    remove();
    return err({ kind: 'engine', message: `cannot open the backtest's scratch database in ${dir}: ${opened.error.message}` });
  }
  const store: Store = opened.value;
  const feed = createSimulatorFeed({
    clock,
    seed: data.seed,
    warmupSessions: request.warmupSessions,
    dailyHistorySessions: 250,
    underlyings: UNDERLYINGS.filter((u) => (request.underlyings as readonly string[]).includes(u.name)),
  });
  const engine = createEngine({
    clock,
    feed,
    instruments: feed.instruments(),
    store,
    config: config.value,
    logger: o.logger ?? silentLogger(),
    version: 'backtest',
    // A backtest never connects to OpenAlgo: nothing calls the connection service.
    connection: {} as ConnectionService,
    trading: backtestTrading(request, config.value, clock),
    dailyHistory: () => feed.dailyHistory(),
  });
  await engine.start();
  return ok({
    clock,
    engine,
    config: config.value,
    close: async () => {
      await engine.stop();
      await store.close();
      remove();
    },
  });
}
