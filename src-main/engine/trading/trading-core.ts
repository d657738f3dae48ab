import { Bus } from '#core/bus';
import type { Clock } from '#core/clock';
import { createIdGenerator } from '#core/ids';
import type { Logger } from '#core/log';
import { err, ok } from '#core/result';
import type { Config } from '#config/schema';
import type { Tick } from '#model/bar';
import type { Finding } from '#model/finding';
import { brokerOrderId, clientOrderId } from '#model/ids';
import { bookPnl } from '#risk/check-context';
import { createRiskLedger, type RiskLedger } from '#risk/ledger';
import { riskSnapshot, type RiskSnapshot } from '#risk/limit-usage';
import { createRiskMonitor, type RiskMonitor } from '#risk/monitor';
import { createOrderRateWindow } from '#risk/order-rate-window';
import type { MarketView } from '#risk/ports';
import type { RiskEventTopics } from '#risk/risk-events';
import type { OrderManager } from '#execution/order-manager';
import { RECONCILIATION_KINDS } from '#execution/reconcile/reconcile-items';
import { createReconciler } from '#execution/reconcile/reconciler';
import { BOT_CATALOG } from '#bots/catalog';
import { botId } from '#model/ids';
import type { QuoteSource } from '#execution/quotes';
import type { SubmitError } from '#execution/submit-errors';
import { AuditRepository } from '#store/audit-repository';
import { OrdersRepository } from '#store/orders-repository';
import type { Store } from '#store/database';
import { RiskStateRepository } from '#store/risk-state-repository';
import { EngineAudit } from './engine-audit.ts';
import { exitIntents } from './exit-requests.ts';
import type { InstrumentRegistry } from './instrument-registry.ts';
import type { KillSource, KillSwitch } from './kill-switch.ts';
import { createOrderPath } from './order-path.ts';
import { LiveArming } from './live-arming.ts';
import { positionsView, type PositionsView } from './positions-view.ts';
import type { FindingView, TradingApi, TradingEvents, TradingSetup, TradingStatus } from './trading-api.ts';
import type { TradingPortfolio } from './risk-portfolio.ts';
import { orderSteps } from './order-steps.ts';
import { createTraderActions } from './trader-actions.ts';
import { tradingError } from './trading-error.ts';
import { tradingStateText } from '#risk/checks/trading-state';

export interface TradingCore extends TradingApi {
  readonly manager: OrderManager;
  readonly ledger: RiskLedger;
  readonly monitor: RiskMonitor;
  readonly audit: EngineAudit;
  readonly portfolio: TradingPortfolio;
  ready(): boolean;
  /** Why no bot may start now (trading not started, or halted), or undefined. */
  botStartRefusal(): string | undefined;
  /** Why nothing may open a position now (trading reducing or halted), or undefined. */
  openingRefusal(): string | undefined;
  start(): Promise<void>;
  stop(): void;
  onTick(tick: Tick): void;
  /** The feed or the connection came back: reconcile with the broker's books again. */
  recovered(): Promise<void>;
  /** Once per engine second: fresh marks and limit use for whoever watches. */
  heartbeat(): void;
}

export interface TradingCoreDeps {
  readonly clock: Clock;
  readonly store: Store;
  readonly config: Config;
  readonly logger: Logger;
  readonly setup: TradingSetup;
  readonly instruments: InstrumentRegistry;
  readonly quotes: QuoteSource;
  readonly market: MarketView;
  readonly stopBots: (reason: string, source: KillSource) => string[];
  readonly publish: <K extends keyof TradingEvents>(topic: K, payload: TradingEvents[K]) => void;
  readonly wants: (topic: keyof TradingEvents) => boolean;
}

/**
 * Orders, risk and the kill switch, composed: the risk ledger on its SQLite state, the gate (risk's own
 * behind the engine's kill-switch and arming rules), the order manager on the store, the live monitor
 * fed on every tick (its exit requests become intents), and the kill switch. `start` settles what a
 * previous process left in flight before anything may trade.
 */
export function createTradingCore(deps: TradingCoreDeps): TradingCore {
  const { clock, store, config, logger, setup, publish } = deps;
  const limits = config.risk;
  const audit = new EngineAudit(new AuditRepository(store.sqlite), clock);
  /** Read-only here: the order history's steps (the order manager writes the log). */
  const ordersLog = new OrdersRepository(store.sqlite);
  const riskStore = new RiskStateRepository(store.sqlite);
  const riskEvents = new Bus<RiskEventTopics>((topic, e) => logger.error({ err: e, topic }, 'risk event handler failed'));
  // Late-bound: the ledger reports what it restored while it is built, before the rest exists.
  const parts: { late?: { kill: KillSwitch; monitor: RiskMonitor; manager: OrderManager } } = {};
  let started = false;
  const riskNow = (): void => {
    if (parts.late && deps.wants('risk')) publish('risk', snapshot());
  };
  riskEvents.subscribe('risk', (e) => {
    const late = parts.late;
    if (e.kind === 'order-checked' || e.kind === 'structure-checked') return;
    audit.record(`risk:${e.kind}`, 'risk', e, e.kind === 'exit-requested' ? e.request.ruleId : undefined);
    if (e.kind === 'trading-state-changed') riskNow();
    if (e.kind === 'flatten-requested' && late) late.kill.flatten('risk-limit', 'risk').catch((x: unknown) => logger.error({ err: x }, 'flatten on a limit breach failed'));
    if (e.kind === 'exit-requested' && late && !late.kill.engaged()) {
      const rule = late.monitor.rules().find((w) => w.rule.id === e.request.ruleId)?.rule;
      const intents = exitIntents(e.request, rule?.scope, { manager: late.manager, loose: () => portfolio.holdings().legs.filter((l) => l.structureId === undefined), ids: exitIds });
      for (const i of intents) {
        late.manager.submit(i).then(
          (r) => (r.ok ? undefined : logger.warn({ intent: i.intentId, error: r.error }, 'exit request refused')),
          (e: unknown) => logger.error({ err: e, intent: i.intentId }, 'exit request failed'),
        );
      }
    }
  });
  const ledger = createRiskLedger({ store: riskStore, limits, now: clock.now(), events: riskEvents, ...(setup.riskPersistEveryMs !== undefined ? { persistEveryMs: setup.riskPersistEveryMs } : {}) });
  const rate = createOrderRateWindow();
  const exitIds = createIdGenerator('exit', clock, setup.session);

  let arming: LiveArming | undefined;
  const status = (): TradingStatus => {
    const a = arming?.state();
    const last = parts.late?.kill.lastReport();
    return {
      broker: setup.broker.name,
      liveOrders: arming !== undefined,
      armed: a?.armed ?? false,
      ...(a?.account ? { account: a.account } : {}),
      ...(a?.armedAt !== undefined ? { armedAt: a.armedAt } : {}),
      ...(a?.rememberedFor ? { rememberedFor: a.rememberedFor } : {}),
      ready: started,
      killing: parts.late?.kill.isRunning() ?? false,
      ...(last ? { lastKill: last } : {}),
    };
  };
  const statusChanged = (): void => publish('trading', status());
  if (setup.liveArming) arming = new LiveArming({ clock, file: setup.liveArming.file, probe: setup.liveArming.probe, audit: () => audit, onChange: statusChanged });

  const { manager, portfolio, kill: killSwitch } = createOrderPath({
    clock,
    store,
    broker: setup.broker,
    instruments: deps.instruments,
    quotes: deps.quotes,
    market: deps.market,
    limits,
    ledger,
    session: setup.session,
    rate,
    ...(setup.margin ? { margin: setup.margin } : {}),
    ...(setup.specs ? { specs: setup.specs } : {}),
    ...(setup.extraBookChecks ? { extraBookChecks: setup.extraBookChecks } : {}),
    ...(setup.execution ? { execution: setup.execution } : {}),
    ...(arming ? { liveArming: arming } : {}),
    kill: {
      stopBots: deps.stopBots,
      audit,
      intentIds: createIdGenerator('kill', clock, setup.session),
      ...(setup.killTimeoutMs !== undefined ? { timeoutMs: setup.killTimeoutMs } : {}),
      onChange: statusChanged,
    },
  });
  const reconciler =
    setup.reconciler ??
    createReconciler({
      manager,
      clock,
      instruments: deps.instruments,
      bots: () => BOT_CATALOG.map((b) => botId(b.id)),
      ...(setup.seedBroker ? { seedBroker: setup.seedBroker } : {}),
    });
  const monitor = createRiskMonitor({ ledger, portfolio, market: deps.market, store: riskStore, now: clock.now() });
  parts.late = { kill: killSwitch, monitor, manager };

  const snapshot = (): RiskSnapshot => riskSnapshot({ ledger, portfolio, market: deps.market, rate }, clock.now());
  const positions = (): PositionsView => positionsView({ portfolio, manager, market: deps.market, rate: limits.rate }, clock.now());
  const findingView = (f: Finding): FindingView => {
    if (!RECONCILIATION_KINDS.has(f.kind)) return { ...f, source: 'execution' };
    const repairs = f.status === 'open' ? reconciler.proposeRepairs?.(f.findingId) : undefined;
    return { ...f, source: 'reconciliation', ...(repairs && repairs.length > 0 ? { repairs: repairs.map((r) => ({ id: r.id, label: r.label, description: r.description })) } : {}) };
  };

  manager.onOrderChange((c) => {
    publish('order', c.record);
    if (c.fill) {
      publish('fill', c.fill);
      if (deps.wants('positions')) publish('positions', positions());
    }
  });
  manager.findings.onChange((f) => publish('finding', findingView(f)));
  manager.onBrokerError((e) => logger.warn({ broker: setup.broker.name, kind: e.kind, message: e.message }, 'broker book read failed'));

  /** The last positions view published on the heartbeat held something. */
  let positionsShown = false;
  const notStarted: SubmitError = { kind: 'not-allowed', message: 'trading has not started yet: the order manager settles what the last run left first' };
  const submit: TradingApi['submit'] = (intent) => (started ? manager.submit(intent) : Promise.resolve(err(notStarted)));
  const actions = createTraderActions({ now: () => clock.now(), manager, portfolio, market: deps.market, limits, audit, ids: createIdGenerator('trader', clock, setup.session), submit });

  return {
    manager,
    ledger,
    monitor,
    audit,
    portfolio,
    ready: () => started,
    botStartRefusal() {
      if (!started) return 'trading has not started yet';
      const s = ledger.state();
      return s.state === 'halted' ? `trading is halted (${s.cause ?? 'by the trader'}): resume trading first` : undefined;
    },
    openingRefusal() {
      const s = ledger.state();
      return s.state === 'active' ? undefined : tradingStateText(s);
    },
    async start() {
      manager.resume();
      manager.start();
      await reconciler.run('start');
      reconciler.start?.();
      await arming?.restore();
      setup.margin?.start();
      started = true;
      statusChanged();
      riskNow();
    },
    stop() {
      setup.margin?.stop();
      reconciler.stop?.();
      manager.stop();
      ledger.flush(clock.now());
      started = false;
    },
    async recovered() {
      if (started) await reconciler.run('recovery');
    },
    onTick(tick) {
      if (started) monitor.onTick({ instrumentId: tick.instrumentId, ts: tick.tsEvent });
    },
    heartbeat() {
      if (!started) return;
      riskNow();
      if (!deps.wants('positions')) return;
      // Once more after the book empties: a structure's last fill is published while it is still exiting.
      const view = positions();
      const shows = view.positions.length > 0 || view.structures.length > 0;
      if (shows || positionsShown) publish('positions', view);
      positionsShown = shows;
    },

    status,
    orders: () => manager.orders(),
    isKillOrder: (id) => killSwitch.isKillOrder(id),
    fills: () => manager.fills(),
    ownerOf: (id) => manager.order(id)?.order.botId,
    positions,
    risk: snapshot,
    findings: () => manager.findings.open().map(findingView),
    submit,
    ...actions,
    kill: (source) => killSwitch.kill(source, source === 'risk-limit' ? 'risk' : 'trader'),
    resume(reason) {
      if (killSwitch.isRunning()) return err(tradingError('invalid-state', 'the kill switch is still closing the book: wait for it to finish'));
      const r = ledger.resume(bookPnl(portfolio.book(), deps.market), reason, clock.now());
      if (!r.ok) return err(tradingError('invalid-state', r.error.message));
      killSwitch.disengage();
      audit.record('resume', 'trader', { reason, state: ledger.state() });
      statusChanged();
      return ok(snapshot());
    },
    account: () => (arming ? arming.account() : Promise.resolve(err(tradingError('not-available', `orders go to the ${setup.broker.name} broker: there is no live account to name`)))),
    async arm(input) {
      if (!arming) return err(tradingError('not-available', `orders go to the ${setup.broker.name} broker, not to real money: there is nothing to arm`));
      const r = await arming.arm(input);
      return r.ok ? ok(status()) : r;
    },
    disarm(source) {
      if (!arming) return err(tradingError('not-available', `orders go to the ${setup.broker.name} broker, not to real money: there is nothing to disarm`));
      arming.disarm(source);
      return ok(status());
    },
    resolveUnknownOutcome(id, answer) {
      const cid = clientOrderId(id);
      if (!manager.order(cid)) return err(tradingError('not-found', `there is no order ${id}`));
      const r = manager.resolveUnknownOutcome(cid, answer.kind === 'not-placed' ? 'not-placed' : brokerOrderId(answer.brokerOrderId));
      if (!r.ok) return err(tradingError('invalid-state', r.error));
      return ok(manager.order(cid)!);
    },
    clearFinding(findingId, resolution) {
      const f = manager.resolveFinding(findingId, resolution, 'trader');
      return f ? ok(findingView(f)) : err(tradingError('not-found', `there is no open finding ${findingId}`));
    },
    orderSteps(id) {
      if (!manager.order(clientOrderId(id))) return err(tradingError('not-found', `there is no order ${id}`));
      return ok(orderSteps(ordersLog.eventsOf(id)));
    },
    async applyRepair(findingId, repairId) {
      if (!reconciler.applyRepair) return err(tradingError('not-available', 'this broker is not reconciled: there are no repairs to apply'));
      const r = await reconciler.applyRepair(findingId, repairId);
      if (!r.ok) return err(tradingError('invalid-state', r.error));
      return ok(manager.findings.open().map(findingView));
    },
    declareExitRule(spec) {
      const r = monitor.declare(spec, clock.now());
      if (!r.ok) return err(tradingError('invalid-input', r.error));
      audit.record('exit-rule', 'trader', r.value, r.value.id);
      return ok(r.value);
    },
  };
}
