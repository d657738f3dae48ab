import type { Unsubscribe } from '#core/bus';
import type { Clock } from '#core/clock';
import { createIdGenerator } from '#core/ids';
import { err, ok, type Result } from '#core/result';
import type { Finding } from '#model/finding';
import type { BotId, BrokerOrderId, ClientOrderId, StructureId } from '#model/ids';
import type { Intent } from '#model/intent';
import { DEFAULT_BROKERAGE, type BrokerageConfig } from '#options/charges';
import { tableSpecs, type SpecSource } from '#options/contract-specs';
import type { RiskGate } from '#risk/pre-trade';
import { AuditRepository } from '#store/audit-repository';
import type { Store } from '#store/database';
import { FindingsRepository } from '#store/findings-repository';
import { OrdersRepository, type OrderRecord } from '#store/orders-repository';
import { StructuresRepository, type StructureRecord } from '#store/structures-repository';
import { AuditTrail, botActor, type AuditActor } from './audit.ts';
import type { Broker, BrokerError } from './broker.ts';
import { BookPoller, type Books } from './book-poller.ts';
import { DEFAULT_EXECUTION_CONFIG, type ExecutionConfig } from './config.ts';
import type { ExecutionContext } from './execution-context.ts';
import { FindingsBoard } from './findings.ts';
import { flatten } from './flatten.ts';
import type { InstrumentLookup } from './instruments.ts';
import { submitOrderIntent } from './order-intents.ts';
import { OrderLedger, type OrderChange } from './order-ledger.ts';
import { OrderPath } from './order-path.ts';
import { OrderSender } from './order-sender.ts';
import { OrderSync } from './order-sync.ts';
import { createReconciliationPort, type ReconciliationPort } from './reconcile/reconciliation-port.ts';
import { PendingRequests, type ModifyTerms } from './pending-requests.ts';
import type { PositionBook } from './positions.ts';
import type { QuoteSource } from './quotes.ts';
import { rebuildOrders } from './rebuild.ts';
import { resumeAfterRestart } from './resume.ts';
import { StructureExecutor, type StructureMarginEstimator } from './structures/structure-executor.ts';
import type { SubmitError, SubmitOutcome } from './submit-errors.ts';
import { UnknownOutcomeResolver } from './unknown-outcome.ts';

export interface OrderManagerDeps {
  readonly clock: Clock;
  readonly broker: Broker;
  readonly risk: RiskGate;
  readonly instruments: InstrumentLookup;
  readonly quotes: QuoteSource;
  readonly store: Pick<Store, 'sqlite'>;
  /** Tags every id this process generates; must differ between process starts (a random draw at boot). */
  readonly session: string;
  readonly structureMargin: StructureMarginEstimator;
  readonly specs?: SpecSource;
  readonly brokerage?: BrokerageConfig;
  readonly config?: Partial<ExecutionConfig>;
  /**
   * True while the kill switch closes the book: a bot blocked by findings may then still have its
   * positions closed. Risk refuses anything but kill-switch closes while halted, so nothing opens.
   */
  readonly closingEverything?: () => boolean;
}

/**
 * Intents in, orders out: risk, then the store, then the broker. It opens on whatever the store holds
 * (an empty store, or the state a crashed process left), so start-up and restart are one path.
 */
export class OrderManager {
  readonly audit: AuditTrail;
  readonly findings: FindingsBoard;
  /** Restart reconciliation's way into this manager's ledger and order path (execution/reconcile). */
  readonly reconciliation: ReconciliationPort;
  private readonly ctx: ExecutionContext;
  private readonly sync: OrderSync;
  private readonly resolver: UnknownOutcomeResolver;
  private readonly path: OrderPath;
  private readonly sender: OrderSender;
  private readonly poller: BookPoller;
  private readonly structuresExec: StructureExecutor;
  private readonly requests = new PendingRequests();
  private readonly requestedTerms: ReadonlyMap<ClientOrderId, ModifyTerms>;
  private readonly brokerErrorListeners = new Set<(e: BrokerError) => void>();
  private unsubscribe: Unsubscribe | undefined;
  private readonly closingEverything: () => boolean;

  private constructor(deps: OrderManagerDeps) {
    const { clock, store } = deps;
    const config = { ...DEFAULT_EXECUTION_CONFIG, ...deps.config };
    this.closingEverything = deps.closingEverything ?? (() => false);
    this.audit = new AuditTrail(new AuditRepository(store.sqlite), clock);
    const ordersRepo = new OrdersRepository(store.sqlite);
    const ledger = new OrderLedger(ordersRepo, this.audit);
    this.findings = new FindingsBoard({ repo: new FindingsRepository(store.sqlite), audit: this.audit, clock, ids: createIdGenerator('fnd', clock, deps.session) });
    this.ctx = {
      clock,
      broker: deps.broker,
      risk: deps.risk,
      instruments: deps.instruments,
      quotes: deps.quotes,
      specs: deps.specs ?? tableSpecs,
      brokerage: deps.brokerage ?? DEFAULT_BROKERAGE,
      config,
      ledger,
      findings: this.findings,
      audit: this.audit,
      orderIds: createIdGenerator('ord', clock, deps.session),
    };
    const requests = this.requests;
    this.sync = new OrderSync(this.ctx, requests);
    this.resolver = new UnknownOutcomeResolver(this.ctx, (row, id) => {
      this.sync.claimed(id);
      if (row) this.sync.applyRow(row);
    });
    this.sender = new OrderSender(this.ctx, this.sync, this.resolver, requests);
    this.path = new OrderPath(this.ctx, this.sender);
    this.poller = new BookPoller(this.ctx, {
      needed: () => ledger.hasOpen() || this.sync.awaitingTrades(),
      onBooks: (books) => this.applyBooks(books),
      onError: (e) => {
        for (const l of [...this.brokerErrorListeners]) l(e);
      },
    });
    const structuresRepo = new StructuresRepository(store.sqlite);
    this.structuresExec = new StructureExecutor(this.ctx, this.path, structuresRepo, deps.structureMargin);
    this.reconciliation = createReconciliationPort({ ctx: this.ctx, sync: this.sync, path: this.path, structures: this.structuresExec, applyBooks: (books) => this.applyBooks(books) });
    const rebuilt = rebuildOrders(ordersRepo);
    ledger.restore(rebuilt.records, rebuilt.fills);
    this.requestedTerms = rebuilt.requestedTerms;
    this.structuresExec.restore(structuresRepo.loadAll());
    for (const m of rebuilt.mismatches) {
      if (this.findings.openFor(m.clientOrderId).some((f) => f.kind === 'ledger-mismatch')) continue;
      const botId = ledger.get(m.clientOrderId)?.order.botId;
      this.findings.raise({ kind: 'ledger-mismatch', severity: 'critical', ...(botId ? { botId } : {}), subject: m.clientOrderId, message: m.message, blocking: true });
    }
  }

  /** Opens on the store's state. Call `start` to take broker updates and poll; `resume` after a restart. */
  static open(deps: OrderManagerDeps): OrderManager {
    return new OrderManager(deps);
  }

  start(): void {
    this.unsubscribe ??= this.ctx.broker.onUpdate((u) => this.sync.apply(u));
    this.structuresExec.start();
    this.poller.start();
  }

  /** Nothing more is read, planned or sent; `settled()` then resolves once a structure's run in flight is done. */
  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.structuresExec.stop();
    this.poller.stop();
  }

  /**
   * Settles what a previous process left in flight, before any bot runs: orders written but never sent
   * are denied, orders sent without an answer become unknown outcomes for the order book to settle,
   * unconfirmed modifies and cancels wait for the book again, structures carry on from their record.
   */
  resume(): void {
    resumeAfterRestart(this.ctx, { resolver: this.resolver, structures: this.structuresExec, requests: this.requests, requestedTerms: this.requestedTerms });
  }

  async submit(intent: Intent): Promise<Result<SubmitOutcome, SubmitError>> {
    const { ledger, findings } = this.ctx;
    if (ledger.hasIntent(intent.intentId)) {
      const e: SubmitError = { kind: 'duplicate-intent', message: `intent ${intent.intentId} was already submitted; it is never sent twice` };
      this.path.refuse(intent, e, false);
      return err(e);
    }
    ledger.reserveIntent(intent.intentId);
    const mayPassBlock = intent.kind === 'cancel' || (intent.kind !== 'enter-structure' && this.closingEverything());
    if (!mayPassBlock && findings.isBlocked(intent.botId)) {
      const e: SubmitError = { kind: 'bot-blocked', message: `bot ${intent.botId} is blocked until the trader resolves its findings` };
      this.path.refuse(intent, e, true);
      return err(e);
    }
    switch (intent.kind) {
      case 'place':
      case 'modify':
      case 'cancel':
        return submitOrderIntent(this.ctx, this.path, intent);
      case 'flatten':
        return flatten(this.ctx, this.path, this.structuresExec, intent);
      case 'enter-structure':
        return this.structuresExec.enter(intent);
      case 'exit-structure': {
        const s = this.structuresExec.get(intent.structureId);
        if (!s || s.botId !== intent.botId) {
          const e: SubmitError = { kind: 'unknown-structure', message: `bot ${intent.botId} has no structure ${intent.structureId}` };
          this.path.refuse(intent, e, true);
          return err(e);
        }
        ledger.recordIntent(intent, this.ctx.clock.now());
        const r = this.structuresExec.exit(intent.structureId, intent.reason, botActor(intent.botId));
        if (!r.ok) {
          this.path.refuse(intent, r.error, false);
          return r;
        }
        await this.structuresExec.settledOne(intent.structureId);
        return ok({ orders: [], structureId: intent.structureId });
      }
      case 'exit-structure-leg': {
        const r = await this.structuresExec.closeLeg(intent, botActor(intent.botId));
        if (!r.ok && r.error.kind !== 'risk-denied') this.path.refuse(intent, r.error, true);
        return r;
      }
    }
  }

  /** Broker facts from a book read (the poller's or reconciliation's): trades first, then rows. */
  private applyBooks({ rows, trades }: Books): void {
    for (const t of trades) this.sync.applyTrade(t);
    for (const r of rows) this.sync.applyRow(r);
    this.resolver.resolve(rows);
    this.sender.expireRequests();
    this.structuresExec.tick();
  }

  /** Reads the books now (within the poll rate bound) and applies them. */
  async syncNow(): Promise<boolean> {
    const read = await this.poller.poll();
    await this.structuresExec.settled();
    return read;
  }

  /** Resolves when every structure has finished planning and sending. */
  settled(): Promise<void> {
    return this.structuresExec.settled();
  }

  /** The trader's answer to an ambiguous unknown outcome. */
  resolveUnknownOutcome(id: ClientOrderId, choice: BrokerOrderId | 'not-placed'): Result<void, string> {
    return this.resolver.resolveByTrader(id, choice);
  }

  /** The trader clears a finding (after acting on it at the broker); a blocked bot may trade again. */
  resolveFinding(findingId: string, resolution: string, actor: AuditActor = 'trader'): Finding | undefined {
    return this.findings.resolve(findingId, resolution, actor);
  }

  retryStructure(id: StructureId): Result<void, SubmitError> {
    return this.structuresExec.retryOrphan(id);
  }

  orders(): OrderRecord[] {
    return this.ctx.ledger.all();
  }

  /** Orders not yet terminal, oldest first, without walking the whole history. */
  openOrders(): OrderRecord[] {
    return this.ctx.ledger.open();
  }

  order(id: ClientOrderId): OrderRecord | undefined {
    return this.ctx.ledger.get(id);
  }

  fills(): ReturnType<OrderLedger['fills']> {
    return this.ctx.ledger.fills();
  }

  get positions(): PositionBook {
    return this.ctx.ledger.positions;
  }

  structures(): StructureRecord[] {
    return this.structuresExec.all();
  }

  /** The orders of one structure, oldest first. */
  structureOrders(id: StructureId): OrderRecord[] {
    return this.ctx.ledger.ofStructure(id);
  }

  /** Moves whenever `structures()` would list another record. */
  structuresVersion(): number {
    return this.structuresExec.version();
  }

  structure(id: StructureId): StructureRecord | undefined {
    return this.structuresExec.get(id);
  }

  marginBlocked(): number {
    return this.structuresExec.marginBlocked();
  }

  isBotBlocked(botId: BotId): boolean {
    return this.findings.isBlocked(botId);
  }

  onOrderChange(listener: (change: OrderChange) => void): () => void {
    return this.ctx.ledger.onChange(listener);
  }

  /** Failed book reads (session expired, broker unavailable): the engine shows them; polling goes on. */
  onBrokerError(listener: (error: BrokerError) => void): () => void {
    this.brokerErrorListeners.add(listener);
    return () => {
      this.brokerErrorListeners.delete(listener);
    };
  }
}
