import path from 'node:path';
import { parseArgs } from 'node:util';
import { WallClock } from '#core/clock';
import { loadConfig } from '#config/config-file';
import { timeframeSchema } from '#contract/dto';
import { fileSecretStore } from '#engine/secrets';
import { openAlgoHistorySource } from '#market/feeds/openalgo/openalgo-history-source';
import { createSqliteBarCache } from '#market/history/bar-cache';
import { loadHistory } from '#market/history/history-loader';
import { createOpenAlgoClient } from '#openalgo/client';
import { DATABASE_FILE_NAME, openStore } from '#store/database';

/**
 * `npm run history -- --symbol NIFTY --exchange NSE_INDEX --timeframe 1m --from 2026-11-02 --to 2026-11-20`:
 * fetches candles through OpenAlgo with the saved connection (headless key file) into the database,
 * in chunks, skipping sessions already cached.
 */
const USAGE = 'usage: npm run history -- --symbol NIFTY --exchange NSE_INDEX --timeframe 1m|3m|5m|15m|30m|60m|1d --from YYYY-MM-DD --to YYYY-MM-DD [--data-dir ./data]';
const { values } = parseArgs({
  options: {
    symbol: { type: 'string' },
    exchange: { type: 'string' },
    timeframe: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    'data-dir': { type: 'string' },
  },
});
const timeframe = timeframeSchema.safeParse(values.timeframe);
if (!values.symbol || !values.exchange || !timeframe.success || !values.from || !values.to) {
  console.error(USAGE);
  process.exit(2);
}
const dataDir = path.resolve(values['data-dir'] ?? path.join(import.meta.dirname, '..', '..', 'data'));
const now = Date.now();
const config = loadConfig(dataDir, String(now));
if (!config.ok) {
  console.error(config.error.message);
  process.exit(1);
}
const secrets = fileSecretStore(dataDir);
const key = await secrets.readApiKey();
if (!key.ok || !key.value) {
  console.error(key.ok ? `no OpenAlgo API key saved: save one in the terminal's connection panel (it goes to ${secrets.description})` : key.error.message);
  process.exit(1);
}
const store = openStore(path.join(dataDir, DATABASE_FILE_NAME), now);
if (!store.ok) {
  console.error(store.error.message);
  process.exit(1);
}
const client = createOpenAlgoClient({ host: config.value.config.openalgo.baseUrl, apiKey: key.value, clock: new WallClock(), timeoutMs: config.value.config.openalgo.timeoutMs });
const result = await loadHistory(openAlgoHistorySource(client), createSqliteBarCache(store.value.sqlite), {
  symbol: values.symbol,
  exchange: values.exchange,
  timeframe: timeframe.data,
  fromDateKey: values.from,
  toDateKey: values.to,
  nowMs: now,
  onProgress: (p) => process.stdout.write(`\r${p.instrumentId} ${p.timeframe}: ${p.doneSessions}/${p.totalSessions} sessions`),
});
await store.value.close();
process.stdout.write('\n');
if (!result.ok) {
  console.error(result.error.message);
  process.exit(1);
}
console.log(`${result.value.bars.length} bars; ${result.value.fetchedSessions} sessions fetched in ${result.value.requests} requests, ${result.value.cachedSessions} already cached`);
