import { createLogger } from '#core/log';
import { createRouter } from '#bridge/router';
import { createUiLoadEngine } from '#engine/bench/ui-load-engine';
import { startHttpServer } from './http-server.ts';

/**
 * The headless terminal under a synthetic load, for `npm run bench:ui` (scripts/bench-ui.ts starts it):
 * `node src-main/server/ui-bench-server.ts <port> <token> <instruments> <ticksPerSecond> <staticDir>`.
 * Prints `ready <url>` once it serves, then `ticks <n>` each second.
 */
const [port, token, instruments, rate, staticDir] = process.argv.slice(2);
const logger = createLogger({ level: 'warn' });
const load = createUiLoadEngine({ instruments: Number(instruments), ticksPerSecond: Number(rate), wallNowMs: Date.now(), logger });
await load.start();
const started = await startHttpServer({ host: '127.0.0.1', port: Number(port), router: createRouter(load.engine, logger), engine: load.engine, logger, staticDir: staticDir!, token: token! });
if (!started.ok) {
  console.error(started.error.message);
  process.exit(1);
}
console.log(`ready ${started.value.url}`);
const timer = setInterval(() => console.log(`ticks ${load.ticksSent()}`), 1000);
process.on('SIGTERM', () => {
  clearInterval(timer);
  void started.value.close().then(() => load.stop()).then(() => process.exit(0));
});
