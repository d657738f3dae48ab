import type { Bus } from '#core/bus';
import type { Result } from '#core/result';
import type { TradingMode } from '#config/schema';
import type { NotificationsConfig } from '#config/notify-schema';
import type { Bar, Tick, Timeframe } from '#model/bar';
import type { InstrumentId } from '#model/ids';
import type { Instrument } from '#model/instrument';
import type { FeedStatus } from '#market/feed';
import type { Signal } from '#model/signal';
import type { BotError, BotInfo, BotParamsView } from './bots/bot-view.ts';
import type { ConnectionError, ConnectionInput, ConnectionProfile, ConnectionTestResult } from './connection-service.ts';
import type { RiskAnalyticsApi } from './var/risk-analytics.ts';
import type { ShadowHost } from './shadow/shadow-host.ts';
import type { VarSnapshot } from './var/var-service.ts';
import type { TradingApi, TradingEvents } from './trading/trading-api.ts';
import type { TradingError } from './trading/trading-error.ts';
import type { MarketScreens } from './charting/market-screens.ts';
import type { RiskSettingsView, SettingsError, SettingsView } from './settings-service.ts';
import type { DataJob, DataJobError, DataJobs } from './data-jobs.ts';
import type { HistoryFilter, HistoryListing } from '#market/history/bar-history-list';
import type { ModelsApi } from './bots/engine-models.ts';
import type { TradingAccount } from './trading/live-arming.ts';
import type { StoreFaultReport, StoreFaultState } from './store-faults.ts';

/** The stored history's listing, as the bridge projects it. */
export type { HistoryListing };

/** A switch to live: the arming travels with it, so the new engine never runs live on a stale click. */
export interface GoLiveInput {
  /** The account the trader saw and named: OpenAlgo must still trade for it. */
  readonly broker: string;
  readonly host: string;
  readonly rememberToday: boolean;
  /** What the trader typed; anything but the confirmation word refuses the switch. */
  readonly confirm: string;
}

/** Switching to live while the terminal runs (only the terminal's mode switcher offers it). */
export interface LiveSwitch {
  /** The account live orders would go to: OpenAlgo's broker and funds with the saved connection. */
  account(): Promise<Result<TradingAccount, EngineError>>;
  /** Stops this mode's engine and starts a live one, armed for the named account; refused while the book holds anything. */
  goLive(input: GoLiveInput): Promise<Result<SettingsView, EngineError>>;
}

export interface EngineStatus {
  readonly version: string;
  readonly mode: TradingMode;
  readonly now: number;
  readonly marketOpen: boolean;
  readonly feedName: string;
  readonly feed: FeedStatus;
  readonly chartInstrument: InstrumentId;
  /** Engine-clock time of the last market data tick. */
  readonly lastTickAt?: number;
  /** Writes the database is refusing now (`StoreFaults.state`): the latest one's path and message, and since when. */
  readonly storeFault?: StoreFaultState;
}

export type { BotInfo, BotParamsView } from './bots/bot-view.ts';

export type EngineError =
  | { kind: 'not-found'; message: string }
  | { kind: 'not-available'; message: string }
  | { kind: 'invalid-state'; message: string }
  | ConnectionError
  | TradingError
  | SettingsError
  | DataJobError
  | BotError;

export interface EngineEvents extends Record<string, unknown>, TradingEvents {
  tick: Tick;
  /** Closed bars of every instrument and timeframe. */
  bar: Bar;
  'feed-status': FeedStatus;
  bot: BotInfo;
  /** Every evaluation a bot reached a decision on, as it is stored. */
  signal: Signal;
  /** A CSV import's or a history download's progress and end. */
  'data-job': DataJob;
  /** Once per engine-clock second: drives the UI clock and status. */
  heartbeat: EngineStatus;
  /** The book's VaR after each refresh (schedule and fills). */
  var: VarSnapshot;
  /** A mode switch replaced the engine: every view starts again from a fresh snapshot. */
  'engine-replaced': EngineStatus;
  /** The database refused a write on a path that goes on (a tick, a bot instant, the heartbeat, the session bar recorder): at once, then at most once a minute per path. */
  'store-fault': StoreFaultReport;
}

/** Everything a shell may ask of the engine. The bridge maps its contract onto exactly this. */
export interface EngineApi {
  readonly events: Bus<EngineEvents>;
  status(): EngineStatus;
  instruments(): readonly Instrument[];
  /** Closed bars, oldest first, plus the forming bar last when there is one. */
  bars(instrumentId: InstrumentId, timeframe: Timeframe): readonly Bar[] | undefined;
  /** The bar still forming, for charts; bots only ever see closed bars. */
  formingBar(instrumentId: InstrumentId, timeframe: Timeframe): Bar | undefined;
  bots(): readonly BotInfo[];
  startBot(botId: string): Result<BotInfo, EngineError>;
  stopBot(botId: string): Result<BotInfo, EngineError>;
  /** No new positions; exits and adjustments go on. */
  pauseBot(botId: string): Result<BotInfo, EngineError>;
  resumeBot(botId: string): Result<BotInfo, EngineError>;
  botParams(botId: string): Result<BotParamsView, EngineError>;
  /** Checks a settings change (parameters, allocation, paper/live, regimes) without making it. */
  validateBotParams(botId: string, change: unknown): Result<BotParamsView, EngineError>;
  /** Makes it: parameters of a running bot take effect at its next evaluation with nothing in flight. */
  setBotParams(botId: string, change: unknown): Result<BotParamsView, EngineError>;
  /** The latest `limit` stored signals (of one bot when given), oldest first. */
  signals(limit: number, botId?: string): readonly Signal[];
  connection(): Promise<Result<ConnectionProfile, EngineError>>;
  saveConnection(input: ConnectionInput): Promise<Result<ConnectionProfile, EngineError>>;
  testConnection(input: ConnectionInput): Promise<Result<ConnectionTestResult, EngineError>>;
  /** Reconnects the market data feed now (after *expired*: the trader logged in to the broker in OpenAlgo). */
  reconnectFeed(): Result<FeedStatus, EngineError>;
  /** Orders, fills, positions, risk, findings, the kill switch and live arming. */
  readonly trading: TradingApi;
  /** Quotes against the previous close, older history, chart studies, option chains, followed option legs. */
  readonly market: MarketScreens;
  settings(): Promise<Result<SettingsView, EngineError>>;
  /**
   * Switches mode now (refused while the book holds anything). The terminal's mode switcher answers this for
   * the shells and refuses live there: live is reached only through `live.goLive`, which carries the arming.
   */
  setMode(mode: TradingMode): Promise<Result<SettingsView, EngineError>>;
  /** Switching to live at runtime, armed (present only behind the terminal's mode switcher). */
  readonly live?: LiveSwitch;
  /** The risk limits in force and as saved. */
  riskSettings(): Result<RiskSettingsView, EngineError>;
  /** Saves a change to the risk limits for the next start (checked by the config schema, audited). */
  setRiskSettings(patch: Readonly<Record<string, unknown>>): Result<RiskSettingsView, EngineError>;
  /** The notifications as saved in config.json. */
  notificationSettings(): Result<NotificationsConfig, EngineError>;
  /** Saves a change to the notifications (checked by the config schema, audited); the shell's notifications restart with it. */
  setNotificationSettings(patch: Readonly<Record<string, unknown>>): Result<NotificationsConfig, EngineError>;
  /** Audits a secret the shell saved or removed outside config.json (the Telegram bot token): which, and what, never its value. */
  noteSecretChange(secret: 'telegram-token', change: 'saved' | 'removed'): void;
  /** CSV import and history download into the database, one at a time, with progress on `data-job`; `history` lists what it holds. */
  readonly data: Pick<DataJobs, 'current' | 'importCsv' | 'downloadHistory'> & { history(filter: HistoryFilter): Promise<HistoryListing> };
  /** Portfolio VaR and stress scenarios (absent in shells and fakes built without them). */
  readonly riskAnalytics?: RiskAnalyticsApi;
  /** The ML models: registry, promotion with hot reload, rollback, bring-your-own ONNX, retraining (absent without models). */
  readonly models?: Pick<ModelsApi, 'status' | 'list' | 'compare' | 'promote' | 'rollback' | 'importModel' | 'jobs'>;
  /** Shadow A/B variants of the bots (absent in fakes). */
  readonly shadow?: Pick<ShadowHost, 'list' | 'start' | 'stop' | 'compare' | 'promote'>;
}
