import type { Clock } from '#core/clock';
import type { IdGenerator } from '#core/ids';
import type { BrokerageConfig } from '#options/charges';
import type { SpecSource } from '#options/contract-specs';
import type { RiskGate } from '#risk/pre-trade';
import type { AuditTrail } from './audit.ts';
import type { Broker } from './broker.ts';
import type { ExecutionConfig } from './config.ts';
import type { FindingsBoard } from './findings.ts';
import type { InstrumentLookup } from './instruments.ts';
import type { OrderLedger } from './order-ledger.ts';
import type { QuoteSource } from './quotes.ts';

/** What every part of the order path shares; built once by the order manager. */
export interface ExecutionContext {
  readonly clock: Clock;
  readonly broker: Broker;
  readonly risk: RiskGate;
  readonly instruments: InstrumentLookup;
  readonly quotes: QuoteSource;
  readonly specs: SpecSource;
  readonly brokerage: BrokerageConfig;
  readonly config: ExecutionConfig;
  readonly ledger: OrderLedger;
  readonly findings: FindingsBoard;
  readonly audit: AuditTrail;
  readonly orderIds: IdGenerator;
}

/** The `strategy` tag an order carries to the broker: its bot, or the terminal for the trader's own. */
export const strategyTag = (botId: string | undefined): string => botId ?? 'terminal';

/** Resolves after `ms` on the injected clock (a SimClock only moves when advanced). */
export function sleep(clock: Clock, ms: number): Promise<void> {
  return new Promise((resolve) => clock.setTimer(clock.now() + ms, resolve));
}
