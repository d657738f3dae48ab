import { z } from 'zod';
import { barDto, botDto, botIdSchema, connectionDto, connectionInput, connectionTestDto, feedDto, instrumentDto, instrumentIdSchema, sessionDto, timeframeSchema } from './dto.ts';
import {
  accountDto,
  armInput,
  goLiveInput,
  cancelOrderInput,
  clearFindingInput,
  closePositionInput,
  modifyOrderInput,
  orderStepDto,
  payoffDto,
  bookPayoffDto,
  bookPayoffInput,
  structureLegInput,
  repairInput,
  shockTableDto,
  structureInput,
  submitOutcomeDto,
  findingDto,
  killInput,
  killReportDto,
  orderDto,
  positionsDto,
  resolveUnknownInput,
  resumeInput,
  riskDto,
  tradeDto,
  tradingStatusDto,
} from './trading-dto.ts';
import { botParamsDto, botParamsInput, signalDto, signalsParams } from './bot-dto.ts';
import { notifyPatchInput, notifySettingsDto, notifyTestDto, telegramTokenInput } from './notify-dto.ts';
import { csvImportInput, dataJobDto, historyDownloadInput, riskPatchInput, riskSettingsDto } from './settings-dto.ts';
import { historyListDto, historyListInput } from './history-dto.ts';
import { comparisonDto, sizingPoliciesDto, stressHtmlDto, stressReportDto, variantDto, variantInput, variantRef, varHistoryDto, varInput, varSnapshotDto } from './risk-analytics-dto.ts';
import { backtestDetailDto, backtestDto, backtestRef, backtestReportDto, backtestStartInput } from './backtest-dto.ts';
import { modelComparisonDto, modelCompareInput, modelDto, modelImportInput, modelKindRef, modelRef, modelsDto, retrainInput, retrainJobDto } from './model-dto.ts';
import { chainDto, chainParams, historyInput, quoteDto, quotesParams, settableModeSchema, settingsDto, studiesDeltaDto, studiesParams, studiesSnapshotDto } from './market-dto.ts';

/**
 * Every command the renderer may send: `namespace:verb`, input and output schemas. The Electron preload
 * derives its allowlist from these keys and main validates every input against them.
 */
export const commands = {
  'app:status': { input: z.object({}).strict(), output: sessionDto },
  'market:instruments': { input: z.object({}).strict(), output: z.array(instrumentDto) },
  'bot:start': { input: z.object({ botId: botIdSchema }).strict(), output: botDto },
  'bot:stop': { input: z.object({ botId: botIdSchema }).strict(), output: botDto },
  /** No new positions; the bot's exits and adjustments go on. */
  'bot:pause': { input: z.object({ botId: botIdSchema }).strict(), output: botDto },
  'bot:resume': { input: z.object({ botId: botIdSchema }).strict(), output: botDto },
  /** The bot's parameters with each field's range and label, its capital, paper or live, and regimes. */
  'bot:params:get': { input: z.object({ botId: botIdSchema }).strict(), output: botParamsDto },
  /** Checks a change without making it: the answer is what the settings would be, or what is wrong. */
  'bot:params:validate': { input: botParamsInput, output: botParamsDto },
  /** Makes it (audited); a running bot's parameters take effect at its next evaluation with nothing in flight. */
  'bot:params:set': { input: botParamsInput, output: botParamsDto },
  'connection:get': { input: z.object({}).strict(), output: connectionDto },
  /** Saves the OpenAlgo URLs (config.json) and, when given, the API key (secret store). */
  'connection:save': { input: connectionInput, output: connectionDto },
  /** Ping + funds against OpenAlgo with the given or saved settings; nothing is saved. */
  'connection:test': { input: connectionInput, output: connectionTestDto },
  /** Reconnects the market data feed now: after *expired*, once the trader logged in to the broker. */
  'connection:reconnect': { input: z.object({}).strict(), output: feedDto },
  /** The kill switch: cancel every order, close every position hedge last, stop every bot, halt. */
  'risk:kill': { input: killInput, output: killReportDto },
  /** Back to active after a halt or a restriction (refused while a loss limit is breached). */
  'risk:resume': { input: resumeInput, output: riskDto },
  /** The account OpenAlgo trades for now (ping + funds), to name when arming. */
  'trading:account': { input: z.object({}).strict(), output: accountDto },
  /** Allows live orders, naming the account they go to. */
  'trading:arm': { input: armInput, output: tradingStatusDto },
  'trading:disarm': { input: z.object({}).strict(), output: tradingStatusDto },
  /** The trader's answer to an order whose placement answer was lost and the book could not settle. */
  'order:resolve-unknown': { input: resolveUnknownInput, output: orderDto },
  /** The trader clears a finding after acting on it; a bot it blocked may trade again. */
  'finding:clear': { input: clearFindingInput, output: findingDto },
  /** Carries out a repair offered on a reconciliation finding (audited); the answer is the open findings after it. */
  'finding:repair': { input: repairInput, output: z.array(findingDto) },
  /** Closes a bot's position outside structures at market, through risk (reduce-only). */
  'position:close': { input: closePositionInput, output: submitOutcomeDto },
  /** Exits a structure through its own path: shorts bought back before hedges are sold. */
  'structure:close': { input: structureInput, output: submitOutcomeDto },
  /** Closes one leg of an open structure at market through risk; selling a hedge while its short is held is refused. */
  'structure:close-leg': { input: structureLegInput, output: submitOutcomeDto },
  /** A structure's payoff at expiry and now, and its shock table. */
  'structure:payoff': { input: structureInput, output: payoffDto },
  /** One position's payoff, or the whole book's on one underlying, at expiry and now, with its shock table. */
  'book:payoff': { input: bookPayoffInput, output: bookPayoffDto },
  /** The whole book's P&L on the shock grid of the risk limits. */
  'risk:shock': { input: z.object({}).strict(), output: shockTableDto },
  'order:cancel': { input: cancelOrderInput, output: submitOutcomeDto },
  /** An order's whole life from the engine's event log, oldest first (the order history's transitions). */
  'order:steps': { input: cancelOrderInput, output: z.array(orderStepDto) },
  /** Changes a working limit or stop order's quantity or prices. */
  'order:modify': { input: modifyOrderInput, output: submitOutcomeDto },
  /** Closed bars older than `before`, for a chart scrolled back past what it holds. */
  'market:history': { input: historyInput, output: z.array(barDto) },
  'settings:get': { input: z.object({}).strict(), output: settingsDto },
  /** Switches between simulation and paper now, refused while the book holds anything (live only through the arming step). */
  'settings:mode': { input: z.object({ mode: settableModeSchema }).strict(), output: settingsDto },
  /** The account a switch to live would arm: the broker OpenAlgo trades for with the saved connection, and its funds. */
  'settings:live:account': { input: z.object({}).strict(), output: accountDto },
  /** Switches to live now, armed for the named account once the confirmation word is typed (audited); refused while the book holds anything. */
  'settings:live': { input: goLiveInput, output: settingsDto },
  /** The risk limits in force and as saved in config.json. */
  'settings:risk:get': { input: z.object({}).strict(), output: riskSettingsDto },
  /** Saves a change to the risk limits (checked by the config schema, audited) for the next start. */
  'settings:risk:set': { input: riskPatchInput, output: riskSettingsDto },
  /** The notifications as saved, whether a Telegram bot token is saved (never the token), what sends now. */
  'settings:notify:get': { input: z.object({}).strict(), output: notifySettingsDto },
  /** Saves a change to the notifications (checked by the config schema, audited); they restart with it. */
  'settings:notify:set': { input: notifyPatchInput, output: notifySettingsDto },
  /** Saves or replaces the Telegram bot token in the secret store, or removes it (`null`); answers "set"/"not set" only. */
  'settings:notify:token': { input: telegramTokenInput, output: notifySettingsDto },
  /** Sends a test message through each configured sink (Telegram with the saved chat and token, even while off). */
  'settings:notify:test': { input: z.object({}).strict(), output: notifyTestDto },
  /** Imports a CSV file or folder into the database (progress on the `jobs` stream). */
  'data:import': { input: csvImportInput, output: dataJobDto },
  /** Downloads history through OpenAlgo into the database, only what is missing (paper and live). */
  'data:history': { input: historyDownloadInput, output: dataJobDto },
  /** What history the database holds per instrument and bar size: bars, first and last, sessions, sources (at most `limit` series, the rest counted). */
  'data:history:list': { input: historyListInput, output: historyListDto },
  /** The book's VaR and ES from the last refresh (the first one starts if none yet), the stored figures since `sinceMs` (default: the last day) and the limit in force. */
  'risk:var': { input: varInput, output: varHistoryDto },
  /** The book's P&L, in total and per bot, under each named stress scenario. */
  'risk:stress': { input: z.object({}).strict(), output: stressReportDto },
  /** The same as one HTML page to save. */
  'risk:stress:html': { input: z.object({}).strict(), output: stressHtmlDto },
  /** Every sizing policy a bot's settings may name, with its fields (from the policy schema), for the settings editor. */
  'sizing:policies': { input: z.object({}).strict(), output: sizingPoliciesDto },
  /** Shadow A/B: every variant, running or ended. */
  'shadow:list': { input: z.object({}).strict(), output: z.array(variantDto) },
  /** Starts a variant of a bot (other parameters or sizing) on paper beside it (audited). */
  'shadow:start': { input: variantInput, output: variantDto },
  'shadow:stop': { input: variantRef, output: variantDto },
  /** The variant against its bot over the sessions since it started, with Welch's test and a verdict. */
  'shadow:compare': { input: variantRef, output: comparisonDto },
  /** The variant's settings become the bot's in one audited change; the variant ends. */
  'shadow:promote': { input: variantRef, output: variantDto },
  /** Starts a backtest on a thread of its own (at most two at once, about a year of sessions); progress on the `backtests` stream. */
  'backtest:start': { input: backtestStartInput, output: backtestDto },
  /** Stops a running backtest at its next step. */
  'backtest:cancel': { input: backtestRef, output: backtestDto },
  /** A backtest with its whole result once done: metrics, equity and drawdown, trades with their signals. */
  'backtest:get': { input: backtestRef, output: backtestDetailDto },
  /** A finished run's HTML report (what `npm run backtest -- --out` writes as report.html). */
  'backtest:report': { input: backtestRef, output: backtestReportDto },
  /** Every model kind's slot, every registered version with its data, out-of-sample figures and calibration, the latest retraining. */
  'models:list': { input: z.object({}).strict(), output: modelsDto },
  /** Two versions of one kind side by side, and whether their figures are like for like. */
  'models:compare': { input: modelCompareInput, output: modelComparisonDto },
  /** Puts a version in force (hot reload: the next evaluation runs it; audited in the promotion history). */
  'models:promote': { input: modelRef, output: modelsDto },
  /** Back to the version in force before the current one. */
  'models:rollback': { input: modelKindRef, output: modelsDto },
  /** Retrains on the stored history in a worker thread (one at a time); progress on the `models` stream. The bots keep the models in force. */
  'models:retrain': { input: retrainInput, output: retrainJobDto },
  'models:retrain:cancel': { input: z.object({}).strict(), output: retrainJobDto },
  /** Brings in an ONNX file (its manifest beside it) checked against the kind's contract; refused with the reason. Promote it afterwards. */
  'models:import': { input: modelImportInput, output: modelDto },
} as const;

/** Event streams: a snapshot on subscribe, then deltas. */
export const streams = {
  session: { params: z.object({}).strict(), snapshot: sessionDto, delta: sessionDto },
  bars: {
    params: z.object({ instrumentId: instrumentIdSchema, timeframe: timeframeSchema }).strict(),
    snapshot: z.array(barDto),
    delta: barDto,
  },
  bots: { params: z.object({}).strict(), snapshot: z.array(botDto), delta: botDto },
  /** The bots' signals (of one bot when given), latest last; a delta is one new signal. */
  signals: { params: signalsParams, snapshot: z.array(signalDto), delta: signalDto },
  /** Open orders and the latest finished ones; a delta is one order as it is now. */
  orders: { params: z.object({}).strict(), snapshot: z.array(orderDto), delta: orderDto },
  /** Fills, latest last; a delta is one new fill. */
  trades: { params: z.object({}).strict(), snapshot: z.array(tradeDto), delta: tradeDto },
  /** Positions and structures with marks and Greeks; a delta replaces the whole view. */
  positions: { params: z.object({}).strict(), snapshot: positionsDto, delta: positionsDto },
  /** Trading state, the day's P&L and every limit's use; a delta replaces the whole view. */
  risk: { params: z.object({}).strict(), snapshot: riskDto, delta: riskDto },
  /** Open findings; a delta is one finding raised or resolved. */
  findings: { params: z.object({}).strict(), snapshot: z.array(findingDto), delta: findingDto },
  /** Broker, live arming and the kill switch's progress. */
  trading: { params: z.object({}).strict(), snapshot: tradingStatusDto, delta: tradingStatusDto },
  /** The feed's instruments and the legs asked for: last price against the previous close; a delta is the newest quote of each instrument that ticked in one turn of the engine's event loop. */
  quotes: { params: quotesParams, snapshot: z.array(quoteDto), delta: z.array(quoteDto) },
  /** Indicator values and price-action marks computed by the engine for one chart. */
  studies: { params: studiesParams, snapshot: studiesSnapshotDto, delta: studiesDeltaDto },
  /** One option chain around the money; a delta replaces it (at most about once a second). */
  chain: { params: chainParams, snapshot: chainDto, delta: chainDto },
  /** The latest CSV import or history download (null before the first); a delta is its progress. */
  jobs: { params: z.object({}).strict(), snapshot: dataJobDto.nullable(), delta: dataJobDto },
  /** The book's VaR after every refresh (schedule and fills); null before the first. */
  var: { params: z.object({}).strict(), snapshot: varSnapshotDto.nullable(), delta: varSnapshotDto },
  /** Running backtests and the kept runs, newest first; a delta is one backtest as it is now (a finished one as its kept run, with `jobId`). */
  backtests: { params: z.object({}).strict(), snapshot: z.array(backtestDto), delta: backtestDto },
  /** The models view (as `models:list`); a delta replaces it: a promotion, a rollback, an import, a retraining's progress. */
  models: { params: z.object({}).strict(), snapshot: modelsDto, delta: modelsDto },
} as const;

export type Commands = typeof commands;
export type CommandName = keyof Commands;
export type CommandInput<C extends CommandName> = z.input<Commands[C]['input']>;
export type CommandOutput<C extends CommandName> = z.infer<Commands[C]['output']>;

export type Streams = typeof streams;
export type StreamName = keyof Streams;
export type StreamParams<S extends StreamName> = z.input<Streams[S]['params']>;
export type StreamSnapshot<S extends StreamName> = z.infer<Streams[S]['snapshot']>;
export type StreamDelta<S extends StreamName> = z.infer<Streams[S]['delta']>;

export const COMMAND_NAMES = Object.keys(commands) as CommandName[];
export const STREAM_NAMES = Object.keys(streams) as StreamName[];

export function isCommandName(name: unknown): name is CommandName {
  return typeof name === 'string' && Object.hasOwn(commands, name);
}

export function isStreamName(name: unknown): name is StreamName {
  return typeof name === 'string' && Object.hasOwn(streams, name);
}
