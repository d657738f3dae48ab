import fs from 'node:fs';
import path from 'node:path';
import { startCli, userPath } from '#core/cli';
import { fsReason } from '#core/fs-reason';
import { createLogger } from '#core/log';
import { openLogDestination } from '#core/log-file';
import { WallClock } from '#core/clock';
import { storeFaultCrash } from '#engine/store-faults';
import { SERVE_SPEC, serveOptions, type ServeCli } from './serve-args.ts';

/**
 * `npm run serve`: the terminal without Electron. The same engine, the same UI in a browser, over the
 * same bridge contract (a WebSocket instead of IPC). Every refusal is one line on stderr: exit 2 for
 * bad arguments, 1 for anything else.
 */
const MIN_NODE_MAJOR = 22;
const major = Number(process.versions.node.split('.')[0]);
if (major < MIN_NODE_MAJOR) {
  console.error(`This terminal needs Node ${MIN_NODE_MAJOR}+ (found ${process.versions.node}); run it through npm (npm run serve), which uses the bundled Node 24.`);
  process.exit(1);
}

const cli: ServeCli = startCli(SERVE_SPEC);
const options = serveOptions(cli);
const root = path.resolve(import.meta.dirname, '..', '..');
const envDataDir = process.env.TERMINAL_DATA_DIR;
const dataDir = options.dataDir ?? (envDataDir ? userPath(envDataDir) : path.join(root, 'data'));
if (fs.existsSync(dataDir) && !fs.statSync(dataDir).isDirectory()) cli.fail(`the data folder ${dataDir} is a file`, 'choose a folder with --data-dir');
try {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  fs.accessSync(dataDir, fs.constants.R_OK | fs.constants.W_OK | fs.constants.X_OK);
} catch (e) {
  cli.fail(`cannot use the data folder ${dataDir} (${fsReason(e)})`, 'choose a folder you can write with --data-dir, or fix its permissions');
}
const logFile = path.join(dataDir, 'logs', 'terminal.log');
const destination = openLogDestination(logFile);
if (!destination.ok) cli.fail(`cannot write the log file ${logFile} (${destination.error.reason})`, 'fix its permissions (or remove it if it is a folder), or choose another --data-dir');
const logger = createLogger({ level: options.logLevel, destination: destination.value });
cli.logCrashesTo(logger, logFile, options.logLevel === 'debug' || options.logLevel === 'trace');
cli.explainCrashes(storeFaultCrash);

// The engine's modules load once the arguments, the data folder and the log file are good: --help and a
// refusal answer in a fifth of the time (0.3 s instead of 1.4 s), and the tests start this hundreds of times.
const [{ createRouter }, { bootEngine }, { createEngineMetrics }, { createNotificationCenter }, { fileSecretStore }, { createBacktestService }, { configuredAccess, startHttpServer }] = await Promise.all([
  import('#bridge/router'),
  import('#engine/boot'),
  import('#metrics/engine-metrics'),
  import('#notify/notification-center'),
  import('#engine/secrets'),
  import('#backtest/service/backtest-service'),
  import('./http-server.ts'),
]);
const version = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version;
const secrets = fileSecretStore(dataDir);
const booted = await bootEngine({ dataDir, version, logger, wallNowMs: Date.now(), secrets, ...(options.speed !== undefined ? { speed: options.speed } : {}), ...(options.simStartMs !== undefined ? { simulationStartMs: options.simStartMs } : {}) });
if (!booted.ok) {
  logger.error({ error: booted.error }, 'cannot start');
  cli.fail(`cannot start: ${booted.error.message}`);
}
const { engine, config } = booted.value;
const host = options.host ?? config.server.host;
const port = options.port ?? config.server.port;

await booted.value.start();
// Headless has no desktop: Telegram only, when configured. The settings screen and the API change it while it runs.
const notifications = createNotificationCenter({ engine, clock: new WallClock(), dataDir, secrets, env: process.env, logger });
await notifications.start();
const notifyWarning = await notifications.view();
if (notifyWarning.ok && notifyWarning.value.active.warning) console.warn(notifyWarning.value.active.warning);
// Backtests run on threads of their own; the bridge and the REST API share the one service and its limits.
const backtests = createBacktestService({ store: booted.value.store, now: () => Date.now(), logger });
const started = await startHttpServer({
  host,
  port,
  router: createRouter(engine, logger, 'bridge', { backtests, notifications }),
  routerParts: { backtests, notifications },
  engine,
  logger,
  staticDir: path.join(root, 'out', 'renderer'),
  metrics: createEngineMetrics({ engine, now: () => booted.value.clock.now(), ordersPerSecondLimit: config.risk.orderRate.maxPerSecond }),
  ...configuredAccess(config.server, process.env),
});
if (!started.ok) {
  logger.error({ error: started.error }, 'cannot listen');
  await backtests.close();
  await booted.value.shutdown();
  cli.fail(started.error.message, started.error.fix);
}
const server = started.value;
if (server.warning) console.warn(server.warning);
console.log(`Trading terminal (headless, ${config.mode}) at ${server.url}  data: ${dataDir}  log: ${logFile}`);

let stopping = false;
const stop = async (signal: string): Promise<void> => {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down');
  notifications.close();
  await server.close();
  await backtests.close();
  await booted.value.shutdown();
  process.exit(0);
};
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
