import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SimClock } from '#core/clock';
import { silentLogger } from '#core/log';
import { DEFAULT_CONFIG } from '#config/defaults';
import { createMarketData } from '#market/market-data';
import { createSimulatorFeed } from '#market/feeds/simulator/simulator-feed';
import { instrumentsFrom } from '#execution/instruments';
import { QuoteBook } from '#execution/quotes';
import { openStore } from '#store/database';
import { createMarketScreens, type MarketScreens } from '../charting/market-screens.ts';
import type { ConnectionService } from '../connection-service.ts';
import { createEngine, type Engine } from '../engine.ts';
import { paperTrading } from '../trading-wiring.ts';

/** The real engine on the simulated market with `warmupSessions` of history, its store in a temp folder. */
export async function openMarketEngine(clock: SimClock, warmupSessions: number): Promise<{ engine: Engine; close(): Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'market-engine-'));
  const opened = openStore(path.join(dir, 'terminal.sqlite'), clock.now());
  if (!opened.ok) throw new Error(opened.error.message);
  const store = opened.value;
  const feed = createSimulatorFeed({ clock, seed: 5, warmupSessions });
  const engine = createEngine({
    clock,
    feed,
    instruments: feed.instruments(),
    store,
    config: DEFAULT_CONFIG,
    logger: silentLogger(),
    version: 'test',
    // The OpenAlgo connection profile plays no part in the market screens.
    connection: {} as ConnectionService,
    trading: paperTrading(DEFAULT_CONFIG, clock, 'mkt', true),
  });
  await engine.start();
  return {
    engine,
    async close() {
      await engine.stop();
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Market screens over empty parts: for tests of other channels that still need the engine's shape. */
export function emptyMarketScreens(clock: SimClock): MarketScreens {
  return createMarketScreens({
    marketData: createMarketData({ clock }),
    quotes: new QuoteBook(),
    registry: instrumentsFrom([]),
    feedInstruments: [],
    r: DEFAULT_CONFIG.risk.rate,
    simulatedOptions: true,
    capacity: 100,
    subscribeFeed: () => {},
    publishTick: () => {},
  });
}
