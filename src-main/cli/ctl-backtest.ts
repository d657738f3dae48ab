import { z } from 'zod';
import type { ApiResult, TerminalClient } from '#client/rest-client';
import type { RouteOutput } from '#contract/rest-api';
import { BACKTEST_UNDERLYING_NAMES, backtestStartInput, type BacktestStartInput } from '#contract/backtest-dto';
import { call, usage, type CtlPlan, type UsagePlan } from './ctl-plan.ts';
import { record, table } from './ctl-tables.ts';

/**
 * `npm run ctl -- backtest …`: backtests in the running terminal through its API (`/api/backtests`), on a
 * thread beside its live engine: list, start (optionally following it to the end), show, cancel.
 */

export interface BacktestValues {
  readonly bots?: string;
  readonly from?: string;
  readonly to?: string;
  readonly params?: string;
  readonly underlyings?: string;
  readonly 'sim-seed'?: string;
  readonly history?: boolean;
  readonly label?: string;
  readonly wait?: boolean;
  readonly pollMs?: number;
}

export const BACKTEST_HELP = `  backtest list                   running backtests, then the kept runs
  backtest start --bots A,B --from D --to D [--params JSON] [--underlyings ${BACKTEST_UNDERLYING_NAMES.join(',')}]
                 [--sim-seed N | --history] [--label TEXT] [--wait]
                                  start one on a thread of the terminal (at most two at once, 250 sessions);
                                  --wait follows it and prints its result (exit 1 if it failed or was cancelled)
  backtest show <id>              progress, or the result: metrics per bot, trades
  backtest cancel <id>            stop a running one`;

const START_FIX = 'write backtest start --bots short-straddle --from 2026-11-24 --to 2026-11-27 (see npm run ctl -- --help)';

/** The start body from the options, checked with the API's own schema so a problem is named before anything is sent. */
export function startInput(v: BacktestValues): BacktestStartInput | UsagePlan {
  let params: Record<string, unknown> = {};
  if (v.params !== undefined) {
    try {
      params = z.record(z.string(), z.record(z.string(), z.unknown())).parse(JSON.parse(v.params));
    } catch {
      return usage(`--params ${v.params} is not a JSON object of bots`, `write --params '{"short-straddle":{"targetPct":30}}'`);
    }
  }
  if (v.history && v['sim-seed'] !== undefined) return usage('--history and --sim-seed exclude each other', 'replay the terminal’s bar cache (--history) or the simulator with a seed (--sim-seed N)');
  const seed = v['sim-seed'] === undefined ? undefined : Number(v['sim-seed']);
  const botIds = (v.bots ?? '').split(',').map((b) => b.trim()).filter((b) => b !== '');
  const unknown = Object.keys(params).find((b) => !botIds.includes(b));
  if (unknown !== undefined) return usage(`--params names ${unknown}, which is not in --bots`, 'give parameters only for the bots you run');
  const body = {
    bots: botIds.map((botId) => ({ botId, ...(params[botId] ? { params: params[botId] } : {}) })),
    ...(v.from !== undefined ? { from: v.from } : {}),
    ...(v.to !== undefined ? { to: v.to } : {}),
    ...(v.underlyings !== undefined ? { underlyings: v.underlyings.split(',').map((u) => u.trim()) } : {}),
    ...(v.history ? { data: { kind: 'history' } } : seed !== undefined ? { data: { kind: 'simulator', seed } } : {}),
    ...(v.label !== undefined ? { label: v.label } : {}),
  };
  const parsed = backtestStartInput.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = issue.path.map(String).join('.') || 'bots';
  const option = field.startsWith('bots') ? '--bots' : field.startsWith('data') ? '--sim-seed' : `--${field.split('.')[0]}`;
  return usage(`${option}: ${issue.message}`, START_FIX);
}

async function startAndWait(c: TerminalClient, body: BacktestStartInput, pollMs: number): Promise<ApiResult<RouteOutput<'backtest'>>> {
  const started = await c.startBacktest(body);
  if (!started.ok) return started;
  for (;;) {
    const now = await c.backtest(started.value.id);
    if (!now.ok || now.value.backtest.state !== 'running') return now;
    await new Promise((r) => setTimeout(r, pollMs));
  }
}

const ended = (value: unknown): string | undefined => {
  const b = (value as RouteOutput<'backtest'>).backtest;
  return b.state === 'failed' || b.state === 'cancelled' ? `backtest ${b.id} ${b.state}: ${b.message ?? ''}` : undefined;
};

export function backtestPlan(words: readonly string[], v: BacktestValues): CtlPlan {
  const [verb = 'list', id, ...rest] = words;
  if (rest.length) return usage(`unexpected "${rest[0]}" after backtest ${verb} ${id}`, 'one backtest at a time');
  switch (verb) {
    case 'list':
      return id === undefined ? call('backtests', (c) => c.backtests()) : usage('backtest list takes no more words', 'write npm run ctl -- backtest list');
    case 'show':
    case 'cancel':
      if (id === undefined) return usage(`backtest ${verb} needs an id`, 'backtest list shows them');
      return verb === 'show' ? call('backtest', (c) => c.backtest(id)) : call('backtestCancel', (c) => c.cancelBacktest(id));
    case 'start': {
      if (id !== undefined) return usage(`unexpected "${id}" after backtest start`, START_FIX);
      const body = startInput(v);
      if ('kind' in body) return body;
      return v.wait ? call('backtest', (c) => startAndWait(c, body, v.pollMs ?? 1000), ended) : call('backtestStart', (c) => c.startBacktest(body));
    }
    default:
      return usage(`backtest ${verb} is not a backtest command`, 'use backtest list|start|show|cancel');
  }
}

const pct = (x: number | null): string => (x === null ? '' : `${(x * 100).toFixed(1)} %`);
const ratio = (x: number | null): string => (x === null ? '' : x.toFixed(2));

const summaryRow = (b: RouteOutput<'backtestStart'>): (string | number | undefined)[] => [
  b.id,
  b.state,
  b.label,
  `${b.from}..${b.to}`,
  b.bots.join(','),
  b.state === 'running' && b.progress ? `${Math.round(b.progress.fraction * 100)} % (${b.progress.day})` : (b.message ?? ''),
  b.summary?.netPnl,
  b.summary ? ratio(b.summary.sharpe) : '',
  b.summary ? pct(b.summary.maxDrawdownPct) : '',
  b.summary?.trades,
];
const SUMMARY_HEAD = ['id', 'state', 'label', 'days', 'bots', 'progress', 'net P&L ₹', 'Sharpe', 'max DD', 'trades'];

type Metrics = NonNullable<RouteOutput<'backtest'>['result']>['portfolio']['metrics'];
const metricsRow = (name: string, m: Metrics): (string | number)[] => [name, m.netPnl, m.charges, ratio(m.sharpe), ratio(m.sortino), pct(m.maxDrawdownPct), m.trades, pct(m.winRate), ratio(m.profitFactor), pct(m.exposure)];

export const BACKTEST_FORMAT: { [N in 'backtests' | 'backtestStart' | 'backtest' | 'backtestCancel']: (v: RouteOutput<N>) => string } = {
  backtests: (list) => (list.length ? table(SUMMARY_HEAD, list.map(summaryRow)) : 'no backtests yet: start one with backtest start'),
  backtestStart: (b) => table(SUMMARY_HEAD, [summaryRow(b)]),
  backtestCancel: (b) => `${table(SUMMARY_HEAD, [summaryRow(b)])}\nasked to stop: it ends at its next step`,
  backtest: ({ backtest: b, result: r }) => {
    const head = record([
      ['id', b.id],
      ['state', b.state],
      ['label', b.label],
      ['days', `${b.from}..${b.to}`],
      ['progress', b.progress ? `${Math.round(b.progress.fraction * 100)} %` : ''],
      ['message', b.message],
    ]);
    if (!r) return head;
    const metrics = table(
      ['', 'net P&L ₹', 'charges ₹', 'Sharpe', 'Sortino', 'max DD', 'trades', 'win rate', 'profit factor', 'exposure'],
      [metricsRow('portfolio', r.portfolio.metrics), ...r.bots.map((x) => metricsRow(x.botId, x.metrics))],
    );
    const trades = table(
      ['bot', 'instrument', 'side', 'qty', 'entry ₹', 'exit ₹', 'net ₹', 'signal'],
      r.trades.map((t) => [t.botId, t.instrumentId, t.direction, t.quantity, t.entryPrice, t.exitPrice, t.netPnl, t.signal]),
    );
    return `${head}\n${metrics}\n${r.trades.length ? trades : 'no closed trades'}`;
  },
};
