import type { Clock } from '#core/clock';
import type { Logger } from '#core/log';
import type { Result } from '#core/result';
import type { Config } from '#config/schema';
import type { Bar } from '#model/bar';
import type { Intent } from '#model/intent';
import type { Signal } from '#model/signal';
import type { MarketData } from '#market/market-data';
import type { ChainCache } from '#options/chain-cache';
import type { SpecSource, Underlying } from '#options/contract-specs';
import type { BotKind } from '#bots/catalog';
import type { MarketView, RiskPortfolio } from '#risk/ports';
import type { InstrumentLookup } from '#execution/instruments';
import type { QuoteSource } from '#execution/quotes';
import type { PaperBrokerConfig } from '#execution/brokers/paper/paper-config';
import type { BookCheck } from '#risk/check-context';
import type { SubmitError, SubmitOutcome } from '#execution/submit-errors';
import type { Store } from '#store/database';
import type { EngineAudit } from '../trading/engine-audit.ts';
import type { BotBooksDeps } from './bot-books.ts';
import type { BotModelsPort } from './bot-models.ts';
import type { BotInfo } from './bot-view.ts';
import type { AnyBotDefinition } from './definitions.ts';
import type { StoreFaults } from '../store-faults.ts';

/** What the bot manager takes from the engine. */
export interface BotServiceDeps {
  readonly clock: Clock;
  readonly logger: Logger;
  readonly config: Config;
  readonly store: Pick<Store, 'sqlite'>;
  readonly marketData: MarketData;
  /** Closed daily bars from before the engine's own history (the simulation's seeded year, once its feed started). */
  readonly dailyHistory: () => readonly Bar[];
  readonly chains: ChainCache;
  /** Prices a chain on request, wider or further out than the ones quoted every second (the simulated market). */
  readonly quoteChain?: (underlying: Underlying, expiry: string, strikesEachSide: number, ts: number) => boolean;
  /** Prices the nearest chains as of the last reprice, for the IV recorder's reading at a close (`SimOptionQuotes.quoteNearestNow`). */
  readonly quoteNearest?: (underlying: Underlying, now: number) => void;
  readonly instruments: InstrumentLookup;
  readonly specs: SpecSource;
  readonly manager: BotBooksDeps['manager'];
  readonly portfolio: RiskPortfolio;
  readonly market: MarketView;
  readonly audit: EngineAudit;
  readonly submit: (intent: Intent) => Promise<Result<SubmitOutcome, SubmitError>>;
  /** Why no bot may start now (trading not started, halted), or undefined. */
  readonly startRefusal: () => string | undefined;
  /** Why no bot may open a position now (trading reducing or halted), or undefined: the manager holds such intents back. */
  readonly openingRefusal: () => string | undefined;
  /** Whether live orders may go out now (a live terminal, armed). */
  readonly liveArmed: () => boolean;
  readonly funds?: () => number | undefined;
  /** Tags the ids of this process's intents and signals (a random draw at boot, fixed in tests). */
  readonly session: string;
  /** The ML layer (each bot's `ctx.models`, the regime hook); default the rule-based stand-ins. */
  readonly models?: BotModelsPort;
  readonly publishBot: (info: BotInfo) => void;
  readonly publishSignal: (signal: Signal) => void;
  /** Whether anyone watches the bots: their P&L is refreshed each second only then. */
  readonly watched?: () => boolean;
  /** A wall clock (performance.now) to time each run of the bots on a closed-bar instant, for the bench. */
  readonly wallNow?: () => number;
  /** Where a write the database refused at a closed-bar instant, before any hook ran, is reported (the instant is skipped). */
  readonly storeFaults?: Pick<StoreFaults, 'absorb'>;
  /** Strategies replacing this build's for some kinds (a backtest of a variant, a test of a faulty bot). */
  readonly definitions?: Partial<Record<BotKind, AnyBotDefinition>>;
  /** Write filtered signals to the store as well as taken ones (default true; `EngineDeps.storeFilteredSignals`). */
  readonly storeFilteredSignals?: boolean;
  /** The engine's quotes: shadow variants' paper brokers fill against them (no shadow variants without). */
  readonly quotes?: QuoteSource;
  /** What a variant's paper broker shares with the terminal's: the quote-age limit on a real feed's quotes. */
  readonly shadowPaper?: Pick<PaperBrokerConfig, 'maxQuoteAgeMs'>;
  /** Book checks needing engine state (VaR, stress) that a shadow variant's risk gate runs on its own book. */
  readonly shadowChecks?: readonly BookCheck[];
}
