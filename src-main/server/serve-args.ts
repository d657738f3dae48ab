import { integerIn, numberIn, oneOf, type CommandSpec } from '#core/cli-args';
import { userPath, type Cli } from '#core/cli';
import { LOG_LEVELS, type LogLevel } from '#core/log';
import { istDateKey, istToEpoch } from '#core/time-ist';

export const SERVE_OPTIONS = {
  port: { type: 'string' },
  host: { type: 'string' },
  'data-dir': { type: 'string' },
  speed: { type: 'string' },
  'sim-start': { type: 'string' },
  'log-level': { type: 'string' },
} as const;

const OPTIONS_HELP = `options:
  --port N         HTTP port (default 7300 from config.json; 0 picks a free one)
  --host H         bind address (default 127.0.0.1: a local terminal, not a public service)
  --data-dir D     where config, database and logs live (default ./data in the project;
                   a relative path is taken from the folder you ran the command in)
  --speed X        simulation speed for this run, simulated seconds per second (0.1 to 3600)
  --sim-start T    simulation only: start the simulated market as if it were T, IST (e.g. 2026-11-26T09:45),
                   for a repeatable demo or test; default now (an hour into the last session when closed)
  --log-level L    ${LOG_LEVELS.join(', ')} (default info; debug also prints the stack of an unexpected error)
  -h, --help       this text

exit codes: 0 stopped normally, 1 could not start or failed, 2 bad arguments`;

export const SERVE_SPEC: CommandSpec<typeof SERVE_OPTIONS> = {
  name: 'serve',
  invocation: 'npm run serve --',
  options: SERVE_OPTIONS,
  help: `npm run serve -- [options]: the terminal without Electron, served to a browser (http://127.0.0.1:7300)

${OPTIONS_HELP}`,
};

/** `npm start` takes the same options: they apply when it falls back to the headless terminal. */
export const START_SPEC: CommandSpec<typeof SERVE_OPTIONS> = {
  name: 'start',
  invocation: 'npm start --',
  options: SERVE_OPTIONS,
  help: `npm start [-- options]: builds the terminal and opens the desktop app. Where Electron's runtime is not
installed it starts the headless terminal instead; these options apply to that (the app ignores them).

${OPTIONS_HELP}`,
};

export type ServeCli = Cli<typeof SERVE_OPTIONS>;

export interface ServeOptions {
  /** Undefined: the port from config.json. */
  readonly port?: number;
  readonly host?: string;
  readonly dataDir?: string;
  readonly speed?: number;
  /** Epoch ms of `--sim-start`. */
  readonly simStartMs?: number;
  readonly logLevel: LogLevel;
}

/** Checks every value before anything is opened, so a typo costs nothing and says what to type. */
export function serveOptions(cli: ServeCli): ServeOptions {
  const v = cli.values;
  const port = v.port === undefined ? undefined : (integerIn(v.port, 0, 65_535) ?? cli.usage(`--port ${v.port} is not a port number`, 'give a whole number from 0 to 65535 (0 picks a free port)'));
  const speed = v.speed === undefined ? undefined : (numberIn(v.speed, 0.1, 3600) ?? cli.usage(`--speed ${v.speed} is not a speed`, 'give a number from 0.1 to 3600 (simulated seconds per second)'));
  const logLevel = v['log-level'] === undefined ? 'info' : (oneOf(v['log-level'], LOG_LEVELS) ?? cli.usage(`--log-level ${v['log-level']} is not a log level`, `use one of ${LOG_LEVELS.join(', ')}`));
  const simStartMs = v['sim-start'] === undefined ? undefined : (istInstant(v['sim-start']) ?? cli.usage(`--sim-start ${v['sim-start']} is not a date and time`, 'give an IST date and time as YYYY-MM-DDTHH:MM, e.g. 2026-11-26T09:45'));
  if (v.host !== undefined && v.host.trim() === '') cli.usage('--host is empty', 'give an address such as 127.0.0.1');
  if (v['data-dir'] !== undefined && v['data-dir'].trim() === '') cli.usage('--data-dir is empty', 'give a folder, e.g. --data-dir ~/terminal-data');
  return {
    logLevel,
    ...(port !== undefined ? { port } : {}),
    ...(v.host !== undefined ? { host: v.host } : {}),
    ...(v['data-dir'] !== undefined ? { dataDir: userPath(v['data-dir']) } : {}),
    ...(speed !== undefined ? { speed } : {}),
    ...(simStartMs !== undefined ? { simStartMs } : {}),
  };
}

/** `YYYY-MM-DDTHH:MM` read as IST; undefined when it is not a real date and time. */
export function istInstant(text: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute] = m.slice(1).map(Number) as [number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) return undefined;
  const ms = istToEpoch(year, month, day, hour, minute);
  return istDateKey(ms) === `${m[1]}-${m[2]}-${m[3]}` ? ms : undefined;
}
