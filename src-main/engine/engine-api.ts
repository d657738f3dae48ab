import type { Bus } from '#core/bus';
import type { TradingMode } from '#config/schema';
import type { Bar, Tick, Timeframe } from '#model/bar';
import type { InstrumentId } from '#model/ids';
import type { Instrument } from '#model/instrument';
import type { FeedStatus } from '#market/feed';
import type { BotState } from '#bots/bot-fsm';
import type { BotDescriptor } from '#bots/catalog';

export interface EngineStatus {
  readonly version: string;
  readonly mode: TradingMode;
  readonly now: number;
  readonly marketOpen: boolean;
  readonly feedName: string;
  readonly feed: FeedStatus;
  readonly chartInstrument: InstrumentId;
}

export interface BotInfo extends BotDescriptor {
  readonly state: BotState;
  readonly available: boolean;
  readonly message?: string;
}

export type EngineError =
  | { kind: 'not-found'; message: string }
  | { kind: 'not-available'; message: string }
  | { kind: 'invalid-state'; message: string };

export interface EngineEvents extends Record<string, unknown> {
  tick: Tick;
  /** Forming (closed=false) and closed 1-minute bars. */
  bar: Bar;
  'feed-status': FeedStatus;
  bot: BotInfo;
  /** Once per engine-clock second: drives the UI clock and status. */
  heartbeat: EngineStatus;
}

/** Everything a shell may ask of the engine. The bridge maps its contract onto exactly this. */
export interface EngineApi {
  readonly events: Bus<EngineEvents>;
  status(): EngineStatus;
  instruments(): readonly Instrument[];
  /** Closed bars, oldest first, plus the forming bar last when there is one. */
  bars(instrumentId: InstrumentId, timeframe: Timeframe): readonly Bar[] | undefined;
  bots(): readonly BotInfo[];
  startBot(botId: string): { ok: true; value: BotInfo } | { ok: false; error: EngineError };
  stopBot(botId: string): { ok: true; value: BotInfo } | { ok: false; error: EngineError };
}
