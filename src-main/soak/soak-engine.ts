import type { Clock } from '#core/clock';
import { err, ok, type Result } from '#core/result';
import { riskConfigSchema, type RiskConfig } from '#config/risk-schema';
import { botId, instrumentId, intentId, parseInstrumentId, structureId, type InstrumentId } from '#model/ids';
import type { Intent } from '#model/intent';
import type { OptionInstrument } from '#model/instrument';
import { isTerminal } from '#model/order';
import { createOpenAlgoFeed } from '#market/feeds/openalgo/openalgo-feed';
import type { Feed } from '#market/feed';
import { createOpenAlgoClient } from '#openalgo/client';
import { createRiskGate } from '#risk/gate';
import { createRiskLedger, type RiskLedger } from '#risk/ledger';
import { connectOpenAlgoBroker } from '#execution/brokers/openalgo/openalgo-broker';
import { OrderManager } from '#execution/order-manager';
import { createReconciler } from '#execution/reconcile/reconciler';
import { QuoteBook } from '#execution/quotes';
import { isStructureTerminal } from '#execution/structures/structure-fsm';
import { createMarketView } from '#engine/trading/market-view';
import { createTradingPortfolio, type TradingPortfolio } from '#engine/trading/risk-portfolio';
import { openStore, type Store } from '#store/database';
import { RiskStateRepository } from '#store/risk-state-repository';
import type { EngineSettings, EngineStatus, ToEngine } from './protocol.ts';

/**
 * The engine side of a soak run: the real order manager on its SQLite file, risk's real gate on limits
 * that are loose except where the soak checks them (per-bot lots and positions, the order rate), the
 * OpenAlgo broker adapter over loopback HTTP and the OpenAlgo WebSocket feed for quotes, and restart
 * reconciliation. It starts as the engine does: feed first, then the order manager resumes what the last
 * process left and reconciliation compares the store with the broker's books, then the legs are quoted.
 */
export interface SoakEngine {
  handle(msg: Extract<ToEngine, { kind: 'enter' | 'exit' }>): Promise<Result<void, string>>;
  status(): EngineStatus;
  /** Resolves once every option of the run has a quote (or the wait ran out). */
  quoted(timeoutMs: number): Promise<boolean>;
  findings(): number;
  /** A reconciliation run now (as after a recovery): the number of reconciliation findings open after it. */
  reconcile(): Promise<Result<number, string>>;
  stop(): Promise<void>;
}

export function soakLimits(settings: Pick<EngineSettings, 'bots' | 'maxOrdersPerSecond'>): RiskConfig {
  const wide = { limit: 1e12, action: 'reducing', flatten: false };
  return riskConfigSchema.parse({
    capital: 1e10,
    dailyLoss: wide,
    dayDrawdown: wide,
    overallDrawdown: { ...wide, action: 'halted' },
    orderRate: { maxPerSecond: settings.maxOrdersPerSecond },
    orderSize: { maxLotsPerOrder: 50 },
    greeks: { maxDeltaLots: 1e6, maxGammaLots: 1e6, maxVega: 1e12, maxTheta: 1e12 },
    shock: { spotPct: 3, ivPoints: 5, spotSteps: 3, maxLoss: 1e12 },
    stacking: { maxDeltaLots: 1e6, maxVega: 1e12 },
    manual: { capital: 1e10, maxPositions: 100, maxLots: 1000, entryWindow: null },
    defaultBot: { capital: 1e10, maxPositions: 1, maxLots: 1, entryWindow: null },
    bots: Object.fromEntries(Object.entries(settings.bots).map(([id, l]) => [id, { capital: 1e10, maxPositions: l.maxPositions, maxLots: l.maxLots, entryWindow: null }])),
  });
}

function optionOf(o: EngineSettings['options'][number], underlying: string): OptionInstrument {
  const id = o.id as InstrumentId;
  return { kind: 'option', id, symbol: o.symbol, exchange: 'NFO', tickSize: o.tickSize, underlying, expiry: o.expiry, strike: o.strike, right: o.right, lotSize: o.lotSize };
}

export async function openSoakEngine(settings: EngineSettings, clock: Clock): Promise<Result<SoakEngine, string>> {
  const opened = openStore(settings.dbFile, clock.now());
  if (!opened.ok) return err(opened.error.message);
  const store: Store = opened.value;
  const client = createOpenAlgoClient({ host: settings.host, apiKey: settings.apiKey, clock, timeoutMs: settings.timeoutMs });
  const connected = await connectOpenAlgoBroker({ client, clock, mode: 'live' });
  if (!connected.ok) {
    await store.close();
    return err(`${connected.error.kind}: ${connected.error.message}`);
  }
  const broker = connected.value;
  const options = settings.options.map((o) => optionOf(o, settings.underlying));
  const byId = new Map<InstrumentId, OptionInstrument>(options.map((o) => [o.id, o]));
  const instruments = { tradable: (id: InstrumentId) => byId.get(id) };

  const quotes = new QuoteBook();
  const feed: Feed = createOpenAlgoFeed({ url: settings.wsUrl, apiKey: settings.apiKey, clock, reconnectInitialMs: 100, reconnectMaxMs: 500 });
  feed.onTick((t) => quotes.applyTick(t));
  feed.subscribe([settings.indexId as InstrumentId], 'quote');
  await feed.start();

  const ledger: RiskLedger = createRiskLedger({ store: new RiskStateRepository(store.sqlite), limits: soakLimits(settings), now: clock.now() });
  const portfolioRef: { current?: TradingPortfolio } = {};
  const gate = createRiskGate({
    ledger,
    portfolio: { book: () => portfolioRef.current!.book() },
    market: createMarketView(quotes),
    margin: { available: () => undefined },
  });
  const manager = OrderManager.open({
    clock,
    broker,
    risk: gate,
    instruments,
    quotes,
    store,
    session: settings.session,
    structureMargin: (legs) => legs.reduce((s, l) => s + l.quantity * l.referencePrice * (l.side === 'SELL' ? 0.2 : 1), 0),
    config: settings.execution,
  });
  portfolioRef.current = createTradingPortfolio(manager, instruments, () => false);
  const reconciler = createReconciler({ manager, clock, instruments, bots: () => Object.keys(settings.bots).map(botId), config: { intervalMs: settings.reconcileEveryMs, minGapMs: 200 } });
  manager.resume();
  manager.start();
  const first = await reconciler.run('start');
  if (!first.ok) {
    await closeAll();
    return err(`restart reconciliation could not read the broker's books: ${first.error?.message ?? first.skipped ?? '?'}`);
  }
  reconciler.start();
  // After a dropped feed comes back, as the engine does: the books are read and compared again.
  let feedUp = true;
  feed.onStatus((st) => {
    if (st.state === 'connected' && !feedUp) void reconciler.run('recovery');
    feedUp = st.state === 'connected';
  });
  // As the engine does after starting trading: the instruments it trades are quoted from now on. Depth,
  // not quote mode: OpenAlgo's quote frames carry no bid and ask, and risk takes a MARKET option entry
  // only on a live two-sided quote.
  feed.subscribe(options.map((o) => o.id), 'depth');

  const engine: SoakEngine = {
    async handle(msg) {
      const intent: Intent =
        msg.kind === 'enter'
          ? {
              kind: 'enter-structure',
              intentId: intentId(msg.intentId),
              botId: botId(msg.botId),
              structure: msg.structure,
              product: 'NRML',
              legs: msg.legs.map((l) => {
                const { exchange, symbol } = parseInstrumentId(l.instrumentId);
                return { instrumentId: instrumentId(exchange, symbol), side: l.side, quantity: l.quantity, type: l.type, ...(l.limitPrice !== undefined ? { limitPrice: l.limitPrice } : {}) };
              }),
              policy: msg.policy,
              reason: 'soak entry',
            }
          : { kind: 'exit-structure', intentId: intentId(msg.intentId), botId: botId(msg.botId), structureId: structureId(msg.structureId), reason: 'soak exit' };
      const r = await manager.submit(intent);
      return r.ok ? ok(undefined) : err(`${r.error.kind}: ${r.error.message}`);
    },
    status() {
      const open = manager.findings.open();
      const waitingOnTrader = new Set(open.filter((f) => f.kind === 'ambiguous-outcome').map((f) => f.subject));
      const working: Record<string, number> = {};
      let busy = false;
      for (const r of manager.orders()) {
        const s = r.order.status;
        if (isTerminal(s)) continue;
        working[s] = (working[s] ?? 0) + 1;
        if (!(s === 'unknown' && waitingOnTrader.has(r.order.clientOrderId))) busy = true;
      }
      const structures = manager.structures().map((s) => ({ structureId: s.structureId, botId: s.botId, status: s.status, ...(s.reason !== undefined ? { reason: s.reason } : {}) }));
      const unsettled = manager.structures().filter((s) => !isStructureTerminal(s.status) && s.status !== 'open' && s.status !== 'orphaned');
      const detail = unsettled.map((s) => {
        const legs = s.legs.map((l) => `leg ${l.index} ${l.side} ${l.quantity} ${l.instrumentId} attempts ${l.attempts}/${l.exitAttempts}`);
        const orders = manager
          .orders()
          .filter((r) => r.link?.structureId === s.structureId)
          .map((r) => `${r.order.clientOrderId} ${r.link!.role} leg ${r.link!.legIndex} ${r.order.side} ${r.order.quantity} ${r.order.status} filled ${r.order.filledQuantity}${r.order.reason ? ` (${r.order.reason})` : ''}`);
        return `${s.structureId} ${s.status}: ${[...legs, ...orders].join('; ')}`;
      });
      return {
        quiet: !busy && unsettled.length === 0,
        structures,
        working,
        findings: open.map((f) => ({ kind: f.kind, subject: f.subject, message: f.message })),
        detail,
      };
    },
    async quoted(timeoutMs) {
      const end = clock.now() + timeoutMs;
      while (options.some((o) => quotes.quote(o.id) === undefined)) {
        if (clock.now() > end) return false;
        await new Promise((r) => clock.setTimer(clock.now() + 20, () => r(undefined)));
      }
      return true;
    },
    findings: () => manager.findings.open().length,
    async reconcile() {
      const r = await reconciler.run('recovery');
      return r.ok ? ok(r.open.length) : err(r.error?.message ?? r.skipped ?? 'not run');
    },
    async stop() {
      reconciler.stop();
      await closeAll();
    },
  };
  return ok(engine);

  async function closeAll(): Promise<void> {
    manager.stop();
    await feed.stop();
    ledger.flush(clock.now());
    await store.close();
  }
}
