import type { Result } from '#core/result';
import type { BookCheck } from '#risk/check-context';
import type { Fill } from '#model/fill';
import type { Finding } from '#model/finding';
import type { BotId, ClientOrderId } from '#model/ids';
import type { Intent } from '#model/intent';
import type { SpecSource } from '#options/contract-specs';
import type { ExitRule } from '#risk/exit-rules';
import type { RiskSnapshot } from '#risk/limit-usage';
import type { Broker } from '#execution/broker';
import type { PaperBookSnapshot } from '#execution/brokers/paper/paper-broker';
import type { ExecutionConfig } from '#execution/config';
import type { SubmitError, SubmitOutcome } from '#execution/submit-errors';
import type { OrderRecord } from '#store/orders-repository';
import type { FundsMargin } from './funds-margin.ts';
import type { KillReport, KillSource } from './kill-switch.ts';
import type { AccountProbe, ArmInput, ArmSource, TradingAccount } from './live-arming.ts';
import type { PositionsView } from './positions-view.ts';
import type { OrderStep } from './order-steps.ts';
import type { TraderActions } from './trader-actions.ts';
import type { TradingError } from './trading-error.ts';

/** How the shell wants orders handled: which broker, and whether they reach real money. */
export interface TradingSetup {
  readonly broker: Broker;
  /** Tags every id this process generates (a random draw at boot). */
  readonly session: string;
  /** Present when orders reach a real broker: they wait for the trader's arming. */
  readonly liveArming?: { readonly probe: AccountProbe; readonly file: string };
  /** The broker's free funds; risk's estimate against the configured capital without it. */
  readonly margin?: FundsMargin;
  readonly execution?: Partial<ExecutionConfig>;
  readonly killTimeoutMs?: number;
  readonly specs?: SpecSource;
  /**
   * Restart reconciliation (execution/reconcile): the store's orders, fills and positions against the
   * broker's books. Run at start before anything may trade, and after every feed recovery.
   */
  readonly reconciler?: {
    run(trigger: 'start' | 'recovery'): Promise<unknown>;
    start?(): void;
    stop?(): void;
    /** The repairs the trader may choose for an open reconciliation finding. */
    proposeRepairs?(findingId: string): readonly RepairChoice[];
    applyRepair?(findingId: string, repairId: string): Promise<Result<unknown, string>>;
  };
  /** A broker whose book lives only in memory (the paper broker) is rebuilt from the store before the first reconciliation. */
  readonly seedBroker?: (snapshot: PaperBookSnapshot) => Result<void, string>;
  /** Book checks after the gate's own (the VaR and stress limits, engine/var/risk-analytics.ts). */
  readonly extraBookChecks?: readonly BookCheck[];
  /** How often the risk ledger writes a peak or last-P&L change alone (`RiskLedgerDeps.persistEveryMs`); default once a second. */
  readonly riskPersistEveryMs?: number;
}

export interface TradingStatus {
  readonly broker: string;
  readonly liveOrders: boolean;
  readonly armed: boolean;
  readonly account?: TradingAccount;
  readonly armedAt?: number;
  readonly rememberedFor?: string;
  readonly ready: boolean;
  readonly killing: boolean;
  readonly lastKill?: KillReport;
}

/** A way to settle a reconciliation finding: `description` says every step it takes. */
export interface RepairChoice {
  readonly id: string;
  readonly label: string;
  readonly description: string;
}

export interface FindingView extends Finding {
  readonly source: 'execution' | 'reconciliation';
  readonly repairs?: readonly RepairChoice[];
}

/** What the trading side publishes; the engine's event bus carries these topics. */
export interface TradingEvents {
  order: OrderRecord;
  fill: Fill;
  positions: PositionsView;
  risk: RiskSnapshot;
  finding: FindingView;
  trading: TradingStatus;
}

export type ResolveAnswer = { readonly kind: 'placed'; readonly brokerOrderId: string } | { readonly kind: 'not-placed' };

/** Everything a shell may ask of the trading side (through the bridge or the local API). */
export interface TradingApi extends TraderActions {
  status(): TradingStatus;
  orders(): readonly OrderRecord[];
  isKillOrder(id: ClientOrderId): boolean;
  fills(): readonly Fill[];
  /** The bot whose order a fill belongs to. */
  ownerOf(id: ClientOrderId): BotId | undefined;
  positions(): PositionsView;
  risk(): RiskSnapshot;
  findings(): readonly FindingView[];
  submit(intent: Intent): Promise<Result<SubmitOutcome, SubmitError>>;
  kill(source: KillSource): Promise<KillReport>;
  resume(reason: string): Result<RiskSnapshot, TradingError>;
  account(): Promise<Result<TradingAccount, TradingError>>;
  arm(input: ArmInput): Promise<Result<TradingStatus, TradingError>>;
  disarm(source?: ArmSource): Result<TradingStatus, TradingError>;
  resolveUnknownOutcome(id: string, answer: ResolveAnswer): Result<OrderRecord, TradingError>;
  clearFinding(findingId: string, resolution: string): Result<FindingView, TradingError>;
  declareExitRule(spec: unknown): Result<ExitRule, TradingError>;
  /** An order's whole life from the store's event log, oldest first. */
  orderSteps(clientOrderId: string): Result<readonly OrderStep[], TradingError>;
  /** Carries out the repair the trader chose for a reconciliation finding; the answer is the open findings after it. */
  applyRepair(findingId: string, repairId: string): Promise<Result<readonly FindingView[], TradingError>>;
}
