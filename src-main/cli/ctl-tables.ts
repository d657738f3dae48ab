import Table from 'cli-table3';
import { formatIstTime, istDateKey } from '#core/time-ist';
import type { RouteName, RouteOutput } from '#contract/rest-api';

/**
 * `npm run ctl` for people: each answer as a table. Money in rupees with two decimals, times in IST on the
 * engine clock (the simulated one in simulation). `--json` prints the API's own JSON instead.
 */
type Cell = string | number | boolean | undefined | null;

const show = (v: Cell): string => (v === undefined || v === null ? '' : typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toFixed(2)) : String(v));

/** No rule between rows: a screenful of orders stays a screenful. */
const COMPACT = { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' };

export function table(head: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const t = new Table({ head: [...head], chars: COMPACT, style: { head: [], border: [] } });
  for (const r of rows) t.push(r.map(show));
  return t.toString();
}

/** One record as `key | value` lines, without a header. */
export function record(fields: readonly (readonly [string, Cell])[]): string {
  const t = new Table({ chars: COMPACT, style: { head: [], border: [] } });
  for (const [k, v] of fields) t.push([k, show(v)]);
  return t.toString();
}

const when = (ms: number): string => `${istDateKey(ms)} ${formatIstTime(ms)}`;
const range = (min: unknown, max: unknown): string => (min === undefined && max === undefined ? '' : `${show(min as Cell)} – ${show(max as Cell)}`);
const valueText = (v: unknown): string => (Array.isArray(v) ? v.map((x) => (typeof x === 'object' ? JSON.stringify(x) : String(x))).join(',') : show(v as Cell));

/** Backtests' answers are formatted beside their commands, in ctl-backtest.ts. */
type BacktestRoute = 'backtests' | 'backtestStart' | 'backtest' | 'backtestCancel';
/** So are the models' answers, in ctl-models.ts. */
type ModelRoute = 'models' | 'modelCompare' | 'modelPromote' | 'modelRollback' | 'modelRetrain' | 'modelRetrainCancel' | 'modelImport';
/** And VaR, stress and shadow A/B, in ctl-risk-analytics.ts. */
type RiskAnalyticsRoute = 'riskVar' | 'riskStress' | 'riskStressHtml' | 'shadows' | 'shadowStart' | 'shadowCompare' | 'shadowStop' | 'shadowPromote';
/** And the notifications', in ctl-notify.ts. */
type NotifyRoute = 'notifications' | 'notificationsSet' | 'telegramToken' | 'notificationsTest';
/** And the stored history's listing, in ctl-history.ts. */
type HistoryRoute = 'dataHistory';
type Formatters = { [N in Exclude<RouteName, BacktestRoute | ModelRoute | RiskAnalyticsRoute | NotifyRoute | HistoryRoute>]: (v: RouteOutput<N>) => string };

const botRow = (b: RouteOutput<'bot'>): Cell[] => [b.id, b.state, b.execution, b.allocation, b.pnlToday, b.openPositions, b.lastSignal ? `${b.lastSignal.decision}: ${b.lastSignal.reason}`.slice(0, 60) : ''];
const BOT_HEAD = ['bot', 'state', 'paper/live', 'allocation ₹', 'P&L today ₹', 'positions', 'last signal'];
const oneBot = (b: RouteOutput<'bot'>): string => table(BOT_HEAD, [botRow(b)]) + (b.message ? `\n${b.message}` : '');

const trading = (t: RouteOutput<'trading'>): string =>
  record([
    ['broker', t.broker],
    ['live orders', t.liveOrders],
    ['armed', t.armed],
    ['account', t.account ? `${t.account.broker} at ${t.account.host}` : ''],
    ['remembered for', t.rememberedFor],
    ['ready', t.ready],
    ['kill switch running', t.killing],
  ]);

const risk = (r: RouteOutput<'risk'>): string =>
  `${record([
    ['state', r.state],
    ['cause', r.cause],
    ['since', when(r.since)],
    ['P&L ₹', r.pnl],
    ['day P&L ₹', r.dayPnl],
  ])}\n${table(
    ['limit', 'scope', 'used', 'limit', 'use %'],
    r.limits.map((l) => [l.label, l.scope, `${show(l.used)} ${l.unit}`, `${show(l.limit)} ${l.unit}`, l.pct === null ? 'over' : l.pct.toFixed(0)]),
  )}`;

const params = (p: RouteOutput<'botParams'>): string =>
  `${record([
    ['bot', p.botId],
    ['allocation ₹', `${show(p.allocation)} (at most ${show(p.maxAllocation)})`],
    ['paper/live', p.execution],
    ['regimes', p.regimes.join(', ')],
  ])}\n${table(
    ['parameter', 'value', 'default', 'range', 'unit', 'waiting'],
    p.fields.map((f) => [f.key, valueText(p.values[f.key]), valueText(f.default), f.options ? f.options.join('|') : range(f.min, f.max), f.unit, p.pending?.[f.key] !== undefined ? valueText(p.pending[f.key]) : '']),
  )}`;

const dataJob = (j: RouteOutput<'dataImport'>): string =>
  `${record([
    ['job', j.title],
    ['state', j.state],
    ['progress', `${Math.round(j.progress * 100)} %`],
    ['detail', j.detail],
  ])}${j.problems.length ? `\n${table(['problem'], j.problems.map((p) => [p]))}` : ''}`;

export const FORMAT: Formatters = {
  status: (s) =>
    record([
      ['version', s.version],
      ['mode', s.mode],
      ['clock (IST)', when(s.clock.epochMs)],
      ['market open', s.marketOpen],
      ['feed', `${s.feed.name}: ${s.feed.state}${s.feed.message ? ` (${s.feed.message})` : ''}`],
    ]),
  bots: (bots) => table(BOT_HEAD, bots.map(botRow)),
  bot: oneBot,
  botStart: oneBot,
  botStop: oneBot,
  botPause: oneBot,
  botResume: oneBot,
  botParams: params,
  botParamsValidate: (p) => `${params(p)}\nvalid: nothing was changed (drop --check to make the change)`,
  botParamsSet: params,
  signals: (list) =>
    table(
      ['time (IST)', 'bot', 'instrument', 'kind', 'decision', 'reason'],
      list.map((s) => [formatIstTime(s.tsEvent), s.botId, s.instrumentId, s.kind, s.decision.kind, s.decision.reason.slice(0, 80)]),
    ),
  performance: (p) =>
    `${record([
      ['P&L ₹', p.pnl],
      ['day P&L ₹', p.dayPnl],
      ['realised ₹', p.realizedPnl],
      ['unrealised ₹', p.unrealizedPnl],
      ['charges ₹', p.charges],
      ['trades', p.trades],
    ])}\n${table(
      ['bot', 'state', 'paper/live', 'P&L today ₹', 'trades', 'positions', 'structures'],
      p.bots.map((b) => [b.botId, b.state, b.execution, b.pnlToday, b.trades, b.openPositions, b.openStructures]),
    )}`,
  positions: (p) =>
    `${table(
      ['bot', 'instrument', 'product', 'net qty', 'avg ₹', 'mark ₹', 'unrealised ₹'],
      p.positions.map((x) => [x.botId, x.instrumentId, x.product, x.netQuantity, x.avgPrice, x.mark, x.unrealizedPnl]),
    )}\n${record([
      ['realised ₹', p.realizedPnl],
      ['unrealised ₹', p.unrealizedPnl],
      ['charges ₹', p.charges],
      ['structures open', p.structures.length],
    ])}`,
  orders: (list) =>
    table(
      ['time (IST)', 'bot', 'instrument', 'side', 'type', 'qty', 'filled', 'avg ₹', 'status', 'reason'],
      list.map((o) => [formatIstTime(o.tsInit), o.botId ?? (o.killSwitch ? 'kill switch' : ''), o.instrumentId, o.side, o.type, o.quantity, o.filledQuantity, o.avgFillPrice, o.status, o.reason]),
    ),
  trades: (list) =>
    table(
      ['time (IST)', 'bot', 'instrument', 'side', 'qty', 'price ₹', 'charges ₹'],
      list.map((t) => [formatIstTime(t.tsEvent), t.botId, t.instrumentId, t.side, t.quantity, t.price, t.charges]),
    ),
  risk,
  findings: (list) =>
    table(
      ['raised (IST)', 'severity', 'kind', 'bot', 'subject', 'message'],
      list.map((f) => [when(f.tsRaised), f.severity, f.kind, f.botId, f.subject, f.message.slice(0, 80)]),
    ),
  kill: (k) =>
    `${k.message}\n${record([
      ['flat', k.flat],
      ['state', k.state],
      ['orders cancelled', k.cancelled],
      ['closing orders', k.closeOrders],
      ['structures closed', k.structuresClosed],
      ['bots stopped', k.botsStopped.join(', ')],
    ])}${k.left.length ? `\n${table(['bot', 'instrument', 'net qty', 'why it is still open'], k.left.map((l) => [l.botId, l.instrumentId, l.netQuantity, l.reason]))}` : ''}`,
  riskResume: risk,
  trading,
  account: (a) => record([['broker', a.broker], ['OpenAlgo', a.host], ['available cash ₹', a.availableCash]]),
  arm: trading,
  disarm: trading,
  dataImport: dataJob,
  dataJob: (j) => (j === null ? 'no CSV import or history download since the terminal started' : dataJob(j)),
};
