import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { timeframeSchema, instrumentIdSchema } from '#contract/dto';
import { createSqliteBarCache } from '#market/history/bar-cache';
import { importCsv, type CsvImportOptions } from '#market/history/csv-import';
import type { InstrumentId } from '#model/ids';
import { DATABASE_FILE_NAME, openStore } from '#store/database';

/**
 * `npm run import:csv -- <file> …`: imports bars into the terminal's database. The timezone and the
 * bar-stamp convention are required for OHLCV files, because exports differ and a guess would shift
 * every bar by a minute or by five and a half hours.
 */
const USAGE = `usage:
  npm run import:csv -- <file.csv> --format ohlcv --instrument NSE_INDEX:NIFTY --timeframe 1m --timezone IST|UTC --stamp start|end [--data-dir ./data]
  npm run import:csv -- <bhavcopy.csv> --format nse-fo-bhavcopy [--data-dir ./data]`;

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    format: { type: 'string' },
    instrument: { type: 'string' },
    timeframe: { type: 'string' },
    timezone: { type: 'string' },
    stamp: { type: 'string' },
    'data-dir': { type: 'string' },
  },
});

const file = positionals[0];
if (!file || positionals.length > 1) fail('give exactly one CSV file');
let options: CsvImportOptions;
if (values.format === 'nse-fo-bhavcopy') {
  options = { format: 'nse-fo-bhavcopy' };
} else if (values.format === 'ohlcv') {
  const instrument = instrumentIdSchema.safeParse(values.instrument);
  if (!instrument.success) fail('--instrument must be EXCHANGE:SYMBOL, e.g. NSE_INDEX:NIFTY');
  const timeframe = timeframeSchema.safeParse(values.timeframe);
  if (!timeframe.success) fail(`--timeframe must be one of ${timeframeSchema.options.join(', ')}`);
  const timezone = values.timezone === 'IST' ? 'Asia/Kolkata' : values.timezone === 'UTC' ? 'UTC' : fail('--timezone must be IST or UTC');
  const stamp = values.stamp === 'start' || values.stamp === 'end' ? values.stamp : fail('--stamp must be start (09:15 is the first bar) or end (09:16 is the first bar)');
  options = { format: 'ohlcv', instrumentId: instrument.data as InstrumentId, timeframe: timeframe.data, timezone, stamp };
} else {
  fail('--format must be ohlcv or nse-fo-bhavcopy');
}

let text: string;
try {
  text = fs.readFileSync(file, 'utf8');
} catch (e) {
  fail(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
}
const dataDir = path.resolve(values['data-dir'] ?? path.join(import.meta.dirname, '..', '..', 'data'));
const opened = openStore(path.join(dataDir, DATABASE_FILE_NAME), Date.now());
if (!opened.ok) {
  console.error(opened.error.message);
  process.exit(1);
}
const result = importCsv(text, options, createSqliteBarCache(opened.value.sqlite));
await opened.value.close();
if (!result.ok) {
  console.error(`${file}: ${result.error.message}`);
  if (result.error.kind === 'csv-invalid') for (const e of result.error.errors) console.error(`  line ${e.line}: ${e.message}`);
  process.exit(1);
}
console.log(`imported ${result.value.bars} bars of ${result.value.instruments} instrument(s) into ${path.join(dataDir, DATABASE_FILE_NAME)}`);
