import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SimClock } from '#core/clock';
import { silentLogger } from '#core/log';
import { istToEpoch } from '#core/time-ist';
import { DEFAULT_CONFIG } from '#config/defaults';
import type { Config } from '#config/schema';
import { botId, instrumentId, intentId, type BotId, type InstrumentId } from '#model/ids';
import type { Intent } from '#model/intent';
import type { StructureLegSpec } from '#model/structure';
import { createSimulatorFeed } from '#market/feeds/simulator/simulator-feed';
import { tableSpecs } from '#options/contract-specs';
import { nextExpiry } from '#options/expiry';
import { optionInstrumentId } from '#options/option-symbol';
import { openStore, type Store } from '#store/database';
import { startWalCheckpointer, type WalCheckpointer } from '#store/wal-checkpointer';
import type { ConnectionService } from '../connection-service.ts';
import { createEngine, type Engine, type TradingWiring } from '../engine.ts';
import { paperTrading } from '../trading-wiring.ts';

/** Wednesday 25 Nov 2026, 10:15 IST: inside the session and every bot's entry window. */
export const SESSION_TIME = istToEpoch(2026, 11, 25, 10, 15);
export const STRADDLE_BOT: BotId = botId('short-straddle');
export const CONDOR_BOT: BotId = botId('iron-condor');
const NIFTY = instrumentId('NSE_INDEX', 'NIFTY');

/** The default limits, with room for a straddle and an iron condor side by side under the ±3 % shock. */
export const TEST_CONFIG: Config = { ...DEFAULT_CONFIG, risk: { ...DEFAULT_CONFIG.risk, shock: { ...DEFAULT_CONFIG.risk.shock, maxLoss: 200_000 } } };

export interface HarnessOptions {
  readonly dir?: string;
  readonly clock?: SimClock;
  readonly session?: string;
  readonly config?: Config;
  readonly trading?: (clock: SimClock, config: Config, dir: string) => Promise<TradingWiring> | TradingWiring;
  /** The store's WAL checkpoints on their own thread, as a booted terminal has them; default off: SQLite's own. */
  readonly walCheckpointThread?: boolean;
}

/**
 * The whole engine on real parts: a SimClock, the simulated market, the paper broker (or what `trading`
 * builds), and the store on a real SQLite file in a temp folder. `restart` stops the engine, closes the
 * store and builds a new engine on the same file, as a process restart does.
 */
export class TradingHarness {
  readonly dir: string;
  readonly clock: SimClock;
  readonly options: HarnessOptions;
  store!: Store;
  engine!: Engine;
  private checkpointer: WalCheckpointer | undefined;
  private lastNifty = Number.NaN;
  private offTick: (() => void) | undefined;

  private constructor(options: HarnessOptions) {
    this.options = options;
    this.dir = options.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'trading-engine-'));
    this.clock = options.clock ?? new SimClock(SESSION_TIME);
  }

  static async open(options: HarnessOptions = {}): Promise<TradingHarness> {
    const h = TradingHarness.create(options);
    await h.build(options.session ?? 's1');
    return h;
  }

  /** Not started yet: `build` starts it (a test that watches the start itself holds the harness first). */
  static create(options: HarnessOptions = {}): TradingHarness {
    return new TradingHarness(options);
  }

  get config(): Config {
    return this.options.config ?? TEST_CONFIG;
  }

  /** Lets pending promises run without moving the clock. */
  async flush(): Promise<void> {
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
  }

  async advance(ms: number, stepMs = 250): Promise<void> {
    const end = this.clock.now() + ms;
    while (this.clock.now() < end) {
      this.clock.advanceTo(Math.min(end, this.clock.now() + stepMs));
      await this.flush();
    }
  }

  /** Moves the clock in small steps until the promise settles (the kill switch and the order manager wait on it). */
  async until<T>(p: Promise<T>, maxMs = 30_000): Promise<T> {
    let done = false;
    void p.finally(() => (done = true));
    const end = this.clock.now() + maxMs;
    await this.flush();
    while (!done && this.clock.now() < end) await this.advance(50, 50);
    return p;
  }

  /** The option `steps` strikes from the money on NIFTY's nearest expiry. */
  option(steps: number, right: 'CE' | 'PE'): InstrumentId {
    const now = this.clock.now();
    const expiry = nextExpiry('NIFTY', now);
    const step = tableSpecs.specOn('NIFTY', expiry.date).strikeStep;
    const atm = Math.round(this.lastNifty / step) * step;
    return optionInstrumentId('NIFTY', expiry.date, atm + steps * step, right);
  }

  straddle(id = 'straddle-1'): Intent {
    return this.structure(id, STRADDLE_BOT, 'straddle', [
      { instrumentId: this.option(0, 'CE'), side: 'SELL', quantity: 65, type: 'MARKET' },
      { instrumentId: this.option(0, 'PE'), side: 'SELL', quantity: 65, type: 'MARKET' },
    ]);
  }

  ironCondor(id = 'condor-1'): Intent {
    return this.structure(id, CONDOR_BOT, 'iron-condor', [
      { instrumentId: this.option(6, 'CE'), side: 'BUY', quantity: 65, type: 'MARKET' },
      { instrumentId: this.option(3, 'CE'), side: 'SELL', quantity: 65, type: 'MARKET' },
      { instrumentId: this.option(-3, 'PE'), side: 'SELL', quantity: 65, type: 'MARKET' },
      { instrumentId: this.option(-6, 'PE'), side: 'BUY', quantity: 65, type: 'MARKET' },
    ]);
  }

  async submit(intent: Intent): Promise<void> {
    const r = await this.until(this.engine.trading.submit(intent));
    if (!r.ok) throw new Error(`${intent.intentId}: ${r.error.kind}: ${r.error.message}`);
    await this.flush();
  }

  async restart(session: string): Promise<void> {
    await this.stop();
    await this.build(session);
  }

  async close(): Promise<void> {
    await this.stop();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  private async stop(): Promise<void> {
    this.offTick?.();
    await this.engine.stop();
    await this.checkpointer?.stop();
    await this.store.close();
  }

  async build(session: string): Promise<void> {
    const opened = openStore(path.join(this.dir, 'terminal.sqlite'), this.clock.now());
    if (!opened.ok) throw new Error(opened.error.message);
    this.store = opened.value;
    this.checkpointer = this.options.walCheckpointThread ? startWalCheckpointer(this.store, { logger: silentLogger() }) : undefined;
    const feed = createSimulatorFeed({ clock: this.clock, seed: 7, warmupSessions: 0 });
    const trading = this.options.trading ? await this.options.trading(this.clock, this.config, this.dir) : paperTrading(this.config, this.clock, session, true);
    this.engine = createEngine({
      clock: this.clock,
      feed,
      instruments: feed.instruments(),
      store: this.store,
      config: this.config,
      logger: silentLogger(),
      version: 'test',
      // The OpenAlgo connection profile is not part of trading.
      connection: {} as ConnectionService,
      trading: { ...trading, session },
    });
    this.offTick = this.engine.events.subscribe('tick', (t) => {
      if (t.instrumentId === NIFTY) this.lastNifty = t.ltp;
    });
    await this.engine.start();
    // Two grid seconds: the first brings spot, the second India VIX and so the first priced chains.
    await this.advance(3000);
  }

  private structure(id: string, bot: BotId, kind: 'straddle' | 'iron-condor', legs: StructureLegSpec[]): Intent {
    return { kind: 'enter-structure', intentId: intentId(id), botId: bot, structure: kind, product: 'NRML', legs, policy: { kind: 'unwind', legTimeoutMs: 30_000 }, reason: 'test entry' };
  }
}
