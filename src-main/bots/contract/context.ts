import type { NseCalendar, TradingSession } from '#calendar/nse-calendar';
import type { CompositeScore, PriceActionState } from '#indicators/price-action/index';
import type { MarketView } from '#market/multi-timeframe';
import type { Timeframe } from '#model/bar';
import type { BotId, InstrumentId, IntentId, SignalId, StructureId } from '#model/ids';
import type { Order, OrderSide } from '#model/order';
import type { Position } from '#model/position';
import type { StructureKind, StructureStatus } from '#model/structure';
import type { OptionChain } from '#options/chain';
import type { SpecSource, Underlying } from '#options/contract-specs';
import type { Expiry } from '#options/expiry';
import type { BotKind } from '../catalog.ts';
import type { IndicatorSpec } from './indicator-spec.ts';
import type { BotModels } from './models.ts';

/** The latest values of a declared indicator on its last closed bar, and the bar before it. */
export interface IndicatorReading {
  /** Output name → value (`{ middle, upper, lower, bandwidth, percentB }` for Bollinger). */
  readonly values: Readonly<Record<string, number>>;
  /** The same outputs one bar earlier; undefined on the first bar. */
  readonly previous: Readonly<Record<string, number>> | undefined;
  /** Start of the bar the values are for. */
  readonly tsStart: number;
}

export interface PriceActionReading {
  /** What the detectors know at the last closed bar (a deep copy: the bot may keep it). */
  readonly state: PriceActionState;
  readonly composite: CompositeScore;
  /** Index of the last closed bar in the stream; `state.structure.knownAtIndex` compares with it. */
  readonly barIndex: number;
}

/** Indicators and price action declared in the requirements, streamed by the engine. */
export interface StudiesReader {
  /** Undefined while the indicator warms up. Throws when the spec was not declared: that is a bug in the bot. */
  indicator(instrumentId: InstrumentId, timeframe: Timeframe, spec: IndicatorSpec): IndicatorReading | undefined;
  priceAction(instrumentId: InstrumentId, timeframe: Timeframe): PriceActionReading | undefined;
}

export interface BotStructureLeg {
  readonly instrumentId: InstrumentId;
  readonly side: OrderSide;
  /** Units asked for. */
  readonly quantity: number;
  /** Units held now: filled on entry, less what an exit or unwind closed. */
  readonly heldQuantity: number;
  /** Average price of the entry fills; 0 before the first. */
  readonly entryPrice: number;
}

/** One of the bot's multi-leg structures as execution tracks it, linked to the intent that opened it. */
export interface BotStructureView {
  readonly structureId: StructureId;
  readonly intentId: IntentId;
  readonly kind: StructureKind;
  readonly status: StructureStatus;
  readonly legs: readonly BotStructureLeg[];
  readonly tsInit: number;
}

/** The bot's share of capital, in rupees, and its limits. */
export interface CapitalView {
  readonly allocation: number;
  /** Margin and premium this bot's open positions and working orders hold. */
  readonly deployed: number;
  /** Funds the broker reports free, when known (OpenAlgo `/funds`); undefined in a backtest without one. */
  readonly availableFunds?: number;
  readonly maxLots: number;
  readonly maxPositions: number;
}

/** The one NSE calendar, seen from the context's instant. */
export interface BotCalendar {
  readonly nse: NseCalendar;
  /** IST date of `now`, YYYY-MM-DD. */
  readonly today: string;
  /** Minutes after IST midnight of `now`. */
  readonly minuteOfDay: number;
  /** Today's F&O session, undefined on a closed day. */
  readonly session: TradingSession | undefined;
  /** Whether `now` is inside today's F&O session (and outside any break). */
  readonly marketOpen: boolean;
  /** The first expiry after `now` (weekly or monthly; `monthly` restricts). */
  nextExpiry(underlying: Underlying, kind?: 'monthly'): Expiry;
  /** Whether an expiry of `underlying` falls today. */
  isExpiryDay(underlying: Underlying): boolean;
}

/** Ids for what the bot emits; the engine makes them unique and, under a SimClock, reproducible. */
export interface IdSource {
  intent(): IntentId;
  signal(): SignalId;
}

/**
 * Everything a hook may read, frozen: a bot cannot change the engine through it, and the same context
 * gives the same answer however often it is read. A hook never reaches a broker, the store or the
 * network; it returns intents and signals.
 */
export interface BotContext<P, S> {
  readonly botId: BotId;
  readonly kind: BotKind;
  /** The clock's instant (epoch ms) when the event is handled. */
  readonly now: number;
  readonly params: P;
  /** The bot's own state as its last hook returned it (restored from the store after a restart). */
  readonly state: S;
  /** Every declared series has its warm-up bars: until then the runner refuses opening intents. */
  readonly warm: boolean;
  /** Closed bars and the last tick of a declared instrument (`bars` capped to the declared window). */
  market(instrumentId: InstrumentId): MarketView;
  readonly studies: StudiesReader;
  /**
   * The priced chain of `underlying` for `expiry` (YYYY-MM-DD), shared with every other bot; undefined
   * without quotes. Read at the bot's evaluation cadence (onBar, onFill): in onTick it throws.
   */
  chain(underlying: Underlying, expiry: string): OptionChain | undefined;
  /** Daily ATM IV closes (decimals), oldest first, as far as the engine has recorded them. */
  ivHistory(underlying: Underlying): readonly number[];
  /** Lot size, freeze quantity and strike step in force (live OpenAlgo values win when connected). */
  readonly specs: SpecSource;
  readonly positions: readonly Position[];
  readonly openOrders: readonly Order[];
  readonly structures: readonly BotStructureView[];
  readonly capital: CapitalView;
  readonly calendar: BotCalendar;
  /** The ML slot and the regime classifier (rule-based until models are installed). */
  readonly models: BotModels;
  readonly ids: IdSource;
}
