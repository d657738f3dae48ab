import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createFileLogger } from '#core/log';
import { createRouter } from '#bridge/router';
import { bootEngine } from '#engine/boot';
import { fileSecretStore } from '#engine/secrets';
import { startHttpServer } from './http-server.ts';

/**
 * `npm run serve`: the terminal without Electron. The same engine, the same UI in a browser, over the
 * same bridge contract (a WebSocket instead of IPC).
 */
const MIN_NODE_MAJOR = 22;
const major = Number(process.versions.node.split('.')[0]);
if (major < MIN_NODE_MAJOR) {
  console.error(`This terminal needs Node ${MIN_NODE_MAJOR}+ (found ${process.versions.node}); run it through npm (npm run serve), which uses the bundled Node 24.`);
  process.exit(1);
}

const root = path.resolve(import.meta.dirname, '..', '..');
const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    'data-dir': { type: 'string' },
    'log-level': { type: 'string' },
    speed: { type: 'string' },
  },
});

const dataDir = path.resolve(values['data-dir'] ?? process.env.TERMINAL_DATA_DIR ?? path.join(root, 'data'));
const version = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version;
fs.mkdirSync(dataDir, { recursive: true });
const logFile = path.join(dataDir, 'logs', 'terminal.log');
const logger = createFileLogger(logFile, values['log-level'] ?? 'info');

const speed = values.speed !== undefined ? Number(values.speed) : undefined;
if (speed !== undefined && !(speed >= 0.1 && speed <= 3600)) {
  console.error(`--speed must be a number from 0.1 to 3600 (simulated seconds per second), got ${values.speed}`);
  process.exit(2);
}
const booted = await bootEngine({ dataDir, version, logger, wallNowMs: Date.now(), secrets: fileSecretStore(dataDir), ...(speed !== undefined ? { speed } : {}) });
if (!booted.ok) {
  console.error(`Cannot start: ${booted.error.message}`);
  process.exit(2);
}
const { engine, config } = booted.value;
const port = values.port !== undefined ? Number(values.port) : config.server.port;
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error(`--port must be an integer 0…65535, got ${values.port}`);
  process.exit(2);
}

await booted.value.start();
const server = await startHttpServer({
  host: values.host ?? config.server.host,
  port,
  router: createRouter(engine, logger),
  engine,
  logger,
  staticDir: path.join(root, 'out', 'renderer'),
});
console.log(`Trading terminal (headless, ${config.mode}) at ${server.url}  data: ${dataDir}  log: ${logFile}`);

let stopping = false;
const stop = async (signal: string): Promise<void> => {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down');
  await server.close();
  await booted.value.shutdown();
  process.exit(0);
};
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
