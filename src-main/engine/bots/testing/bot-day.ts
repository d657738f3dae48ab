import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SimClock } from '#core/clock';
import { silentLogger, type Logger } from '#core/log';
import { istDateFromKey } from '#core/time-ist';
import { DEFAULT_CONFIG } from '#config/defaults';
import type { Config } from '#config/schema';
import { UNDERLYINGS } from '#market/feeds/simulator/instruments';
import { createSimulatorFeed } from '#market/feeds/simulator/simulator-feed';
import { openStore, type Store } from '#store/database';
import { startWalCheckpointer, type WalCheckpointer } from '#store/wal-checkpointer';
import type { ConnectionService } from '#engine/connection-service';
import { createEngine, type Engine, type EngineDeps } from '#engine/engine';
import { paperTrading } from '#engine/trading-wiring';

export const BOT_IDS = ['short-straddle', 'iron-condor', 'volatility-expander', 'momentum-rider'] as const;

/** Limits that let the four bots trade NIFTY and BANKNIFTY side by side; every check still runs. */
export const DAY_CONFIG: Config = {
  ...DEFAULT_CONFIG,
  risk: {
    ...DEFAULT_CONFIG.risk,
    capital: 5_000_000,
    dailyLoss: { limit: 100_000, action: 'reducing', flatten: false },
    dayDrawdown: { limit: 150_000, action: 'reducing', flatten: false },
    shock: { ...DEFAULT_CONFIG.risk.shock, maxLoss: 400_000 },
    greeks: { ...DEFAULT_CONFIG.risk.greeks, maxDeltaLots: 10, maxGammaLots: 10, maxVega: 60_000, maxTheta: 60_000 },
    stacking: { maxDeltaLots: 10, maxVega: 60_000 },
    defaultBot: { capital: 1_000_000, maxPositions: 4, maxLots: 16, entryWindow: { start: '09:30', end: '15:00' } },
  },
};

/**
 * Per-bot settings for the simulated day (seed 8, 25 Nov 2026): India VIX sits near the 40th percentile
 * of its year, so with the documented defaults the straddle (IV percentile > 72) and the expander (< 30)
 * cannot qualify on the day the condor does (40–70), and the momentum rider's rules alone score under its
 * 0.65 line without an ML model. These thresholds let every bot's path run; everything else is default.
 */
export const DAY_SETTINGS: Readonly<Record<(typeof BOT_IDS)[number], object>> = {
  'short-straddle': { params: { ivPercentileMin: 20 } },
  'iron-condor': { params: { ivPercentileMin: 10, ivPercentileMax: 90, atrPctMax: 2, narrowBandwidthPct: 8 } },
  'volatility-expander': {
    params: { ivPercentileMax: 90, ivRankMax: 90, bandwidthMaxPct: 4, atrMaxPct: 1.5, kcK: 3, capitalPerTradePct: 5, maxDeployedPerDayPct: 20, minDaysToExpiry: 6, maxDaysToExpiry: 40 },
  },
  'momentum-rider': { params: { minMovePct: 0.15, riskPct: 3, minCombinedScore: 0.5 } },
};

export interface BotDayOptions {
  /** The data folder (a restart opens the same one); default a fresh temp folder. */
  readonly dir?: string;
  /** The IST trading day, YYYY-MM-DD. */
  readonly day: string;
  /** Minutes after 09:15 the engine starts at (a restart starts later the same day). */
  readonly startMinute?: number;
  readonly seed: number;
  /** Tags the run's ids; two runs with the same session and seed give identical ids. */
  readonly session: string;
  readonly config?: Config;
  readonly warmupSessions?: number;
  readonly dailyHistorySessions?: number;
  readonly logger?: Logger;
  readonly definitions?: EngineDeps['botDefinitions'];
  /** The simulated underlyings; default NIFTY and BANKNIFTY, the two the bots trade (half the engine's work of all four). */
  readonly underlyings?: readonly string[];
  /** The ML models' shipped folder (the engine then runs them, as a booted terminal does); default none: rule-based stand-ins. */
  readonly shippedModels?: string;
  /** The store's WAL checkpoints on their own thread, as a booted terminal has them; default off: SQLite's own. */
  readonly walCheckpointThread?: boolean;
}

/** The project's shipped default models. */
export const SHIPPED_MODELS = path.join(import.meta.dirname, '..', '..', '..', '..', 'resources', 'models');

/**
 * A whole engine on a simulated trading day: the SimClock, the simulator with its warm-up and seeded
 * daily history, the paper broker and the store on a real SQLite file. The clock moves a second at a
 * time with pending promises let through in between, so the order path runs as it does live.
 */
export class BotDay {
  readonly dir: string;
  readonly clock: SimClock;
  readonly open: number;
  readonly store: Store;
  readonly engine: Engine;
  private readonly checkpointer: WalCheckpointer | undefined;

  private constructor(dir: string, clock: SimClock, open: number, store: Store, engine: Engine, checkpointer: WalCheckpointer | undefined) {
    this.dir = dir;
    this.clock = clock;
    this.open = open;
    this.store = store;
    this.engine = engine;
    this.checkpointer = checkpointer;
  }

  static async start(o: BotDayOptions): Promise<BotDay> {
    const dir = o.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'bot-day-'));
    const open = istDateFromKey(o.day) + (9 * 60 + 15) * 60_000;
    const clock = new SimClock(open + (o.startMinute ?? 0) * 60_000);
    const opened = openStore(path.join(dir, 'terminal.sqlite'), clock.now());
    if (!opened.ok) throw new Error(opened.error.message);
    const checkpointer = o.walCheckpointThread ? startWalCheckpointer(opened.value, { logger: o.logger ?? silentLogger() }) : undefined;
    const config = o.config ?? DAY_CONFIG;
    const names = o.underlyings ?? ['NIFTY', 'BANKNIFTY'];
    const feed = createSimulatorFeed({ clock, seed: o.seed, warmupSessions: o.warmupSessions ?? 5, dailyHistorySessions: o.dailyHistorySessions ?? 250, underlyings: UNDERLYINGS.filter((u) => names.includes(u.name)) });
    const engine = createEngine({
      clock,
      feed,
      instruments: feed.instruments(),
      store: opened.value,
      config,
      logger: o.logger ?? silentLogger(),
      version: 'test',
      connection: {} as ConnectionService,
      trading: paperTrading(config, clock, o.session, true),
      dailyHistory: () => feed.dailyHistory(),
      ...(o.definitions ? { botDefinitions: o.definitions } : {}),
      ...(o.shippedModels ? { models: { shippedDir: o.shippedModels, modelsDir: path.join(dir, 'models') } } : {}),
    });
    await engine.start();
    const d = new BotDay(dir, clock, open, opened.value, engine, checkpointer);
    await d.settle();
    return d;
  }

  /** Applies `DAY_SETTINGS` (or the given ones) and starts every bot; throws on a refusal. */
  startBots(settings: Readonly<Record<string, object>> = DAY_SETTINGS): void {
    for (const id of BOT_IDS) {
      const set = this.engine.setBotParams(id, settings[id] ?? {});
      if (!set.ok) throw new Error(`${id}: ${set.error.message}`);
      const started = this.engine.startBot(id);
      if (!started.ok) throw new Error(`${id}: ${started.error.message}`);
    }
  }

  /** Lets pending promises (the order path) run without moving the clock. */
  async settle(): Promise<void> {
    for (let i = 0; i < 8; i++) await new Promise((r) => setImmediate(r));
  }

  /** Moves the clock to `minute` minutes after 09:15, one engine second at a time. */
  async runTo(minute: number, onMinute?: (minute: number) => void | Promise<void>): Promise<void> {
    const end = this.open + minute * 60_000;
    while (this.clock.now() < end) {
      const next = Math.min(end, this.clock.now() + 1000);
      this.clock.advanceTo(next);
      await this.settle();
      if (onMinute && next % 60_000 === 0) await onMinute((next - this.open) / 60_000);
    }
  }

  /** Moves the clock a second at a time until the promise settles (the kill switch waits on fills). */
  async until<T>(p: Promise<T>, maxMs = 60_000): Promise<T> {
    let done = false;
    void p.finally(() => (done = true));
    const end = this.clock.now() + maxMs;
    await this.settle();
    while (!done && this.clock.now() < end) {
      this.clock.advanceTo(this.clock.now() + 1000);
      await this.settle();
    }
    return p;
  }

  async close(remove = true): Promise<void> {
    await this.engine.stop();
    await this.checkpointer?.stop();
    await this.store.close();
    if (remove) fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
