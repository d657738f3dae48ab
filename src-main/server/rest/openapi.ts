import { z } from 'zod';
import { botDto } from '#contract/dto';
import { botParamsDto, signalDto } from '#contract/bot-dto';
import { apiErrorDto, apiStatusDto, backtestReportPage, botParamsChange, performanceDto, restRoutes, ROUTE_NAMES, type RestRoute } from '#contract/rest-api';
import { accountDto, armInput, findingDto, killReportDto, orderDto, positionsDto, resumeInput, riskDto, tradeDto, tradingStatusDto } from '#contract/trading-dto';
import { csvImportInput, dataJobDto } from '#contract/settings-dto';
import { historyListDto } from '#contract/history-dto';
import { notifyPatchInput, notifySettingsDto, notifyTestDto, telegramTokenInput } from '#contract/notify-dto';
import { backtestDetailDto, backtestDto, backtestStartInput } from '#contract/backtest-dto';
import { comparisonDto, stressHtmlDto, stressReportDto, varHistoryDto, variantDto, variantInput } from '#contract/risk-analytics-dto';
import { modelComparisonDto, modelCompareInput, modelDto, modelImportInput, modelKindRef, modelRef, modelsDto, retrainInput, retrainJobDto } from '#contract/model-dto';

type JsonSchema = Record<string, unknown>;

export interface OpenApiDocument {
  readonly openapi: '3.1.0';
  readonly info: { title: string; version: string; description: string };
  readonly paths: Record<string, Record<string, unknown>>;
  readonly components: { schemas: Record<string, JsonSchema>; securitySchemes: Record<string, unknown> };
  readonly security: readonly Record<string, readonly string[]>[];
  readonly tags: readonly { name: string; description: string }[];
}

const REF = (id: string): string => `#/components/schemas/${id}`;
const cap = (s: string): string => s[0]!.toUpperCase() + s.slice(1);

/** The contract's DTOs under their own names; a route's answer or body that is none of them is named after the route. */
const NAMED_OUTPUTS = new Map<z.ZodType, string>([
  [apiErrorDto, 'Error'],
  [apiStatusDto, 'Status'],
  [botDto, 'Bot'],
  [botParamsDto, 'BotParams'],
  [signalDto, 'Signal'],
  [performanceDto, 'Performance'],
  [positionsDto, 'Positions'],
  [orderDto, 'Order'],
  [tradeDto, 'Trade'],
  [riskDto, 'Risk'],
  [findingDto, 'Finding'],
  [killReportDto, 'KillReport'],
  [varHistoryDto, 'VarHistory'],
  [stressReportDto, 'StressReport'],
  [stressHtmlDto, 'StressHtml'],
  [variantDto, 'ShadowVariant'],
  [comparisonDto, 'ShadowComparison'],
  [tradingStatusDto, 'TradingStatus'],
  [accountDto, 'Account'],
  [dataJobDto, 'DataJob'],
  [historyListDto, 'HistoryList'],
  [backtestDto, 'Backtest'],
  [backtestDetailDto, 'BacktestDetail'],
  [modelsDto, 'Models'],
  [modelDto, 'Model'],
  [modelComparisonDto, 'ModelComparison'],
  [retrainJobDto, 'RetrainJob'],
  [notifySettingsDto, 'NotificationSettings'],
  [notifyTestDto, 'NotificationTest'],
]);
const NAMED_INPUTS = new Map<z.ZodType, string>([
  [botParamsChange, 'BotParamsChange'],
  [armInput, 'ArmInput'],
  [resumeInput, 'ResumeInput'],
  [csvImportInput, 'CsvImportInput'],
  [backtestStartInput, 'BacktestStartInput'],
  [variantInput, 'ShadowVariantInput'],
  [modelRef, 'ModelRef'],
  [modelKindRef, 'ModelKindRef'],
  [modelCompareInput, 'ModelCompareInput'],
  [retrainInput, 'RetrainInput'],
  [modelImportInput, 'ModelImportInput'],
  [notifyPatchInput, 'NotificationSettingsChange'],
  [telegramTokenInput, 'TelegramTokenInput'],
]);
const schemaId = (named: ReadonlyMap<z.ZodType, string>, schema: z.ZodType, route: string, suffix: string): string => named.get(schema) ?? `${cap(route)}${suffix}`;
const responseId = (name: (typeof ROUTE_NAMES)[number]): string => schemaId(NAMED_OUTPUTS, restRoutes[name].response, name, 'Response');
const bodyId = (name: (typeof ROUTE_NAMES)[number]): string => schemaId(NAMED_INPUTS, (restRoutes[name] as RestRoute).body!, name, 'Body');

const TAGS = [
  { name: 'terminal', description: 'The running terminal' },
  { name: 'bots', description: 'The bots: lifecycle, parameters, signals, shadow A/B variants' },
  { name: 'book', description: 'Orders, fills, positions and P&L' },
  { name: 'risk', description: 'Trading state, the kill switch, live arming, VaR and stress scenarios' },
  { name: 'data', description: 'Market data: CSV imports and history downloads' },
  { name: 'backtests', description: 'Backtests of the bots on the engine: start, progress, results' },
  { name: 'models', description: 'The ML models: registry, promotion, rollback, retraining, bring your own ONNX' },
  { name: 'settings', description: 'Settings of the running terminal: notifications' },
];

const ERRORS: Record<string, string> = {
  '400': 'A path parameter, query value or body field is invalid (`field` names it)',
  '401': 'No valid access token',
  '403': 'The Host or Origin is not this terminal’s',
  '404': 'No such bot or path',
  '409': 'Not possible in the current state (e.g. trading halted, nothing to arm)',
  '503': 'A dependency (OpenAlgo) did not answer',
};

/** The schemas of one `io` side as components; zod writes `$ref`s between the ones registered together. */
function components(entries: ReadonlyMap<z.ZodType, string>, io: 'input' | 'output'): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  for (const [schema, id] of entries) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, { target: 'draft-2020-12', io, unrepresentable: 'any', uri: REF }) as { schemas: Record<string, JsonSchema> };
  return Object.fromEntries(Object.entries(schemas).map(([id, s]) => [id, Object.fromEntries(Object.entries(s).filter(([k]) => k !== '$schema' && k !== '$id'))]));
}

function parameters(route: Pick<RestRoute, 'params' | 'query'>): unknown[] {
  const list: unknown[] = [];
  for (const [where, schema] of [['path', route.params], ['query', route.query]] as const) {
    if (!schema) continue;
    const json = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, JsonSchema>; required?: string[] };
    for (const [name, s] of Object.entries(json.properties ?? {})) {
      list.push({ name, in: where, required: where === 'path' || (json.required ?? []).includes(name), schema: s });
    }
  }
  return list;
}

function errorsOf(route: Pick<RestRoute, 'params' | 'query' | 'body'>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(ERRORS)
      .filter(([code]) => code !== '400' || route.params || route.query || route.body)
      // The Host/Origin guard answers before any route, in plain text.
      .map(([code, description]) => [code, { description, content: code === '403' ? { 'text/plain': { schema: { type: 'string' } } } : { 'application/json': { schema: { $ref: REF('Error') } } } }]),
  );
}

/**
 * The OpenAPI 3.1 document of the REST API, generated from the contract's route table and zod schemas,
 * so it cannot drift from what the server checks and answers.
 */
export function openApiDocument(version: string): OpenApiDocument {
  const outputs = new Map<z.ZodType, string>(NAMED_OUTPUTS);
  const inputs = new Map<z.ZodType, string>(NAMED_INPUTS);
  for (const n of ROUTE_NAMES) {
    const route: RestRoute = restRoutes[n];
    outputs.set(route.response, responseId(n));
    if (route.body) inputs.set(route.body, bodyId(n));
  }
  const paths: Record<string, Record<string, unknown>> = {};
  for (const name of ROUTE_NAMES) {
    const route: RestRoute = restRoutes[name];
    const errors = errorsOf(route);
    paths[route.path] = {
      ...paths[route.path],
      [route.method.toLowerCase()]: {
        operationId: name,
        summary: route.summary,
        tags: [route.tag],
        parameters: parameters(route),
        ...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema: { $ref: REF(bodyId(name)) } } } } } : {}),
        responses: { '200': { description: 'OK', content: { 'application/json': { schema: { $ref: REF(responseId(name)) } } } }, ...errors },
      },
    };
  }
  paths[backtestReportPage.path] = {
    get: {
      operationId: 'backtestReportPage',
      summary: backtestReportPage.summary,
      tags: [backtestReportPage.tag],
      parameters: parameters(backtestReportPage),
      responses: { '200': { description: 'The report page', content: { 'text/html': { schema: { type: 'string' } } } }, ...errorsOf(backtestReportPage) },
    },
  };
  return {
    openapi: '3.1.0',
    info: {
      title: 'Trading terminal local API',
      version,
      description:
        'The terminal’s own commands over HTTP, for scripts and notebooks: the same validation and engine commands as the UI. ' +
        'Send the access token the terminal printed as `Authorization: Bearer <token>`; only this machine’s names are served, and no other web origin may call it.',
    },
    tags: TAGS,
    paths,
    components: {
      schemas: { ...components(outputs, 'output'), ...components(inputs, 'input') },
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'The access token (printed at start, or TERMINAL_SERVER_TOKEN)' } },
    },
    security: [{ bearer: [] }],
  };
}
