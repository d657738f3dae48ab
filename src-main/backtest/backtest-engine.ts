import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SimClock } from '#core/clock';
import { silentLogger, type Logger } from '#core/log';
import { err, ok, type Result } from '#core/result';
import { DEFAULT_CONFIG } from '#config/defaults';
import { riskConfigSchema } from '#config/risk-schema';
import type { Config } from '#config/schema';
import type { Bar } from '#model/bar';
import type { Instrument } from '#model/instrument';
import type { Feed } from '#market/feed';
import { UNDERLYINGS } from '#market/feeds/simulator/instruments';
import { nseCalendar, type TradingSession } from '#market/session-calendar';
import { createSimulatorFeed } from '#market/feeds/simulator/simulator-feed';
import { AuditRepository } from '#store/audit-repository';
import { openStore, type Store, type StoreError } from '#store/database';
import { PaperBroker } from '#execution/brokers/paper/paper-broker';
import type { ConnectionService } from '#engine/connection-service';
import { createEngine, type Engine, type EngineDeps, type TradingWiring } from '#engine/engine';
import { BOT_DEFINITIONS } from '#engine/bots/definitions';
import { parseParams } from '#bots/contract/params';
import { fillQuotes } from './fill-quotes.ts';
import { openHistoryFeed, type HistoryFeed } from './history-source.ts';
import { importedChains, type ImportedChains } from './imported-chains.ts';
import { nextBarBroker } from './timed-broker.ts';
import type { BacktestError, BacktestRequest } from './types.ts';

/** The session tag of every id a backtest makes: fixed, so the same request gives the same ids. */
const SESSION = 'bt';

export interface BacktestEngine {
  readonly clock: SimClock;
  readonly engine: Engine;
  readonly config: Config;
  /** Sessions to play before the bots start (history replay); the simulator plays its own at start. */
  readonly warmup: readonly TradingSession[];
  /** What priced each day's option chains: imported bhavcopy smiles or the model surface. */
  readonly optionPricing: ImportedChains;
  /** The bots that went to error so far, each with the first time it did and the engine's message (the audit log's `bot:fault`). */
  faults(): ReadonlyMap<string, { readonly ts: number; readonly message: string }>;
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
function backtestTrading(request: BacktestRequest, config: Config, clock: SimClock, readsChains: boolean, chains: ImportedChains): TradingWiring {
  const f = request.fills;
  return {
    session: SESSION,
    simulatedOptions: true,
    // Chains are not priced each second: legs held or worked still are (each alone), a bot's own request prices
    // its chain as of that instant's last reprice, and where bots read chains or IV history the nearest chains
    // are priced as of the last reprice when the IV recorder reads them at the close; fills, marks, signals and
    // IV history are what they would be with every chain priced on every tick, which was a third of a four-bot
    // backtest.
    quoteNearestChains: readsChains ? 'for-iv-recorder' : false,
    chainVols: chains.source,
    // The risk ledger still writes every state, day and limit change, and at stop; but not each second's
    // peak: nothing reads a backtest's scratch store back after a restart, and that write was a tenth of its time.
    riskPersistEveryMs: Number.POSITIVE_INFINITY,
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
 * The live engine on a simulated clock and the paper broker, on a scratch SQLite file that `close`
 * removes. Its market: the seeded simulator (which plays its own warm-up sessions at start, and a year of
 * daily bars for the bots' daily studies), or the history cache replayed from `warmup`'s first open, the
 * caller driving the clock through those sessions before the bots start.
 */
export async function openBacktestEngine(
  request: BacktestRequest,
  sessions: readonly TradingSession[],
  o: { workDir?: string; logger?: Logger; botDefinitions?: EngineDeps['botDefinitions']; models?: EngineDeps['models'] },
): Promise<Result<BacktestEngine, BacktestError>> {
  const config = backtestConfig(request);
  if (!config.ok) return config;
  const data = request.data;
  const first = sessions[0]!;
  const warmup = data.kind === 'history' ? previousSessions(first.dateKey, request.warmupSessions) : [];
  const clock = new SimClock(warmup[0]?.open ?? first.open);
  let market: { feed: Feed; instruments: readonly Instrument[]; dailyHistory: () => readonly Bar[]; database?: HistoryFeed['database']; close(): void };
  if (data.kind === 'simulator') {
    const feed = createSimulatorFeed({
      clock,
      seed: data.seed,
      tickIntervalMs: data.tickMs,
      warmupSessions: request.warmupSessions,
      dailyHistorySessions: 250,
      underlyings: UNDERLYINGS.filter((u) => (request.underlyings as readonly string[]).includes(u.name)),
    });
    market = { feed, instruments: feed.instruments(), dailyHistory: () => feed.dailyHistory(), close: () => undefined };
  } else {
    const opened = openHistoryFeed(request, data, clock, clock.now(), sessions.at(-1)!.close);
    if (!opened.ok) return opened;
    const h = opened.value;
    market = { feed: h.feed, instruments: h.instruments, dailyHistory: () => h.dailyHistory, database: h.database, close: h.close };
  }
  const dir = fs.mkdtempSync(path.join(o.workDir ?? os.tmpdir(), 'backtest-'));
  const remove = (): void => {
    market.close();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  const opened = await openScratchStore(path.join(dir, 'backtest.sqlite'), clock.now());
  if (!opened.ok) {
    remove();
    return err({ kind: 'engine', message: `cannot open the backtest's scratch database in ${dir}: ${opened.error.message}` });
  }
  const store: Store = opened.value;
  // Scratch: one connection, removed at close and never read after a crash, so no write waits for the
  // disk or takes a file lock, and the rollback journal stays in memory.
  store.sqlite.pragma('locking_mode = EXCLUSIVE');
  store.sqlite.pragma('journal_mode = MEMORY');
  store.sqlite.pragma('synchronous = OFF');
  const optionPricing = importedChains({
    r: config.value.risk.rate,
    modelReason: data.kind === 'simulator' ? 'the simulated market has no imported option data' : 'the request asks for the model (optionPrices: model)',
    ...(data.kind === 'history' && data.optionPrices === 'imported' && market.database ? { database: market.database } : {}),
  });
  const engine = createEngine({
    clock,
    feed: market.feed,
    instruments: market.instruments,
    store,
    config: config.value,
    logger: o.logger ?? silentLogger(),
    version: 'backtest',
    // A backtest never connects to OpenAlgo: nothing calls the connection service.
    connection: {} as ConnectionService,
    trading: backtestTrading(request, config.value, clock, readsChains(request, o.botDefinitions), optionPricing),
    dailyHistory: market.dailyHistory,
    heartbeatMs: 60_000,
    recordSessionBars: false,
    recordVarHistory: false,
    varYield: () => Promise.resolve(),
    varOnlyForLimit: true,
    storeFilteredSignals: false,
    ...(o.botDefinitions ? { botDefinitions: o.botDefinitions } : {}),
    ...(o.models ? { models: o.models } : {}),
  });
  const started = await startOnClock(engine, clock);
  if (!started) {
    await engine.stop();
    await store.close();
    remove();
    return err({ kind: 'engine', message: 'the engine did not finish starting: its start waits on something no clock timer brings' });
  }
  return ok({
    clock,
    engine,
    config: config.value,
    warmup,
    optionPricing,
    faults: () => {
      const out = new Map<string, { ts: number; message: string }>();
      for (const e of new AuditRepository(store.sqlite).ofKind('bot:fault')) {
        if (e.subject === undefined || out.has(e.subject)) continue;
        const payload = JSON.parse(e.payload) as { message?: unknown };
        out.set(e.subject, { ts: e.ts, message: typeof payload.message === 'string' ? payload.message : 'the bot went to error' });
      }
      return out;
    },
    close: async () => {
      await engine.stop();
      await store.close();
      remove();
    },
  });
}

/** An empty store with every migration applied, as SQLite's bytes: made once per process (or thread). */
let migratedTemplate: Buffer | undefined;

/**
 * A backtest's scratch store, its file started from the migrated template: running every migration on
 * each new file was most of an engine's start, paid again by each trial of a sweep.
 */
async function openScratchStore(file: string, nowMs: number): Promise<Result<Store, StoreError>> {
  if (!migratedTemplate) {
    const made = openStore(':memory:', 0);
    if (!made.ok) return made;
    migratedTemplate = made.value.sqlite.serialize();
    await made.value.close();
  }
  try {
    fs.writeFileSync(file, migratedTemplate);
  } catch (e) {
    return err({ kind: 'store-open-failed', file, message: `cannot write the backtest's scratch database ${file}: ${(e as Error).message}` });
  }
  return openStore(file, nowMs);
}

/**
 * Starts the engine, moving the clock from timer to timer while the start waits on it: its first reads of
 * the paper broker's books take the fill model's latency in engine time, as they would in a live start.
 * False when the start waits with no timer left to bring it on.
 */
async function startOnClock(engine: Engine, clock: SimClock): Promise<boolean> {
  let done = false;
  const start = engine.start();
  const finished = (): void => {
    done = true;
  };
  start.then(finished, finished);
  for (;;) {
    await new Promise((r) => setImmediate(r));
    if (done) break;
    const next = clock.nextTimerAt();
    if (next === undefined) return false;
    clock.advanceTo(Math.max(next, clock.now()));
  }
  await start;
  return true;
}

/**
 * Whether a requested bot reads option chains or IV history (which the IV recorder takes from the chains
 * priced at each close). A bot whose parameters do not parse counts as a reader: the engine refuses it later.
 */
export function readsChains(request: BacktestRequest, replaced: EngineDeps['botDefinitions']): boolean {
  return request.bots.some((b) => {
    const def = replaced?.[b.id] ?? BOT_DEFINITIONS[b.id];
    const params = parseParams(def.params, b.params);
    if (!params.ok) return true;
    const req = def.requirements(params.value);
    return req.chains.length > 0 || req.ivHistory.length > 0;
  });
}

/** The `n` trading sessions before `day`, oldest first. */
function previousSessions(day: string, n: number): TradingSession[] {
  const out: TradingSession[] = [];
  let d = day;
  while (out.length < n) {
    d = nseCalendar.previousTradingDay(d);
    const s = nseCalendar.sessionOn(d);
    if (s) out.unshift(s);
  }
  return out;
}
