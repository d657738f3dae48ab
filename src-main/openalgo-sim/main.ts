import { readFileSync } from 'node:fs';
import { integerIn } from '#core/cli-args';
import { startCli, userPath, type Cli } from '#core/cli';
import { WallClock, type Clock } from '#core/clock';
import { fsReason } from '#core/fs-reason';
import { listenFailure } from '#core/listen-failure';
import { istDateKey } from '#core/time-ist';
import { nseCalendar } from '#market/session-calendar';
import { createSimulatorFeed } from '#market/feeds/simulator/simulator-feed';
import { UNDERLYINGS } from '#market/feeds/simulator/instruments';
import { expiryCodeFromEpoch } from '#openalgo/symbol-codec';
import { faultScriptSchema, type FaultScript } from './faults.ts';
import { listedExpiries } from './listed-expiries.ts';
import type { SimInstrument, SimOptionChain } from './market.ts';
import { startOpenAlgoSim, type OpenAlgoSim } from './server.ts';
import { ShiftedClock } from './shifted-clock.ts';

/**
 * `npm run openalgo:sim -- --port 5000 --ws-port 8765 --seed 1 --api-key KEY [--faults script.json]
 * [--analyze] [--real-time]`: an OpenAlgo stand-in backed by the project's market simulator. Outside
 * market hours it shifts time into the latest session (09:20 IST onward) unless --real-time is given.
 */
const OPTIONS = {
  port: { type: 'string', default: '5000' },
  'ws-port': { type: 'string', default: '8765' },
  host: { type: 'string', default: '127.0.0.1' },
  seed: { type: 'string', default: '1' },
  'api-key': { type: 'string', default: 'openalgo-sim-key' },
  faults: { type: 'string' },
  analyze: { type: 'boolean', default: false },
  'real-time': { type: 'boolean', default: false },
} as const;

const HELP = `npm run openalgo:sim -- [options]: an OpenAlgo stand-in (REST + WebSocket) backed by the market simulator.

options:
  --port N          REST port (default 5000; 0 picks a free one)
  --ws-port N       WebSocket port (default 8765; 0 picks a free one)
  --host H          bind address (default 127.0.0.1)
  --seed N          seed of the market and the faults (default 1): the same seed replays the same run
  --api-key K       the key clients must send (default openalgo-sim-key; a simulator key, not a secret)
  --faults F        a JSON fault script: [{"afterMs":10000,"action":{"kind":"drop-sockets"}}, …]
                    (a relative path is taken from the folder you ran the command in)
  --analyze         start in OpenAlgo's analyzer (sandbox) mode
  --real-time       keep the wall clock even outside market hours (default: shift into the latest session)
  -h, --help        this text

exit codes: 0 stopped normally, 1 could not start, 2 bad arguments`;

const cli: Cli<typeof OPTIONS> = startCli({ name: 'openalgo:sim', invocation: 'npm run openalgo:sim --', help: HELP, options: OPTIONS });
const { values } = cli;
const port = integerIn(values.port, 0, 65_535) ?? cli.usage(`--port ${values.port} is not a port number`, 'give a whole number from 0 to 65535 (0 picks a free port)');
const wsPort = integerIn(values['ws-port'], 0, 65_535) ?? cli.usage(`--ws-port ${values['ws-port']} is not a port number`, 'give a whole number from 0 to 65535 (0 picks a free port)');
if (port !== 0 && port === wsPort) cli.usage(`--port and --ws-port are both ${port}`, 'give the WebSocket its own port, e.g. --ws-port 8765');
const seed = integerIn(values.seed, 0, 2 ** 32 - 1) ?? cli.usage(`--seed ${values.seed} is not a seed`, `give a whole number from 0 to ${2 ** 32 - 1}`);
if (values['api-key'].trim() === '') cli.usage('--api-key is empty', 'give the key clients will send, e.g. --api-key my-sim-key');
if (values.host.trim() === '') cli.usage('--host is empty', 'give an address such as 127.0.0.1');
const faultScript = values.faults === undefined ? undefined : readFaultScript(userPath(values.faults));

function readFaultScript(file: string): FaultScript {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    const reason = e instanceof SyntaxError ? `not JSON: ${e.message}` : fsReason(e);
    cli.usage(`cannot read the fault script ${file} (${reason})`, 'give a JSON file such as [{"afterMs":10000,"action":{"kind":"drop-sockets"}}]');
  }
  const parsed = faultScriptSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.slice(0, 3).map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`).join('; ');
  cli.usage(`the fault script ${file} is not valid (${issues})`, 'see "Faults" under the OpenAlgo simulator in README.md for the actions it takes');
}

function sessionClock(): Clock {
  if (values['real-time'] || nseCalendar.sessionAt(Date.now())) return new WallClock();
  const today = istDateKey(Date.now());
  const key = nseCalendar.sessionOn(today) && Date.now() < nseCalendar.sessionOn(today)!.open ? nseCalendar.previousTradingDay(today) : nseCalendar.sessionOn(today) ? today : nseCalendar.previousTradingDay(today);
  const start = nseCalendar.sessionOn(key)!.open + 5 * 60_000;
  return new ShiftedClock(start - Date.now());
}

const clock = sessionClock();
const feed = createSimulatorFeed({ clock, seed, warmupSessions: 0 });
const level = new Map(UNDERLYINGS.map((u) => [u.name, u.level]));
const instruments: SimInstrument[] = feed.instruments().map((i) => ({
  symbol: i.symbol,
  exchange: i.exchange,
  price: i.kind === 'future' ? (level.get(i.underlying) ?? 100) : (level.get(i.symbol) ?? 14),
  lotSize: 'lotSize' in i ? i.lotSize : 1,
  tickSize: i.tickSize,
}));
const optionChains: SimOptionChain[] = feed.instruments().flatMap((i) => {
  if (i.kind !== 'future') return [];
  const spec = UNDERLYINGS.find((u) => u.name === i.underlying)!;
  const step = spec.level > 50_000 ? 100 : 50;
  const instants = listedExpiries(spec.name, clock.now(), Date.now());
  const expiries = instants.length > 0 ? instants.map(expiryCodeFromEpoch) : [expiryCodeFromEpoch(i.expiry), expiryCodeFromEpoch(i.expiry + 28 * 86_400_000)];
  return [{ underlying: spec.name, underlyingExchange: spec.indexExchange, exchange: spec.futureExchange, expiries, strikeStep: step, strikesEachSide: 20, lotSize: spec.lotSize }];
});

let sim: OpenAlgoSim;
try {
  sim = await startOpenAlgoSim({ feed, clock, seed, instruments, optionChains, apiKey: values['api-key'], analyze: values.analyze, port, wsPort, host: values.host });
} catch (e) {
  const failedPort = (e as { port?: number }).port ?? port;
  const failure = listenFailure(e, { host: values.host, port: failedPort, option: failedPort === wsPort && failedPort !== port ? '--ws-port' : '--port' });
  if (!failure) throw e;
  cli.fail(failure.what, failure.fix);
}
if (faultScript) sim.script(faultScript);

process.stdout.write(
  [
    `OpenAlgo simulator (seed ${seed}${clock instanceof ShiftedClock ? ', time shifted into a trading session' : ''})`,
    `  REST      ${sim.host}   (API base ${sim.host}/api/v1)`,
    `  WebSocket ${sim.wsUrl}`,
    `  API key   ${values['api-key']}   (a simulator key, not a secret)`,
    `  Faults    POST ${sim.host}/sim/faults  e.g. {"kind":"drop-sockets"}`,
    `  Symbols   ${instruments.map((i) => `${i.exchange}:${i.symbol}`).join(', ')}`,
    '',
  ].join('\n'),
);

const shutdown = (): void => {
  void sim.close().then(() => process.exit(0));
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
