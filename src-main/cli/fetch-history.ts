import path from 'node:path';
import { calendarDate } from '#core/cli-args';
import { progressLine, startCli, userPath, type Cli } from '#core/cli';
import { WallClock } from '#core/clock';
import { loadConfig } from '#config/config-file';
import { timeframeSchema } from '#contract/dto';
import { fileSecretStore } from '#engine/secrets';
import { openAlgoHistorySource } from '#market/feeds/openalgo/openalgo-history-source';
import { createSqliteBarCache } from '#market/history/bar-cache';
import { loadHistory } from '#market/history/history-loader';
import { createOpenAlgoClient } from '#openalgo/client';
import { DATABASE_FILE_NAME, openStore, storeErrorFix } from '#store/database';
import { storeFaultCrash } from '#engine/store-faults';

/**
 * `npm run history -- --symbol NIFTY --exchange NSE_INDEX --timeframe 1m --from 2026-11-02 --to 2026-11-20`:
 * fetches candles through OpenAlgo with the saved connection (headless key file) into the database,
 * in chunks, skipping sessions already cached.
 */
const OPTIONS = {
  symbol: { type: 'string' },
  exchange: { type: 'string' },
  timeframe: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  'data-dir': { type: 'string' },
} as const;

const HELP = `npm run history -- [options]: fetches candles through OpenAlgo into the terminal's database, in chunks,
skipping sessions already cached. It uses the connection saved in the terminal's connection panel.

  npm run history -- --symbol NIFTY --exchange NSE_INDEX --timeframe 5m --from 2026-11-02 --to 2026-11-20

options:
  --symbol S       OpenAlgo symbol, e.g. NIFTY, BANKNIFTY, NIFTY25NOV2526000CE
  --exchange E     NSE_INDEX, BSE_INDEX, NSE, NFO, BFO, …
  --timeframe T    ${timeframeSchema.options.join(', ')}
  --from D         first day, YYYY-MM-DD
  --to D           last day, YYYY-MM-DD
  --data-dir D     the terminal's data folder (default ./data in the project; a relative path is taken
                   from the folder you ran the command in)
  -h, --help       this text

exit codes: 0 fetched, 1 OpenAlgo, the key or the database failed, 2 bad arguments`;

const cli: Cli<typeof OPTIONS> = startCli({ name: 'history', invocation: 'npm run history --', help: HELP, options: OPTIONS });
cli.explainCrashes(storeFaultCrash);
const { values } = cli;
const symbol = values.symbol || cli.usage('--symbol is missing', 'give the OpenAlgo symbol, e.g. --symbol NIFTY');
const exchange = values.exchange || cli.usage('--exchange is missing', 'give the exchange, e.g. --exchange NSE_INDEX');
const timeframe = timeframeSchema.safeParse(values.timeframe);
if (!timeframe.success) cli.usage(`--timeframe must be one of ${timeframeSchema.options.join(', ')}, got ${values.timeframe ?? 'none'}`, 'e.g. --timeframe 5m');
const from = calendarDate(values.from ?? '') ?? cli.usage(values.from ? `--from ${values.from} is not a date` : '--from is missing', 'give a calendar day as YYYY-MM-DD, e.g. --from 2026-11-02');
const to = calendarDate(values.to ?? '') ?? cli.usage(values.to ? `--to ${values.to} is not a date` : '--to is missing', 'give a calendar day as YYYY-MM-DD, e.g. --to 2026-11-20');
if (from > to) cli.usage(`--from ${from} is after --to ${to}`, 'swap them');

const dataDir = values['data-dir'] !== undefined ? userPath(values['data-dir']) : path.join(import.meta.dirname, '..', '..', 'data');
const now = Date.now();
const config = loadConfig(dataDir, String(now));
if (!config.ok) cli.fail(config.error.message);
const secrets = fileSecretStore(dataDir);
const key = await secrets.readApiKey();
if (!key.ok) cli.fail(key.error.message);
if (!key.value) cli.fail(`no OpenAlgo API key saved in ${dataDir}`, `save one in the terminal's connection panel (it goes to ${secrets.description})`);
const store = openStore(path.join(dataDir, DATABASE_FILE_NAME), now);
if (!store.ok) cli.fail(store.error.message, storeErrorFix(store.error));
const client = createOpenAlgoClient({ host: config.value.config.openalgo.baseUrl, apiKey: key.value, clock: new WallClock(), timeoutMs: config.value.config.openalgo.timeoutMs });
const progress = progressLine();
const result = await loadHistory(openAlgoHistorySource(client), createSqliteBarCache(store.value.sqlite), {
  symbol,
  exchange,
  timeframe: timeframe.data,
  fromDateKey: from,
  toDateKey: to,
  nowMs: now,
  onProgress: (p) => progress.show(`${p.instrumentId} ${p.timeframe}: ${p.doneSessions}/${p.totalSessions} sessions`),
});
await store.value.close();
progress.end();
if (!result.ok) cli.fail(result.error.message);
console.log(`${result.value.bars.length} bars; ${result.value.fetchedSessions} sessions fetched in ${result.value.requests} requests, ${result.value.cachedSessions} already cached`);
