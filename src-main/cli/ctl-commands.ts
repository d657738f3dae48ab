import type { ApiResult, TerminalClient } from '#client/rest-client';
import type { BotParamsChange, RouteName } from '#contract/rest-api';
import type { ParamFieldDto } from '#contract/bot-dto';
import { backtestPlan, type BacktestValues } from './ctl-backtest.ts';
import { historyPlan, type HistoryValues } from './ctl-history.ts';
import { importPlan, type ImportValues } from './ctl-import.ts';
import { modelsPlan, type ModelsValues } from './ctl-models.ts';
import { notifyPlan, type NotifyValues } from './ctl-notify.ts';
import { riskAnalyticsPlan, type RiskAnalyticsValues } from './ctl-risk-analytics.ts';
import { call, usage, type CtlPlan, type UsagePlan } from './ctl-plan.ts';

/** The options `npm run ctl` reads (besides --url, --token, --json). */
export interface CtlValues extends BacktestValues, ModelsValues, ImportValues, HistoryValues, RiskAnalyticsValues, NotifyValues {
  readonly bot?: string;
  readonly limit?: string;
  readonly set?: readonly string[];
  readonly allocation?: string;
  readonly execution?: string;
  readonly regimes?: string;
  readonly check?: boolean;
  readonly reason?: string;
  readonly broker?: string;
  readonly host?: string;
  readonly remember?: boolean;
}


type Run = (c: TerminalClient) => Promise<ApiResult<unknown>>;

/** Commands that take no words after their name: the route and the client's call. */
const SIMPLE: Readonly<Record<string, readonly [RouteName, Run]>> = {
  status: ['status', (c) => c.status()],
  positions: ['positions', (c) => c.positions()],
  orders: ['orders', (c) => c.orders()],
  trades: ['trades', (c) => c.trades()],
  performance: ['performance', (c) => c.performance()],
  risk: ['risk', (c) => c.risk()],
  findings: ['findings', (c) => c.findings()],
  trading: ['trading', (c) => c.trading()],
  account: ['account', (c) => c.account()],
  kill: ['kill', (c) => c.kill()],
  disarm: ['disarm', (c) => c.disarm()],
  job: ['dataJob', (c) => c.dataJob()],
};

export const COMMAND_WORDS = [...Object.keys(SIMPLE), 'bots', 'signals', 'resume', 'arm', 'backtest', 'import', 'history', 'models', 'var', 'stress', 'shadow', 'notify', 'train'] as const;

const BOT_VERBS = ['list', 'show', 'start', 'stop', 'pause', 'resume', 'params'] as const;

/** `key=value` typed by the parameter's kind, so `--set lots=2` sends the number 2 and `--set underlyings=NIFTY,SENSEX` a set. */
export function paramValue(field: ParamFieldDto | undefined, text: string): unknown {
  switch (field?.kind) {
    case 'number': {
      const n = Number(text);
      return text.trim() !== '' && Number.isFinite(n) ? n : text;
    }
    case 'boolean':
      return text === 'true' ? true : text === 'false' ? false : text;
    case 'set':
      return text.split(',').map((s) => s.trim()).filter((s) => s !== '');
    case 'dates':
      try {
        return JSON.parse(text) as unknown;
      } catch {
        return text;
      }
    default:
      return text;
  }
}

interface ChangeFlags {
  readonly pairs: readonly (readonly [string, string])[];
  readonly change: Omit<BotParamsChange, 'params'>;
}

/** The settings flags, checked before anything is sent. */
function changeFlags(v: CtlValues): ChangeFlags | UsagePlan {
  const pairs: [string, string][] = [];
  for (const s of v.set ?? []) {
    const eq = s.indexOf('=');
    if (eq <= 0) return { kind: 'usage', what: `--set ${s} is not key=value`, fix: 'write --set shortDelta=0.25 (bots params <bot> lists the keys)' };
    pairs.push([s.slice(0, eq), s.slice(eq + 1)]);
  }
  const allocation = v.allocation === undefined ? undefined : Number(v.allocation);
  if (allocation !== undefined && !(Number.isFinite(allocation) && allocation > 0)) return { kind: 'usage', what: `--allocation ${v.allocation} is not an amount`, fix: 'give rupees as a number, e.g. --allocation 250000' };
  if (v.execution !== undefined && v.execution !== 'paper' && v.execution !== 'live') return { kind: 'usage', what: `--execution ${v.execution} is not paper or live`, fix: 'write --execution paper or --execution live' };
  return {
    pairs,
    change: {
      ...(allocation !== undefined ? { allocation } : {}),
      ...(v.execution !== undefined ? { execution: v.execution } : {}),
      ...(v.regimes !== undefined ? { regimes: v.regimes.split(',').map((r) => r.trim()) as BotParamsChange['regimes'] } : {}),
    },
  };
}

/** Reads the bot's parameter kinds first when values are given, so each is sent typed. */
async function paramsChange(client: TerminalClient, botId: string, flags: ChangeFlags, check: boolean): Promise<ApiResult<unknown>> {
  let fields: readonly ParamFieldDto[] = [];
  if (flags.pairs.length) {
    const current = await client.botParams(botId);
    if (!current.ok) return current;
    fields = current.value.fields;
  }
  const params = flags.pairs.length ? { params: Object.fromEntries(flags.pairs.map(([k, t]) => [k, paramValue(fields.find((f) => f.key === k), t)])) as BotParamsChange['params'] } : {};
  const change: BotParamsChange = { ...flags.change, ...params };
  return check ? client.validateBotParams(botId, change) : client.setBotParams(botId, change);
}

function bots(words: readonly string[], v: CtlValues): CtlPlan {
  const [verb = 'list', botId, ...rest] = words;
  if (!(BOT_VERBS as readonly string[]).includes(verb)) return usage(`bots ${verb} is not a bots command`, `use bots ${BOT_VERBS.join('|')}`);
  if (verb === 'list') return rest.length || botId !== undefined ? usage('bots list takes no more words', 'write npm run ctl -- bots') : call('bots', (c) => c.bots());
  if (botId === undefined) return usage(`bots ${verb} needs a bot`, `write bots ${verb} <bot>, e.g. bots ${verb} iron-condor (bots lists them)`);
  if (rest.length) return usage(`unexpected "${rest[0]}" after bots ${verb} ${botId}`, 'give one bot at a time');
  const editing = v.set !== undefined || v.allocation !== undefined || v.execution !== undefined || v.regimes !== undefined;
  if (verb !== 'params' && (editing || v.check)) return usage(`--set, --allocation, --execution, --regimes and --check go with bots params, not bots ${verb}`, `write bots params ${botId} --set key=value`);
  switch (verb) {
    case 'show':
      return call('bot', (c) => c.bot(botId));
    case 'start':
      return call('botStart', (c) => c.startBot(botId));
    case 'stop':
      return call('botStop', (c) => c.stopBot(botId));
    case 'pause':
      return call('botPause', (c) => c.pauseBot(botId));
    case 'resume':
      return call('botResume', (c) => c.resumeBot(botId));
    default: {
      if (!editing) return v.check ? usage('--check needs a change to check', 'add --set key=value (or --allocation, --execution, --regimes)') : call('botParams', (c) => c.botParams(botId));
      const flags = changeFlags(v);
      if ('kind' in flags) return flags;
      return call(v.check ? 'botParamsValidate' : 'botParamsSet', (c) => paramsChange(c, botId, flags, v.check === true));
    }
  }
}

/**
 * Reads the command words (`bots start iron-condor`) and options into one API call. Nothing is sent
 * here: a usage problem is found before the terminal is asked anything.
 */
export function planCommand(words: readonly string[], v: CtlValues): CtlPlan {
  const [name, ...rest] = words;
  if (name === undefined) return usage('no command given', `give one of ${COMMAND_WORDS.join(', ')}; see npm run ctl -- --help`);
  const simple = SIMPLE[name];
  if (simple !== undefined) {
    if (rest.length) return usage(`unexpected "${rest[0]}" after ${name}`, `${name} takes no more words; see npm run ctl -- --help`);
    return call(...simple);
  }
  switch (name) {
    case 'bots':
      return bots(rest, v);
    case 'signals': {
      if (rest.length) return usage(`unexpected "${rest[0]}" after signals`, 'name the bot with --bot, e.g. signals --bot iron-condor');
      const limit = v.limit === undefined ? undefined : Number(v.limit);
      if (limit !== undefined && !(Number.isInteger(limit) && limit >= 1 && limit <= 1000)) return usage(`--limit ${v.limit} is not a count`, 'give a whole number from 1 to 1000');
      return call('signals', (c) => c.signals({ ...(v.bot !== undefined ? { bot: v.bot } : {}), ...(limit !== undefined ? { limit } : {}) }));
    }
    case 'resume':
      if (!v.reason?.trim()) return usage('resume needs --reason', 'say why trading may resume: resume --reason "checked the positions"');
      return call('riskResume', (c) => c.resume(v.reason!));
    case 'arm':
      if (v.broker === undefined || v.host === undefined) return usage('arm needs --broker and --host', 'name the account the orders will go to, as npm run ctl -- account reports it');
      return call('arm', (c) => c.arm({ broker: v.broker!, host: v.host!, rememberToday: v.remember === true }));
    case 'import':
      return importPlan(rest, v);
    case 'history':
      return historyPlan(rest, v);
    case 'backtest':
      return backtestPlan(rest, v);
    case 'models':
      return modelsPlan(rest, v);
    case 'notify':
      return notifyPlan(rest, v);
    case 'var':
    case 'stress':
    case 'shadow':
      return riskAnalyticsPlan(name, rest, v, paramValue);
    default:
      return usage(`unknown command "${name}"`, `the commands are ${COMMAND_WORDS.join(', ')}; see npm run ctl -- --help`);
  }
}
