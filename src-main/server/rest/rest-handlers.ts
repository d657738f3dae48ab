import type { z } from 'zod';
import type { Router } from '#bridge/router';
import type { CommandInput, CommandName, CommandOutput } from '#contract/channels';
import type { BridgeResult } from '#contract/dto';
import type { PerformanceDto, RestRoutes, RouteName, RouteOutput } from '#contract/rest-api';
import { snapshotOf } from './snapshot.ts';

type Parsed<R, K extends 'params' | 'query' | 'body'> = R extends { [P in K]: infer S extends z.ZodType } ? z.infer<S> : undefined;

/** A route's input after its schemas accepted it. */
export interface ParsedInput<N extends RouteName> {
  readonly params: Parsed<RestRoutes[N], 'params'>;
  readonly query: Parsed<RestRoutes[N], 'query'>;
  readonly body: Parsed<RestRoutes[N], 'body'>;
}

type Answer<T> = BridgeResult<T> | Promise<BridgeResult<T>>;
export type RestHandlers = { [N in RouteName]: (input: ParsedInput<N>) => Answer<RouteOutput<N>> };

/** Signals a read returns when it names no limit: the bridge's own snapshot size. */
const SIGNALS_DEFAULT = 200;

const map = <T, U>(r: BridgeResult<T>, f: (v: T) => U): BridgeResult<U> => (r.ok ? { ok: true, value: f(r.value) } : r);

/**
 * Every REST route as a bridge command or a bridge stream's snapshot: the API can do exactly what the UI
 * can, through the same validation, handlers and projections. Only the answers' framing is the API's own
 * (status with an ISO clock, performance gathered from the book's snapshots).
 */
export function restHandlers(router: Router): RestHandlers {
  const command = <C extends CommandName>(channel: C, input: CommandInput<C>): Promise<BridgeResult<CommandOutput<C>>> =>
    router.invoke(channel, input) as Promise<BridgeResult<CommandOutput<C>>>;

  const performance = (): BridgeResult<PerformanceDto> => {
    const bots = snapshotOf(router, 'bots');
    const trades = snapshotOf(router, 'trades');
    const positions = snapshotOf(router, 'positions');
    const risk = snapshotOf(router, 'risk');
    if (!bots.ok) return bots;
    if (!trades.ok) return trades;
    if (!positions.ok) return positions;
    if (!risk.ok) return risk;
    const book = positions.value;
    return {
      ok: true,
      value: {
        ts: risk.value.ts,
        pnl: risk.value.pnl,
        dayPnl: risk.value.dayPnl,
        realizedPnl: book.realizedPnl,
        ...(book.unrealizedPnl !== undefined ? { unrealizedPnl: book.unrealizedPnl } : {}),
        charges: book.charges,
        trades: trades.value.length,
        bots: bots.value.map((b) => ({
          botId: b.id,
          name: b.name,
          state: b.state,
          trades: trades.value.filter((t) => t.botId === b.id).length,
          ...(b.execution !== undefined ? { execution: b.execution } : {}),
          ...(b.pnlToday !== undefined ? { pnlToday: b.pnlToday } : {}),
          ...(b.openPositions !== undefined ? { openPositions: b.openPositions } : {}),
          ...(b.openStructures !== undefined ? { openStructures: b.openStructures } : {}),
        })),
      },
    };
  };

  return {
    status: async () =>
      map(await command('app:status', {}), (s) => ({
        version: s.version,
        mode: s.mode,
        clock: { epochMs: s.clock, iso: new Date(s.clock).toISOString() },
        marketOpen: s.marketOpen,
        feed: { name: s.feed.name, state: s.feed.state, ...(s.feed.message ? { message: s.feed.message } : {}) },
      })),
    bots: () => snapshotOf(router, 'bots'),
    bot: ({ params }) => {
      const all = snapshotOf(router, 'bots');
      if (!all.ok) return all;
      const bot = all.value.find((b) => b.id === params.bot);
      return bot
        ? { ok: true, value: bot }
        : { ok: false, error: { kind: 'not-found', message: `there is no bot "${params.bot}": the bots are ${all.value.map((b) => b.id).join(', ')}`, path: 'bot' } };
    },
    botStart: ({ params }) => command('bot:start', { botId: params.bot }),
    botStop: ({ params }) => command('bot:stop', { botId: params.bot }),
    botPause: ({ params }) => command('bot:pause', { botId: params.bot }),
    botResume: ({ params }) => command('bot:resume', { botId: params.bot }),
    botParams: ({ params }) => command('bot:params:get', { botId: params.bot }),
    botParamsValidate: ({ params, body }) => command('bot:params:validate', { ...body, botId: params.bot }),
    botParamsSet: ({ params, body }) => command('bot:params:set', { ...body, botId: params.bot }),
    signals: ({ query }) => snapshotOf(router, 'signals', { limit: query.limit ?? SIGNALS_DEFAULT, ...(query.bot ? { botId: query.bot } : {}) }),
    performance,
    positions: () => snapshotOf(router, 'positions'),
    orders: () => snapshotOf(router, 'orders'),
    trades: () => snapshotOf(router, 'trades'),
    risk: () => snapshotOf(router, 'risk'),
    findings: () => snapshotOf(router, 'findings'),
    kill: () => command('risk:kill', {}),
    riskResume: ({ body }) => command('risk:resume', body),
    trading: () => snapshotOf(router, 'trading'),
    account: () => command('trading:account', {}),
    arm: ({ body }) => command('trading:arm', body),
    disarm: () => command('trading:disarm', {}),
    riskVar: ({ query }) => command('risk:var', query.since !== undefined ? { sinceMs: query.since } : {}),
    riskStress: () => command('risk:stress', {}),
    riskStressHtml: () => command('risk:stress:html', {}),
    shadows: () => command('shadow:list', {}),
    shadowStart: ({ body }) => command('shadow:start', body),
    shadowCompare: ({ params }) => command('shadow:compare', { variantId: params.variant }),
    shadowStop: ({ params }) => command('shadow:stop', { variantId: params.variant }),
    shadowPromote: ({ params }) => command('shadow:promote', { variantId: params.variant }),
    dataImport: ({ body }) => command('data:import', body),
    dataJob: () => snapshotOf(router, 'jobs'),
    dataHistory: ({ query }) => command('data:history:list', query),
    backtests: () => snapshotOf(router, 'backtests'),
    backtestStart: ({ body }) => command('backtest:start', body),
    backtest: ({ params }) => command('backtest:get', { id: params.id }),
    backtestCancel: ({ params }) => command('backtest:cancel', { id: params.id }),
    models: () => command('models:list', {}),
    modelCompare: ({ body }) => command('models:compare', body),
    modelPromote: ({ body }) => command('models:promote', body),
    modelRollback: ({ body }) => command('models:rollback', body),
    modelRetrain: ({ body }) => command('models:retrain', body),
    modelRetrainCancel: () => command('models:retrain:cancel', {}),
    modelImport: ({ body }) => command('models:import', body),
    notifications: () => command('settings:notify:get', {}),
    notificationsSet: ({ body }) => command('settings:notify:set', body),
    telegramToken: ({ body }) => command('settings:notify:token', body),
    notificationsTest: () => command('settings:notify:test', {}),
  };
}
