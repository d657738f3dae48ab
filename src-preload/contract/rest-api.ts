import { z } from 'zod';
import { botDto, botIdSchema, feedStateSchema, modeSchema } from './dto.ts';
import { botParamsDto, botParamsInput, signalDto } from './bot-dto.ts';
import { executionSchema } from './bot-stats-dto.ts';
import { accountDto, armInput, findingDto, killReportDto, orderDto, positionsDto, resumeInput, riskDto, tradeDto, tradingStatusDto } from './trading-dto.ts';
import { csvImportInput, dataJobDto } from './settings-dto.ts';
import { HISTORY_LIST_DEFAULT, HISTORY_LIST_MAX, historyListDto, historyListQuery } from './history-dto.ts';
import { notifyPatchInput, notifySettingsDto, notifyTestDto, telegramTokenInput } from './notify-dto.ts';
import { modelComparisonDto, modelCompareInput, modelDto, modelImportInput, modelKindRef, modelRef, modelsDto, retrainInput, retrainJobDto } from './model-dto.ts';
import { backtestDetailDto, backtestDto, backtestIdSchema, backtestStartInput } from './backtest-dto.ts';
import { comparisonDto, stressHtmlDto, stressReportDto, varHistoryDto, variantDto, variantInput, variantRef } from './risk-analytics-dto.ts';

/**
 * The local REST API (`/api/*`): every route with its method, path and schemas. The server registers
 * exactly these, the OpenAPI document is generated from them and the typed client validates its answers
 * with them. Bodies and answers are the bridge contract's own DTOs: the API is one more door to the same
 * commands, not a second set of shapes.
 */

/** `GET /api/status`: the engine clock both as epoch ms and ISO text, for people reading a script's output. */
export const apiStatusDto = z.object({
  version: z.string(),
  mode: modeSchema,
  clock: z.object({ epochMs: z.number().int(), iso: z.string() }),
  marketOpen: z.boolean(),
  feed: z.object({ name: z.string(), state: feedStateSchema, message: z.string().optional() }),
});
export type ApiStatusDto = z.infer<typeof apiStatusDto>;

/** Every refusal: `error` is the kind (`invalid-input`, `not-found`, `unauthorized`, …), `field` the offending input. */
export const apiErrorDto = z.object({ error: z.string(), message: z.string(), field: z.string().optional() });
export type ApiErrorDto = z.infer<typeof apiErrorDto>;

export const botPerformanceDto = z.object({
  botId: z.string(),
  name: z.string(),
  state: z.string(),
  execution: executionSchema.optional(),
  /** Realised less charges plus marked-to-market since the session began, rupees. */
  pnlToday: z.number().optional(),
  /** Fills of this bot among the recent trades. */
  trades: z.number().int(),
  openPositions: z.number().int().optional(),
  openStructures: z.number().int().optional(),
});

/** `GET /api/performance`: the book's P&L and each bot's share of it. Money in rupees. */
export const performanceDto = z.object({
  ts: z.number().int(),
  /** Realised plus unrealised less charges since the book began. */
  pnl: z.number(),
  dayPnl: z.number(),
  realizedPnl: z.number(),
  unrealizedPnl: z.number().optional(),
  charges: z.number(),
  /** Fills among the recent trades (the same window as `GET /api/trades`). */
  trades: z.number().int(),
  bots: z.array(botPerformanceDto),
});
export type PerformanceDto = z.infer<typeof performanceDto>;

/** A change to a bot's settings: `bot:params:*` without the bot, which the path names. */
export const botParamsChange = botParamsInput.omit({ botId: true });
export type BotParamsChange = z.input<typeof botParamsChange>;

const botPath = z.object({ bot: botIdSchema }).strict();
const backtestPath = z.object({ id: backtestIdSchema }).strict();
const variantPath = z.object({ variant: variantRef.shape.variantId }).strict();
const varQuery = z.object({ since: z.coerce.number().int().min(0).optional() }).strict();
/** Query values arrive as text; numbers are read from it. */
const signalsQuery = z.object({ bot: botIdSchema.optional(), limit: z.coerce.number().int().min(1).max(1000).optional() }).strict();

export type HttpMethod = 'GET' | 'POST' | 'PUT';

export interface RestRoute {
  readonly method: HttpMethod;
  /** OpenAPI style: `{bot}` is a path parameter. */
  readonly path: string;
  readonly summary: string;
  readonly tag: 'terminal' | 'bots' | 'book' | 'risk' | 'data' | 'backtests' | 'models' | 'settings';
  readonly params?: z.ZodObject;
  readonly query?: z.ZodObject;
  readonly body?: z.ZodType;
  readonly response: z.ZodType;
}

const route = <const R extends RestRoute>(r: R): R => r;

export const restRoutes = {
  status: route({ method: 'GET', path: '/api/status', tag: 'terminal', summary: 'Version, trading mode, engine clock, market open, feed state', response: apiStatusDto }),
  bots: route({ method: 'GET', path: '/api/bots', tag: 'bots', summary: 'Every bot with its state, paper or live, allocation, P&L today and last signal', response: z.array(botDto) }),
  bot: route({ method: 'GET', path: '/api/bots/{bot}', tag: 'bots', summary: 'One bot', params: botPath, response: botDto }),
  botStart: route({ method: 'POST', path: '/api/bots/{bot}/start', tag: 'bots', summary: 'Start a bot (bot:start)', params: botPath, response: botDto }),
  botStop: route({ method: 'POST', path: '/api/bots/{bot}/stop', tag: 'bots', summary: 'Stop a bot; it closes its positions unless flattenOnStop is off (bot:stop)', params: botPath, response: botDto }),
  botPause: route({ method: 'POST', path: '/api/bots/{bot}/pause', tag: 'bots', summary: 'No new positions; exits and adjustments go on (bot:pause)', params: botPath, response: botDto }),
  botResume: route({ method: 'POST', path: '/api/bots/{bot}/resume', tag: 'bots', summary: 'Resume a paused bot (bot:resume)', params: botPath, response: botDto }),
  botParams: route({ method: 'GET', path: '/api/bots/{bot}/params', tag: 'bots', summary: 'Parameters with their ranges, allocation, paper or live, regimes (bot:params:get)', params: botPath, response: botParamsDto }),
  botParamsValidate: route({
    method: 'POST',
    path: '/api/bots/{bot}/params/validate',
    tag: 'bots',
    summary: 'Check a settings change without making it (bot:params:validate)',
    params: botPath,
    body: botParamsChange,
    response: botParamsDto,
  }),
  botParamsSet: route({
    method: 'PUT',
    path: '/api/bots/{bot}/params',
    tag: 'bots',
    summary: 'Change a bot’s settings, audited; a running bot takes them at its next evaluation with nothing in flight (bot:params:set)',
    params: botPath,
    body: botParamsChange,
    response: botParamsDto,
  }),
  signals: route({ method: 'GET', path: '/api/signals', tag: 'bots', summary: 'Stored signals, latest last (of one bot with ?bot=; ?limit= 1–1000, default 200)', query: signalsQuery, response: z.array(signalDto) }),
  performance: route({ method: 'GET', path: '/api/performance', tag: 'book', summary: 'P&L of the book and of each bot', response: performanceDto }),
  positions: route({ method: 'GET', path: '/api/positions', tag: 'book', summary: 'Open positions and structures with marks and Greeks', response: positionsDto }),
  orders: route({ method: 'GET', path: '/api/orders', tag: 'book', summary: 'Open orders and the latest finished ones', response: z.array(orderDto) }),
  trades: route({ method: 'GET', path: '/api/trades', tag: 'book', summary: 'Recent fills, latest last', response: z.array(tradeDto) }),
  risk: route({ method: 'GET', path: '/api/risk', tag: 'risk', summary: 'Trading state, the day’s P&L and every limit’s use', response: riskDto }),
  findings: route({ method: 'GET', path: '/api/findings', tag: 'risk', summary: 'Open findings of the order manager and reconciliation', response: z.array(findingDto) }),
  kill: route({ method: 'POST', path: '/api/kill', tag: 'risk', summary: 'The kill switch: cancel every order, close every position hedges last, stop every bot, halt', response: killReportDto }),
  riskResume: route({ method: 'POST', path: '/api/risk/resume', tag: 'risk', summary: 'Back to active after a halt (refused while a loss limit is breached); say why', body: resumeInput, response: riskDto }),
  trading: route({ method: 'GET', path: '/api/trading', tag: 'risk', summary: 'Broker, live orders, arming and the kill switch’s progress', response: tradingStatusDto }),
  account: route({ method: 'GET', path: '/api/trading/account', tag: 'risk', summary: 'The account OpenAlgo trades for now: the one arming must name', response: accountDto }),
  arm: route({
    method: 'POST',
    path: '/api/trading/arm',
    tag: 'risk',
    summary: 'Allow live orders: name the broker and host GET /api/trading/account reports, as the terminal’s arming step does (audited)',
    body: armInput,
    response: tradingStatusDto,
  }),
  disarm: route({ method: 'POST', path: '/api/trading/disarm', tag: 'risk', summary: 'Refuse live orders again (audited)', response: tradingStatusDto }),
  riskVar: route({
    method: 'GET',
    path: '/api/risk/var',
    tag: 'risk',
    summary: 'Portfolio VaR and ES (historical and Monte Carlo, 95 % and 99 %, one day and intraday): the latest refresh and the stored history since ?since= (epoch ms; default the last day) (risk:var)',
    query: varQuery,
    response: varHistoryDto,
  }),
  riskStress: route({ method: 'GET', path: '/api/risk/stress', tag: 'risk', summary: 'The P&L of the book and of each bot under every named stress scenario (risk:stress)', response: stressReportDto }),
  riskStressHtml: route({ method: 'GET', path: '/api/risk/stress/html', tag: 'risk', summary: 'The stress report as a self-contained HTML page with a file name to save it under (risk:stress:html)', response: stressHtmlDto }),
  shadows: route({ method: 'GET', path: '/api/shadow', tag: 'bots', summary: 'Shadow A/B variants of the bots, running, stopped and promoted (shadow:list)', response: z.array(variantDto) }),
  shadowStart: route({
    method: 'POST',
    path: '/api/shadow',
    tag: 'bots',
    summary: 'Run a variant of a bot (other parameters or sizing) on paper beside it, on its own order path (shadow:start, audited)',
    body: variantInput,
    response: variantDto,
  }),
  shadowCompare: route({
    method: 'GET',
    path: '/api/shadow/{variant}/compare',
    tag: 'bots',
    summary: 'The variant against its bot: P&L net of charges, hit rate, drawdown, slippage, Welch’s test, and a verdict only past the minimum sample (shadow:compare)',
    params: variantPath,
    response: comparisonDto,
  }),
  shadowStop: route({ method: 'POST', path: '/api/shadow/{variant}/stop', tag: 'bots', summary: 'Stop a variant; its stored trades stay for the comparison (shadow:stop, audited)', params: variantPath, response: variantDto }),
  shadowPromote: route({
    method: 'POST',
    path: '/api/shadow/{variant}/promote',
    tag: 'bots',
    summary: 'Give the bot the variant’s settings in one audited change; the variant stops (shadow:promote)',
    params: variantPath,
    response: variantDto,
  }),
  backtests: route({ method: 'GET', path: '/api/backtests', tag: 'backtests', summary: 'Running backtests, then the kept runs, newest first', response: z.array(backtestDto) }),
  backtestStart: route({
    method: 'POST',
    path: '/api/backtests',
    tag: 'backtests',
    summary: 'Start a backtest on a thread of its own (at most two at once, at most 250 sessions); answers its id, follow it with GET /api/backtests/{id} (backtest:start)',
    body: backtestStartInput,
    response: backtestDto,
  }),
  backtest: route({ method: 'GET', path: '/api/backtests/{id}', tag: 'backtests', summary: 'A backtest’s progress, and its result once done: metrics, equity, trades with their signals (backtest:get)', params: backtestPath, response: backtestDetailDto }),
  backtestCancel: route({ method: 'POST', path: '/api/backtests/{id}/cancel', tag: 'backtests', summary: 'Stop a running backtest (backtest:cancel)', params: backtestPath, response: backtestDto }),
  dataImport: route({
    method: 'POST',
    path: '/api/data/import',
    tag: 'data',
    summary: 'Import a .csv file or a folder of them, on the terminal’s machine, into its database; follow it with GET /api/data/job (data:import)',
    body: csvImportInput,
    response: dataJobDto,
  }),
  dataHistory: route({
    method: 'GET',
    path: '/api/data/history',
    tag: 'data',
    summary: `Stored history per instrument and bar size: bars, first and last (IST), sessions, bars by source; ?exchange=NFO or ?instrument=NFO:NIFTY, ?timeframe=1m, ?limit=N (default ${HISTORY_LIST_DEFAULT}, at most ${HISTORY_LIST_MAX} series; "more" counts the rest) (data:history:list)`,
    query: historyListQuery,
    response: historyListDto,
  }),
  dataJob: route({ method: 'GET', path: '/api/data/job', tag: 'data', summary: 'The latest CSV import or history download with its progress and problems; null before the first', response: dataJobDto.nullable() }),
  models: route({ method: 'GET', path: '/api/models', tag: 'models', summary: 'Every model kind’s slot, every registered version (data, out-of-sample figures, calibration, hash, in force), the latest retraining (models:list)', response: modelsDto }),
  modelCompare: route({ method: 'POST', path: '/api/models/compare', tag: 'models', summary: 'Two versions of one kind side by side: { "a": "regime@1", "b": "regime@2" } (models:compare)', body: modelCompareInput, response: modelComparisonDto }),
  modelPromote: route({ method: 'POST', path: '/api/models/promote', tag: 'models', summary: 'Put a version in force; the next evaluation runs it (models:promote)', body: modelRef, response: modelsDto }),
  modelRollback: route({ method: 'POST', path: '/api/models/rollback', tag: 'models', summary: 'Back to the version of a kind in force before the current one (models:rollback)', body: modelKindRef, response: modelsDto }),
  modelRetrain: route({
    method: 'POST',
    path: '/api/models/retrain',
    tag: 'models',
    summary: 'Retrain on the stored history in a worker thread, one job at a time; follow it with GET /api/models (models:retrain)',
    body: retrainInput,
    response: retrainJobDto,
  }),
  modelRetrainCancel: route({ method: 'POST', path: '/api/models/retrain/cancel', tag: 'models', summary: 'Stop the running retraining; nothing is registered (models:retrain:cancel)', response: retrainJobDto }),
  notifications: route({
    method: 'GET',
    path: '/api/settings/notifications',
    tag: 'settings',
    summary: 'The notifications as saved, whether a Telegram bot token is saved (never the token), what sends now (settings:notify:get)',
    response: notifySettingsDto,
  }),
  notificationsSet: route({
    method: 'PUT',
    path: '/api/settings/notifications',
    tag: 'settings',
    summary: 'Change the notifications: { "telegram": { "enabled": true, "chatId": "123456789" }, "rules": { "fill": { "enabled": false } } }; audited, in force at once (settings:notify:set)',
    body: notifyPatchInput,
    response: notifySettingsDto,
  }),
  telegramToken: route({
    method: 'PUT',
    path: '/api/settings/notifications/telegram-token',
    tag: 'settings',
    summary: 'Save or replace the Telegram bot token in the secret store ({ "token": "…" }), or remove it ({ "token": null }); answers set or not set, never the token (settings:notify:token)',
    body: telegramTokenInput,
    response: notifySettingsDto,
  }),
  notificationsTest: route({
    method: 'POST',
    path: '/api/settings/notifications/test',
    tag: 'settings',
    summary: 'Send a test message through each configured sink and say whether it arrived (settings:notify:test)',
    response: notifyTestDto,
  }),
  modelImport: route({
    method: 'POST',
    path: '/api/models/import',
    tag: 'models',
    summary: 'Bring your own ONNX: a file on the terminal’s machine with its manifest beside it, checked against the kind’s contract (models:import)',
    body: modelImportInput,
    response: modelDto,
  }),
} as const;

/**
 * A kept backtest's report as an HTML page (`backtest:report`'s page itself rather than JSON around it),
 * for a browser tab or `curl -o`. Apart from `restRoutes`: its answer is a page, not a JSON document.
 */
export const backtestReportPage = {
  method: 'GET',
  path: '/api/backtests/{id}/report.html',
  tag: 'backtests',
  summary: 'A finished backtest’s report as one self-contained HTML page: figures, equity and drawdown as inline SVG, the trades (backtest:report)',
  params: backtestPath,
} as const;

/** Where a backtest's report page is, on the terminal serving this page. */
export const backtestReportHref = (id: string): string => backtestReportPage.path.replace('{id}', encodeURIComponent(id));

export type RestRoutes = typeof restRoutes;
export type RouteName = keyof RestRoutes;
export const ROUTE_NAMES = Object.keys(restRoutes) as RouteName[];

type Part<R, K extends 'params' | 'query' | 'body'> = R extends { [P in K]: infer S extends z.ZodType } ? { [P in K]: z.input<S> } : { [P in K]?: never };
type OptionalPart<R, K extends 'query'> = R extends { [P in K]: infer S extends z.ZodType } ? { [P in K]?: z.input<S> } : { [P in K]?: never };
/** What a call of the route takes: its path parameters, query and body, each only where the route has one (a query is always optional). */
export type RouteInput<N extends RouteName> = Part<RestRoutes[N], 'params'> & OptionalPart<RestRoutes[N], 'query'> & Part<RestRoutes[N], 'body'>;
export type RouteOutput<N extends RouteName> = z.infer<RestRoutes[N]['response']>;
