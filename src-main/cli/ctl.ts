import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { startCli, type Cli } from '#core/cli';
import { createTerminalClient, parseTerminalUrl, type ApiFailure } from '#client/rest-client';
import { planCommand } from './ctl-commands.ts';
import { FORMAT } from './ctl-tables.ts';
import { BACKTEST_FORMAT, BACKTEST_HELP } from './ctl-backtest.ts';
import { MODELS_FORMAT, MODELS_HELP } from './ctl-models.ts';
import { RISK_ANALYTICS_FORMAT, RISK_ANALYTICS_HELP } from './ctl-risk-analytics.ts';
import { NOTIFY_FORMAT, NOTIFY_HELP } from './ctl-notify.ts';
import { HISTORY_FORMAT, HISTORY_HELP } from './ctl-history.ts';

/**
 * `npm run ctl -- <command>`: a running terminal driven from a shell or a script through its REST API
 * (the typed client), so it can do what the UI can and nothing more. Tables for people, `--json` (the
 * API's own JSON) for scripts.
 */
const OPTIONS = {
  url: { type: 'string' },
  token: { type: 'string' },
  json: { type: 'boolean' },
  bot: { type: 'string' },
  limit: { type: 'string' },
  since: { type: 'string' },
  set: { type: 'string', multiple: true },
  allocation: { type: 'string' },
  execution: { type: 'string' },
  regimes: { type: 'string' },
  check: { type: 'boolean' },
  reason: { type: 'string' },
  broker: { type: 'string' },
  host: { type: 'string' },
  remember: { type: 'boolean' },
  format: { type: 'string' },
  instrument: { type: 'string' },
  exchange: { type: 'string' },
  timeframe: { type: 'string' },
  timezone: { type: 'string' },
  stamp: { type: 'string' },
  wait: { type: 'boolean' },
  bots: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  params: { type: 'string' },
  underlyings: { type: 'string' },
  'sim-seed': { type: 'string' },
  history: { type: 'boolean' },
  label: { type: 'string' },
  kind: { type: 'string' },
  promote: { type: 'boolean' },
  desktop: { type: 'string' },
  telegram: { type: 'string' },
  'chat-id': { type: 'string' },
  rule: { type: 'string', multiple: true },
  burst: { type: 'string', multiple: true },
  'per-minute': { type: 'string', multiple: true },
  'from-file': { type: 'string' },
  clear: { type: 'boolean' },
} as const;

const DEFAULT_URL = 'http://127.0.0.1:7300';
/** The variable the server reads its configured token from, so one export serves both. */
const TOKEN_ENV_NAME = 'TERMINAL_SERVER_TOKEN';

const HELP = `npm run ctl -- <command> [options]: drives a running terminal (npm run serve, or the app with its API on)

commands:
  status                          version, mode, engine clock, feed
  bots                            every bot: state, paper/live, allocation, P&L today, last signal
  bots show|start|stop|pause|resume <bot>
  bots params <bot>               parameters with values, defaults and ranges
  bots params <bot> --set key=value [--set …] [--allocation ₹] [--execution paper|live] [--regimes a,b] [--check]
                                  change them (audited); --check only validates
  signals [--bot B] [--limit N]   stored signals, latest last (default 200)
  positions | orders | trades | performance | risk | findings | trading
  kill                            the kill switch: cancel all, close all, stop every bot, halt
  resume --reason TEXT            back to active after a halt
  account                         the account OpenAlgo trades for (live mode)
  arm --broker B --host H [--remember]   allow live orders, naming that account; disarm
  import <file.csv|folder> --format nse-fo-bhavcopy [--wait]
  import <file.csv|folder> --format ohlcv --instrument NSE_INDEX:NIFTY --timeframe 1m --timezone IST|UTC --stamp start|end [--wait]
                                  import into the running terminal's database (read on its machine);
                                  --wait follows it to the end (exit 1 if it failed)
  job                             the latest import or history download: progress and problems
${HISTORY_HELP}
  train …                         run npm run train on this machine's data folder (its own options; not through the API)
${BACKTEST_HELP}
${MODELS_HELP}
${RISK_ANALYTICS_HELP}
${NOTIFY_HELP}

options:
  --url U        the terminal's address (default ${DEFAULT_URL}, or TERMINAL_URL); the printed …/?token=… link works too
  --token T      the access token (default ${TOKEN_ENV_NAME}; prefer it: a command line is visible to other users)
  --json         print the API's JSON answer instead of a table (run as npm run -s ctl, so npm's banner stays out of it)
  -h, --help     this text

exit codes: 0 done, 1 the terminal refused or could not be reached, 2 a bad argument (here or in the API's answer)`;

/** `train` is the project's own command, run with the rest of the command line. */
const LOCAL_COMMANDS: Readonly<Record<string, string>> = { train: 'train.ts' };
const argv = process.argv.slice(2);
const local = argv[0] === undefined ? undefined : LOCAL_COMMANDS[argv[0]];
if (local !== undefined) {
  const run = spawnSync(process.execPath, [path.join(import.meta.dirname, local), ...argv.slice(1)], { stdio: 'inherit' });
  process.exit(run.status ?? 1);
}

const cli: Cli<typeof OPTIONS> = startCli({ name: 'ctl', invocation: 'npm run ctl --', options: OPTIONS, positionals: { max: 4 }, help: HELP }, argv);
const v = cli.values;
const plan = planCommand(cli.positionals, v);
if (plan.kind === 'usage') cli.usage(plan.what, plan.fix);

const url = v.url ?? process.env.TERMINAL_URL ?? DEFAULT_URL;
const parsed = parseTerminalUrl(url);
if (!parsed.ok) cli.usage(`--url: ${parsed.message}`, `give the address the terminal printed, e.g. ${DEFAULT_URL}`);
const token = v.token ?? process.env[TOKEN_ENV_NAME] ?? parsed.token;
if (!token) cli.usage('no access token', `set ${TOKEN_ENV_NAME}, give --token, or pass the link the terminal printed (…/?token=…) as --url`);

const FIXES: Readonly<Record<string, string>> = {
  unauthorized: `give the token the terminal printed at start (--token or ${TOKEN_ENV_NAME}); it changes on every start unless one is configured`,
  forbidden: `use the address the terminal printed (127.0.0.1, not another name), e.g. --url ${DEFAULT_URL}`,
};

function refused(e: ApiFailure): never {
  const where = e.status ? ` (${e.status} ${e.error})` : '';
  const fix = FIXES[e.error];
  const what = `${e.message}${where}`;
  if (e.status === 400 || e.error === 'bad-url') cli.usage(what, fix ?? 'see npm run ctl -- --help');
  return fix ? cli.fail(what, fix) : cli.fail(what);
}

const client = createTerminalClient({ url: parsed.origin, token });
const answer = await plan.run(client);
if (!answer.ok) refused(answer.error);
const format = ({ ...FORMAT, ...BACKTEST_FORMAT, ...MODELS_FORMAT, ...RISK_ANALYTICS_FORMAT, ...NOTIFY_FORMAT, ...HISTORY_FORMAT } as Record<string, (value: unknown) => string>)[plan.route]!;
process.stdout.write(`${v.json ? JSON.stringify(answer.value, null, 2) : format(answer.value)}\n`);
const failure = plan.failure?.(answer.value);
if (failure !== undefined) cli.fail(failure);
