import type { Result } from '#core/result';
import type { RiskConfig } from '#config/risk-schema';
import type { BotId, ClientOrderId, InstrumentId, StructureId } from '#model/ids';
import type { Tradable } from '#model/instrument';
import type { OrderSide } from '#model/order';

/**
 * What risk needs from the rest of the engine, as ports it owns (architecture.md: adapters implement
 * the ports of the layer that uses them). Execution and the engine implement them; risk never reads
 * the store, a broker or the feed itself.
 */

/** One open position as the order manager folds it from fills, per bot and instrument. */
export interface RiskPosition {
  readonly instrument: Tradable;
  /** Undefined for the trader's own positions. */
  readonly botId?: BotId;
  /** The structure the position is a leg of, when it is one. */
  readonly structureId?: StructureId;
  /** Signed units: positive long, negative short. */
  readonly netQuantity: number;
  /** Average entry price of the open quantity. */
  readonly avgPrice: number;
}

/** An order at the broker (or about to be) that is not yet done: what it may still add to the book. */
export interface PendingOrder {
  readonly clientOrderId: ClientOrderId;
  readonly instrument: Tradable;
  readonly botId?: BotId;
  readonly structureId?: StructureId;
  readonly side: OrderSide;
  /** Units not yet filled. */
  readonly remainingQuantity: number;
  readonly limitPrice?: number;
  readonly reduceOnly: boolean;
  /** Placed by the kill switch's plan. */
  readonly killSwitch?: boolean;
  /** A cancel was already sent for it. */
  readonly cancelRequested?: boolean;
}

export interface RiskBook {
  readonly positions: readonly RiskPosition[];
  readonly openOrders: readonly PendingOrder[];
  /**
   * Realised P&L of the whole book since it began (the fold of every fill in the store), rupees, before
   * charges. Day figures are derived from it and the day-start mark the risk state keeps.
   */
  readonly realisedPnl: number;
  /** Charges of every fill since the book began, rupees. */
  readonly charges: number;
}

export interface RiskPortfolio {
  book(): RiskBook;
}

export interface Quote {
  readonly bid: number;
  readonly ask: number;
}

/** Prices the engine already has from its feed. Every method answers undefined when it has nothing fresh. */
export interface MarketView {
  /** Last traded price (or quote mid) of a tradable instrument. */
  mark(id: InstrumentId): number | undefined;
  /** Spot of an underlying by name (NIFTY, BANKNIFTY, …). */
  spot(underlying: string): number | undefined;
  /** Implied volatility (decimal) when the engine has one from the chain; otherwise risk solves it from the mark. */
  impliedVol?(id: InstrumentId): number | undefined;
  quote?(id: InstrumentId): Quote | undefined;
}

export interface MarginLeg {
  readonly instrument: Tradable;
  readonly side: OrderSide;
  readonly quantity: number;
  readonly price: number;
}

/**
 * Margin as the broker sees it. OpenAlgo's `/margin` endpoint is asynchronous and the gate is not: the
 * order manager may fetch a quote for the legs it is about to propose and offer it here; without one
 * the gate uses its SPAN-like estimate (margin-estimate.ts).
 */
export interface MarginSource {
  /** Rupees free for new positions now (OpenAlgo `/funds` availablecash when connected); undefined when unknown. */
  available(): number | undefined;
  /** The broker's margin for exactly these legs, if one was fetched for them. */
  quote?(legs: readonly MarginLeg[]): number | undefined;
}

export const TradingState = { active: 'active', reducing: 'reducing', halted: 'halted' } as const;
export type TradingState = (typeof TradingState)[keyof typeof TradingState];

/** Why the trading state is what it is. Day-scoped causes end at the next session's open. */
export type StateCause = 'daily-loss' | 'day-drawdown' | 'overall-drawdown' | 'kill-switch' | 'trader' | 'state-unreadable';

/**
 * What survives a restart. P&L figures are book P&L (realised − charges + marked-to-market, rupees),
 * which unlike equity does not jump when the configured capital changes.
 */
export interface PersistedRiskState {
  /** The risk day (the IST session date whose open began it, YYYY-MM-DD). */
  readonly dayKey: string;
  readonly tradingState: TradingState;
  readonly cause: StateCause | null;
  /** When the trading state last changed, epoch ms. */
  readonly since: number;
  readonly dayStartPnl: number;
  readonly dayPeakPnl: number;
  readonly overallPeakPnl: number;
  /** The last book P&L observed: becomes the next day's start. */
  readonly lastPnl: number;
  /** The limits in force when this was written. */
  readonly limits: RiskConfig;
  readonly tsLast: number;
}

/** A declared exit rule and its running state (the trailing high-water mark must survive a restart). */
export interface PersistedExitRule {
  readonly id: string;
  /** The rule as declared (exit-rules.ts validates it on load). */
  readonly spec: unknown;
  readonly highWater: number | null;
  readonly triggeredAt: number | null;
  /** Why it fired ('stop' | 'target' | 'trailing') and at which P&L level, once it has. */
  readonly firedReason: string | null;
  readonly firedThreshold: number | null;
}

/**
 * Persistence of the risk state. The SQLite implementation is store/risk-state-repository.ts; it
 * matches this shape structurally (store may not import risk).
 */
export interface RiskStateStore {
  load(): Result<PersistedRiskState | undefined, { readonly message: string }>;
  save(state: PersistedRiskState): void;
  loadExitRules(): Result<readonly PersistedExitRule[], { readonly message: string }>;
  saveExitRule(rule: PersistedExitRule): void;
  deleteExitRule(id: string): void;
}
