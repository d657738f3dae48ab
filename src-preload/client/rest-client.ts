import { apiErrorDto, restRoutes, type BotParamsChange, type RestRoute, type RouteInput, type RouteName, type RouteOutput } from '#contract/rest-api';
import type { CommandInput } from '#contract/channels';

/**
 * A typed client of the terminal's REST API for scripts and notebooks (Node 22+, Deno, Bun or a browser
 * page served by the terminal). Every answer is checked against the route's schema before it is returned;
 * every failure is a value, never a throw.
 *
 *   const t = createTerminalClient({ url: 'http://127.0.0.1:7300', token: process.env.TERMINAL_SERVER_TOKEN });
 *   const bots = await t.bots();
 *   if (bots.ok) console.table(bots.value);
 */
export interface TerminalClientOptions {
  /** The terminal's address: `http://127.0.0.1:7300`, or the printed `…/?token=…` link (its token is then used). */
  readonly url: string;
  /** The access token; wins over one in `url`. */
  readonly token?: string;
  /** Injected for tests; the global fetch by default. */
  readonly fetch?: typeof fetch;
  /** How long one call may take (default 30 s: the kill switch waits for the book to close). */
  readonly timeoutMs?: number;
}

/** Why a call failed: `status` 0 when no HTTP answer came (unreachable, timed out, not the terminal). */
export interface ApiFailure {
  readonly status: number;
  /** The API's error kind (`invalid-input`, `not-found`, `unauthorized`, …) or the client's (`unreachable`, `timeout`, `bad-response`). */
  readonly error: string;
  readonly message: string;
  /** The offending input, for `invalid-input`. */
  readonly field?: string;
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiFailure };

type Call<N extends RouteName> = Promise<ApiResult<RouteOutput<N>>>;
type RequiredKeys<T> = { [K in keyof T]-?: undefined extends T[K] ? never : K }[keyof T];
/** The input may be left out when the route needs none (no path parameter, no body). */
type CallArgs<N extends RouteName> = [RequiredKeys<RouteInput<N>>] extends [never] ? [RouteInput<N>?] : [RouteInput<N>];

export interface TerminalClient {
  /** The address calls go to (without the token). */
  readonly origin: string;
  /** Any route of the contract by name, e.g. `call('botStart', { params: { bot: 'iron-condor' } })`. */
  call<N extends RouteName>(name: N, ...input: CallArgs<N>): Call<N>;
  status(): Call<'status'>;
  bots(): Call<'bots'>;
  bot(botId: string): Call<'bot'>;
  startBot(botId: string): Call<'botStart'>;
  stopBot(botId: string): Call<'botStop'>;
  pauseBot(botId: string): Call<'botPause'>;
  resumeBot(botId: string): Call<'botResume'>;
  botParams(botId: string): Call<'botParams'>;
  validateBotParams(botId: string, change: BotParamsChange): Call<'botParamsValidate'>;
  setBotParams(botId: string, change: BotParamsChange): Call<'botParamsSet'>;
  signals(query?: { bot?: string; limit?: number }): Call<'signals'>;
  performance(): Call<'performance'>;
  positions(): Call<'positions'>;
  orders(): Call<'orders'>;
  trades(): Call<'trades'>;
  risk(): Call<'risk'>;
  findings(): Call<'findings'>;
  kill(): Call<'kill'>;
  resume(reason: string): Call<'riskResume'>;
  trading(): Call<'trading'>;
  account(): Call<'account'>;
  /** Name the account `account()` reports, as the terminal's arming step does. */
  arm(input: CommandInput<'trading:arm'>): Call<'arm'>;
  disarm(): Call<'disarm'>;
  /** Starts importing a CSV file or folder on the terminal's machine; `dataJob()` follows it. */
  importCsv(input: CommandInput<'data:import'>): Call<'dataImport'>;
  /** The latest data job (import or history download), null before the first. */
  dataJob(): Call<'dataJob'>;
  /** What history the terminal's database holds, per instrument and bar size (filtered, at most `limit` series). */
  history(query?: RouteInput<'dataHistory'>['query']): Call<'dataHistory'>;
  /** Starts a backtest on a thread beside the live engine; `backtest(id)` follows it to its result. */
  startBacktest(input: CommandInput<'backtest:start'>): Call<'backtestStart'>;
  backtest(id: string): Call<'backtest'>;
  backtests(): Call<'backtests'>;
  cancelBacktest(id: string): Call<'backtestCancel'>;
  /** The notification settings; the Telegram token only as "set" or "not-set". */
  notifications(): Call<'notifications'>;
  setNotifications(patch: CommandInput<'settings:notify:set'>): Call<'notificationsSet'>;
  /** Saves or replaces the Telegram bot token (`null` removes it); the answer never holds it. */
  setTelegramToken(token: string | null): Call<'telegramToken'>;
  testNotifications(): Call<'notificationsTest'>;
  /** The OpenAPI document (not checked against a schema: it is one). */
  openapi(): Promise<ApiResult<unknown>>;
}

const fail = (status: number, error: string, message: string, field?: string): { ok: false; error: ApiFailure } => ({
  ok: false,
  error: { status, error, message, ...(field !== undefined ? { field } : {}) },
});

/** The address and the token of `url`; a malformed address is reported, not thrown. */
export function parseTerminalUrl(url: string): { ok: true; origin: string; token?: string } | { ok: false; message: string } {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return { ok: false, message: `"${url.replace(/token=[^&#]*/, 'token=…')}" is not an address like http://127.0.0.1:7300` };
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return { ok: false, message: `${u.protocol} is not http: the terminal's address starts with http://` };
  const token = u.searchParams.get('token') ?? undefined;
  return { ok: true, origin: u.origin, ...(token ? { token } : {}) };
}

function pathOf(route: RestRoute, params: Record<string, string> | undefined): string {
  return route.path.replace(/\{(\w+)\}/g, (_m, key: string) => encodeURIComponent(params?.[key] ?? ''));
}

function queryOf(query: Record<string, unknown> | undefined): string {
  const entries = Object.entries(query ?? {}).filter(([, v]) => v !== undefined);
  return entries.length ? `?${new URLSearchParams(entries.map(([k, v]): [string, string] => [k, String(v)])).toString()}` : '';
}

function reasonOf(e: unknown): string {
  const cause = (e as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (e instanceof Error ? e.message : String(e));
}

export function createTerminalClient(options: TerminalClientOptions): TerminalClient {
  const parsedUrl = parseTerminalUrl(options.url);
  const origin = parsedUrl.ok ? parsedUrl.origin : options.url;
  const token = options.token ?? (parsedUrl.ok ? parsedUrl.token : undefined);
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 30_000;

  async function request(method: string, path: string, body: unknown): Promise<ApiResult<{ status: number; text: string }>> {
    if (!parsedUrl.ok) return fail(0, 'bad-url', parsedUrl.message);
    const headers: Record<string, string> = { accept: 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    try {
      const res = await doFetch(`${origin}${path}`, { method, headers, signal: AbortSignal.timeout(timeoutMs), ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
      return { ok: true, value: { status: res.status, text: await res.text() } };
    } catch (e) {
      if ((e as { name?: string }).name === 'TimeoutError') return fail(0, 'timeout', `${method} ${path} got no answer from ${origin} within ${Math.round(timeoutMs / 1000)} s`);
      return fail(0, 'unreachable', `cannot reach the terminal at ${origin} (${reasonOf(e)}): is it running (npm run serve), and is this its address?`);
    }
  }

  function refusal(status: number, text: string, what: string): { ok: false; error: ApiFailure } {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    const e = apiErrorDto.safeParse(json);
    if (e.success) return fail(status, e.data.error, e.data.message, e.data.field);
    const line = text.split('\n')[0]!.slice(0, 300);
    return fail(status, status === 403 ? 'forbidden' : 'http', `${what} answered ${status}${line ? `: ${line}` : ''}`);
  }

  async function call<N extends RouteName>(name: N, input?: RouteInput<N>): Call<N> {
    const route: RestRoute = restRoutes[name];
    const i = (input ?? {}) as { params?: Record<string, string>; query?: Record<string, unknown>; body?: unknown };
    const path = `${pathOf(route, i.params)}${queryOf(i.query)}`;
    const what = `${route.method} ${route.path}`;
    const answered = await request(route.method, path, route.body ? (i.body ?? {}) : undefined);
    if (!answered.ok) return answered;
    const { status, text } = answered.value;
    if (status < 200 || status > 299) return refusal(status, text, what);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return fail(status, 'bad-response', `${what} did not answer JSON: is ${origin} the terminal?`);
    }
    const parsed = route.response.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return fail(status, 'bad-response', `${what} answered a shape this client does not know (${issue?.path.join('.') || 'answer'}: ${issue?.message ?? 'invalid'}): are the client and the terminal the same version?`);
    }
    return { ok: true, value: parsed.data as RouteOutput<N> };
  }

  const bot = (b: string) => ({ params: { bot: b } });
  const typedCall = call as TerminalClient['call'];
  return {
    origin,
    call: typedCall,
    status: () => call('status'),
    bots: () => call('bots'),
    bot: (b) => call('bot', bot(b)),
    startBot: (b) => call('botStart', bot(b)),
    stopBot: (b) => call('botStop', bot(b)),
    pauseBot: (b) => call('botPause', bot(b)),
    resumeBot: (b) => call('botResume', bot(b)),
    botParams: (b) => call('botParams', bot(b)),
    validateBotParams: (b, change) => call('botParamsValidate', { ...bot(b), body: change }),
    setBotParams: (b, change) => call('botParamsSet', { ...bot(b), body: change }),
    signals: (query) => call('signals', query ? { query } : {}),
    performance: () => call('performance'),
    positions: () => call('positions'),
    orders: () => call('orders'),
    trades: () => call('trades'),
    risk: () => call('risk'),
    findings: () => call('findings'),
    kill: () => call('kill'),
    resume: (reason) => call('riskResume', { body: { reason } }),
    trading: () => call('trading'),
    account: () => call('account'),
    arm: (input) => call('arm', { body: input }),
    disarm: () => call('disarm'),
    importCsv: (input) => call('dataImport', { body: input }),
    dataJob: () => call('dataJob'),
    history: (query) => call('dataHistory', query ? { query } : {}),
    startBacktest: (input) => call('backtestStart', { body: input }),
    backtest: (id) => call('backtest', { params: { id } }),
    backtests: () => call('backtests'),
    cancelBacktest: (id) => call('backtestCancel', { params: { id } }),
    notifications: () => call('notifications'),
    setNotifications: (patch) => call('notificationsSet', { body: patch }),
    setTelegramToken: (token) => call('telegramToken', { body: { token } }),
    testNotifications: () => call('notificationsTest'),
    async openapi() {
      const answered = await request('GET', '/api/openapi.json', undefined);
      if (!answered.ok) return answered;
      if (answered.value.status !== 200) return refusal(answered.value.status, answered.value.text, 'GET /api/openapi.json');
      try {
        return { ok: true, value: JSON.parse(answered.value.text) as unknown };
      } catch {
        return fail(answered.value.status, 'bad-response', `GET /api/openapi.json did not answer JSON: is ${origin} the terminal?`);
      }
    },
  };
}
