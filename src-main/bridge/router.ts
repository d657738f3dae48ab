import type { z } from 'zod';
import type { Logger } from '#core/log';
import type { Result } from '#core/result';
import type { InstrumentId } from '#model/ids';
import type { EngineApi, EngineError } from '#engine/engine-api';
import { commands, isCommandName, isStreamName, streams, type CommandName, type CommandOutput, type StreamName } from '#contract/channels';
import type { BridgeErrorDto, BridgeResult } from '#contract/dto';
import type { DataJobDto } from '#contract/settings-dto';
import { HISTORY_LIST_DEFAULT } from '#contract/history-dto';
import type { DataJob } from '#engine/data-jobs';
import { toBarDto, toBotDto, toConnectionTestDto, toFeedDto, toHistoryListDto, toInstrumentDto, toSessionDto } from './projections.ts';
import { recentOrders, recentTrades } from './recent.ts';
import { toBotParamsDto, toSignalDto } from './bot-projections.ts';
import { CHART_SNAPSHOT_BARS, openChain, openQuotes, openStudies } from './market-streams.ts';
import { toAccountDto, toFindingDto, toKillReportDto, toOrderDto, toPositionsDto, toRiskDto, toTradeDto, toTradingStatusDto } from './trading-projections.ts';
import { toBookPayoffDto, toPayoffDto, toShockTableDto, toSubmitOutcomeDto } from './trader-projections.ts';
import { riskAnalyticsHandlers } from './risk-analytics-router.ts';
import { backtestHandlers, openBacktests } from './backtest-router.ts';
import { modelHandlers, openModels } from './model-router.ts';
import { notifyHandlers, type NotificationControl } from './notify-router.ts';
import type { BacktestService } from '#backtest/service/backtest-service';

type Handlers = {
  [C in CommandName]: (input: z.infer<(typeof commands)[C]['input']>) => BridgeResult<CommandOutput<C>> | Promise<BridgeResult<CommandOutput<C>>>;
};

export interface StreamSink {
  snapshot(data: unknown): void;
  delta(data: unknown): void;
}

export interface Router {
  /** Validates then dispatches. Invalid input never reaches the engine. */
  invoke(channel: unknown, input: unknown): Promise<BridgeResult<unknown>>;
  /** Validates, sends the snapshot, then deltas until the returned function is called. */
  subscribe(stream: unknown, params: unknown, sink: StreamSink): BridgeResult<() => void>;
}

/** Signals a `signals` snapshot carries when the subscriber names no limit. */
const SIGNALS_SNAPSHOT = 200;

const fail = (error: BridgeErrorDto): { ok: false; error: BridgeErrorDto } => ({ ok: false, error });

/** An engine answer on the wire: the value projected to its DTO, or the engine's error kind passed through. */
function answer<T, U>(r: Result<T, EngineError>, project: (value: T) => U): BridgeResult<U> {
  return r.ok ? { ok: true, value: project(r.value) } : fail({ kind: r.error.kind, message: r.error.message });
}
const same = <T>(v: T): T => v;
const NO_LIVE_SWITCH: BridgeErrorDto = { kind: 'not-available', message: 'this terminal cannot switch to live while it runs: set "mode": "live" in config.json and start it again' };
const toDataJobDto = (j: DataJob): DataJobDto => ({ ...j, problems: [...j.problems] });

function invalid(error: z.ZodError, what: string): { ok: false; error: BridgeErrorDto } {
  const first = error.issues[0];
  const path = first?.path.map(String).join('.') ?? '';
  return fail({ kind: 'invalid-input', message: `${what}: ${path ? `${path}: ` : ''}${first?.message ?? 'invalid'}`, ...(path ? { path } : {}) });
}

/**
 * The door commands come through, recorded in the audit of the kill switch and of live arming: the
 * terminal's bridge (IPC or WebSocket) or the local HTTP API. The client cannot name it.
 */
export type RouterDoor = 'bridge' | 'http-api';

/**
 * One handler map for every shell (Actual Budget's pattern): Electron IPC, the WebSocket server and the
 * REST API all call this router, so a command behaves the same whichever door it came through.
 */
/** Services beside the engine that a shell wires in: without them their commands answer not-available. */
export interface RouterParts {
  /** Backtests on worker threads, one service per terminal (every door shares it, so its limits hold across them). */
  readonly backtests?: BacktestService;
  /** The shell's notifications (settings, Telegram token, test message). */
  readonly notifications?: NotificationControl;
}

export function createRouter(api: EngineApi, logger: Logger, door: RouterDoor = 'bridge', parts: RouterParts = {}): Router {
  /** Open `models` streams, told when a command changed the models. */
  const modelChanges = new Set<() => void>();
  const handlers: Handlers = {
    'app:status': () => ({ ok: true, value: toSessionDto(api.status()) }),
    'market:instruments': () => ({ ok: true, value: api.instruments().map(toInstrumentDto) }),
    'bot:start': ({ botId }) => answer(api.startBot(botId), toBotDto),
    'bot:stop': ({ botId }) => answer(api.stopBot(botId), toBotDto),
    'bot:pause': ({ botId }) => answer(api.pauseBot(botId), toBotDto),
    'bot:resume': ({ botId }) => answer(api.resumeBot(botId), toBotDto),
    'bot:params:get': ({ botId }) => answer(api.botParams(botId), toBotParamsDto),
    'bot:params:validate': ({ botId, ...change }) => answer(api.validateBotParams(botId, change), toBotParamsDto),
    'bot:params:set': ({ botId, ...change }) => answer(api.setBotParams(botId, change), toBotParamsDto),
    'connection:get': async () => answer(await api.connection(), same),
    'connection:save': async (input) => answer(await api.saveConnection(input), same),
    'connection:test': async (input) => answer(await api.testConnection(input), toConnectionTestDto),
    'connection:reconnect': () => answer(api.reconnectFeed(), (f) => toFeedDto(api.status().feedName, f)),
    'risk:kill': async ({ source }) => ({ ok: true, value: toKillReportDto(await api.trading.kill(source ?? door)) }),
    'risk:resume': ({ reason }) => answer(api.trading.resume(reason), toRiskDto),
    'trading:account': async () => answer(await api.trading.account(), toAccountDto),
    'trading:arm': async (input) => answer(await api.trading.arm({ ...input, source: door }), toTradingStatusDto),
    'trading:disarm': () => answer(api.trading.disarm(door), toTradingStatusDto),
    'order:resolve-unknown': ({ clientOrderId, answer: a }) => answer(api.trading.resolveUnknownOutcome(clientOrderId, a), (r) => toOrderDto(r, api.trading.isKillOrder(r.order.clientOrderId))),
    'finding:clear': ({ findingId, resolution }) => answer(api.trading.clearFinding(findingId, resolution), toFindingDto),
    'finding:repair': async ({ findingId, repairId }) => answer(await api.trading.applyRepair(findingId, repairId), (fs) => fs.map(toFindingDto)),
    'position:close': async (input) => answer(await api.trading.closePosition(input), toSubmitOutcomeDto),
    'structure:close': async ({ structureId }) => answer(await api.trading.closeStructure(structureId), toSubmitOutcomeDto),
    'structure:close-leg': async ({ structureId, legIndex }) => answer(await api.trading.closeStructureLeg(structureId, legIndex), toSubmitOutcomeDto),
    'structure:payoff': ({ structureId }) => answer(api.trading.structurePayoff(structureId), toPayoffDto),
    'book:payoff': (subject) => answer(api.trading.bookPayoff(subject), toBookPayoffDto),
    'risk:shock': () => answer(api.trading.bookShock(), toShockTableDto),
    ...riskAnalyticsHandlers(api),
    ...backtestHandlers(parts.backtests),
    ...notifyHandlers(parts.notifications),
    ...modelHandlers(api, () => {
      for (const c of modelChanges) c();
    }),
    'order:cancel': async ({ clientOrderId }) => answer(await api.trading.cancelOrder(clientOrderId), toSubmitOutcomeDto),
    'order:steps': ({ clientOrderId }) => answer(api.trading.orderSteps(clientOrderId), (steps) => steps.map((s) => ({ kind: s.kind, ts: s.ts, ...(s.detail !== undefined ? { detail: s.detail } : {}) }))),
    'order:modify': async (input) => answer(await api.trading.modifyOrder(input), toSubmitOutcomeDto),
    'market:history': ({ instrumentId, timeframe, before, count }) => {
      const bars = api.market.history(instrumentId as InstrumentId, timeframe, before, count);
      return bars ? { ok: true, value: bars.map(toBarDto) } : fail({ kind: 'not-found', message: `no ${timeframe} bars for ${instrumentId}` });
    },
    'settings:get': async () => answer(await api.settings(), same),
    'settings:mode': async ({ mode }) => answer(await api.setMode(mode), same),
    'settings:live:account': async () => (api.live ? answer(await api.live.account(), toAccountDto) : fail(NO_LIVE_SWITCH)),
    'settings:live': async (input) => (api.live ? answer(await api.live.goLive(input), same) : fail(NO_LIVE_SWITCH)),
    'settings:risk:get': () => answer(api.riskSettings(), same),
    'settings:risk:set': ({ patch }) => answer(api.setRiskSettings(patch), same),
    'data:import': (input) =>
      answer(
        api.data.importCsv({
          path: input.path,
          options:
            input.format === 'ohlcv'
              ? { format: 'ohlcv', instrumentId: input.instrumentId as InstrumentId, timeframe: input.timeframe, timezone: input.timezone === 'IST' ? 'Asia/Kolkata' : 'UTC', stamp: input.stamp }
              : { format: 'nse-fo-bhavcopy' },
        }),
        toDataJobDto,
      ),
    'data:history': ({ instrumentIds, timeframe, days }) => answer(api.data.downloadHistory({ instrumentIds: instrumentIds as InstrumentId[], timeframe, days }), toDataJobDto),
    'data:history:list': async ({ instrument, exchange, timeframe, limit = HISTORY_LIST_DEFAULT }) => {
      const prefix = exchange !== undefined ? `${exchange}:` : instrument;
      const listing = await api.data.history({ limit, ...(prefix !== undefined ? { prefix } : {}), ...(timeframe ? { timeframe } : {}) });
      return { ok: true, value: toHistoryListDto(listing, limit) };
    },
  };

  const order = (r: Parameters<typeof toOrderDto>[0]) => toOrderDto(r, api.trading.isKillOrder(r.order.clientOrderId));

  const openStream: { [S in StreamName]: (params: z.infer<(typeof streams)[S]['params']>, sink: StreamSink) => BridgeResult<() => void> } = {
    session(_params, sink) {
      sink.snapshot(toSessionDto(api.status()));
      const offBeat = api.events.subscribe('heartbeat', (s) => sink.delta(toSessionDto(s)));
      const offFeed = api.events.subscribe('feed-status', () => sink.delta(toSessionDto(api.status())));
      return {
        ok: true,
        value: () => {
          offBeat();
          offFeed();
        },
      };
    },
    bars({ instrumentId, timeframe }, sink) {
      const id = instrumentId as InstrumentId;
      const bars = api.bars(id, timeframe);
      if (!bars) return fail({ kind: 'not-found', message: `no ${timeframe} bars for ${instrumentId}` });
      sink.snapshot(bars.slice(-CHART_SNAPSHOT_BARS).map(toBarDto));
      const offClosed = api.events.subscribe('bar', (bar) => {
        if (bar.instrumentId === id && bar.timeframe === timeframe) sink.delta(toBarDto(bar));
      });
      const offTick = api.events.subscribe('tick', (tick) => {
        if (tick.instrumentId !== id) return;
        const forming = api.formingBar(id, timeframe);
        if (forming) sink.delta(toBarDto(forming));
      });
      return {
        ok: true,
        value: () => {
          offClosed();
          offTick();
        },
      };
    },
    bots(_params, sink) {
      sink.snapshot(api.bots().map(toBotDto));
      return { ok: true, value: api.events.subscribe('bot', (b) => sink.delta(toBotDto(b))) };
    },
    signals({ botId, limit }, sink) {
      sink.snapshot(api.signals(limit ?? SIGNALS_SNAPSHOT, botId).map(toSignalDto));
      return { ok: true, value: api.events.subscribe('signal', (s) => (botId === undefined || s.botId === botId ? sink.delta(toSignalDto(s)) : undefined)) };
    },
    orders(_params, sink) {
      sink.snapshot(recentOrders(api.trading.orders()).map(order));
      return { ok: true, value: api.events.subscribe('order', (r) => sink.delta(order(r))) };
    },
    trades(_params, sink) {
      sink.snapshot(recentTrades(api.trading.fills()).map((f) => toTradeDto(f, api.trading.ownerOf(f.clientOrderId))));
      return { ok: true, value: api.events.subscribe('fill', (f) => sink.delta(toTradeDto(f, api.trading.ownerOf(f.clientOrderId)))) };
    },
    positions(_params, sink) {
      sink.snapshot(toPositionsDto(api.trading.positions()));
      return { ok: true, value: api.events.subscribe('positions', (v) => sink.delta(toPositionsDto(v))) };
    },
    risk(_params, sink) {
      sink.snapshot(toRiskDto(api.trading.risk()));
      return { ok: true, value: api.events.subscribe('risk', (r) => sink.delta(toRiskDto(r))) };
    },
    findings(_params, sink) {
      sink.snapshot(api.trading.findings().map(toFindingDto));
      return { ok: true, value: api.events.subscribe('finding', (f) => sink.delta(toFindingDto(f))) };
    },
    trading(_params, sink) {
      sink.snapshot(toTradingStatusDto(api.trading.status()));
      return { ok: true, value: api.events.subscribe('trading', (t) => sink.delta(toTradingStatusDto(t))) };
    },
    jobs(_params, sink) {
      const job = api.data.current();
      sink.snapshot(job ? toDataJobDto(job) : null);
      return { ok: true, value: api.events.subscribe('data-job', (j) => sink.delta(toDataJobDto(j))) };
    },
    var(_params, sink) {
      sink.snapshot(api.riskAnalytics ? api.riskAnalytics.varSnapshot() : null);
      return { ok: true, value: api.events.subscribe('var', (s) => sink.delta(s)) };
    },
    quotes: (params, sink) => openQuotes(api, params, sink),
    studies: (params, sink) => openStudies(api, params, sink),
    chain: (params, sink) => openChain(api, params, sink),
    backtests: (_params, sink) => openBacktests(parts.backtests, sink),
    models: (_params, sink) => openModels(api, sink, modelChanges),
  };

  return {
    async invoke(channel, input) {
      if (!isCommandName(channel)) return fail({ kind: 'unknown-channel', message: `unknown command ${JSON.stringify(channel)}` });
      const parsed = commands[channel].input.safeParse(input ?? {});
      if (!parsed.success) return invalid(parsed.error, channel);
      try {
        return await (handlers[channel] as (i: unknown) => Promise<BridgeResult<unknown>>)(parsed.data);
      } catch (e) {
        logger.error({ err: e, channel }, 'command handler threw');
        return fail({ kind: 'internal', message: `${channel} failed inside the engine; see the log` });
      }
    },
    subscribe(stream, params, sink) {
      if (!isStreamName(stream)) return fail({ kind: 'unknown-channel', message: `unknown stream ${JSON.stringify(stream)}` });
      const parsed = streams[stream].params.safeParse(params ?? {});
      if (!parsed.success) return invalid(parsed.error, stream);
      const open = () => (openStream[stream] as (p: unknown, s: StreamSink) => BridgeResult<() => void>)(parsed.data, sink);
      const first = open();
      if (!first.ok) return first;
      let close = first.value;
      // A mode switch replaced the engine: the stream starts again from the new engine's snapshot.
      const offReplaced = api.events.subscribe('engine-replaced', () => {
        close();
        const again = open();
        close = again.ok ? again.value : () => {};
      });
      return {
        ok: true,
        value: () => {
          offReplaced();
          close();
        },
      };
    },
  };
}
