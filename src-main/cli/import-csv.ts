import fs from 'node:fs';
import path from 'node:path';
import { oneOf } from '#core/cli-args';
import { startCli, userPath, type Cli } from '#core/cli';
import { fsReason } from '#core/fs-reason';
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
const OPTIONS = {
  format: { type: 'string' },
  instrument: { type: 'string' },
  timeframe: { type: 'string' },
  timezone: { type: 'string' },
  stamp: { type: 'string' },
  'data-dir': { type: 'string' },
} as const;

const HELP = `npm run import:csv -- <file.csv> [options]: imports bars from a CSV file into the terminal's database.
A file with any bad row imports nothing; the bad rows are listed by line.

  npm run import:csv -- nifty.csv --format ohlcv --instrument NSE_INDEX:NIFTY --timeframe 1m --timezone IST --stamp start
  npm run import:csv -- BhavCopy_NSE_FO_0_0_0_20251125_F_0000.csv --format nse-fo-bhavcopy

options:
  --format F        ohlcv (broker or TradingView export) or nse-fo-bhavcopy (NSE F&O daily bhavcopy)
  --instrument I    ohlcv: EXCHANGE:SYMBOL, e.g. NSE_INDEX:NIFTY
  --timeframe T     ohlcv: ${timeframeSchema.options.join(', ')}
  --timezone Z      ohlcv: IST or UTC, the zone the file's times are written in (never guessed)
  --stamp S         ohlcv: start (09:15 is the first bar: TradingView, most brokers) or end (09:16 is)
  --data-dir D      the terminal's data folder (default ./data in the project)
  -h, --help        this text
Relative paths are taken from the folder you ran the command in.

exit codes: 0 imported, 1 bad rows or the database could not be used, 2 bad arguments or a file that cannot be read`;

const cli: Cli<typeof OPTIONS> = startCli({ name: 'import:csv', invocation: 'npm run import:csv --', help: HELP, options: OPTIONS, positionals: { max: 1 } });
const { values } = cli;
const typed = cli.positionals[0] ?? cli.usage('no CSV file given', 'name the file first: npm run import:csv -- nifty.csv --format ohlcv …');
const file = userPath(typed);

let options: CsvImportOptions;
const format = oneOf(values.format ?? '', ['ohlcv', 'nse-fo-bhavcopy']) ?? cli.usage(`--format must be ohlcv or nse-fo-bhavcopy, got ${values.format ?? 'none'}`, 'ohlcv for broker or TradingView exports, nse-fo-bhavcopy for NSE F&O bhavcopies');
if (format === 'nse-fo-bhavcopy') {
  options = { format };
} else {
  const instrument = instrumentIdSchema.safeParse(values.instrument);
  if (!instrument.success) cli.usage(`--instrument must be EXCHANGE:SYMBOL, got ${values.instrument ?? 'none'}`, 'e.g. --instrument NSE_INDEX:NIFTY');
  const timeframe = timeframeSchema.safeParse(values.timeframe);
  if (!timeframe.success) cli.usage(`--timeframe must be one of ${timeframeSchema.options.join(', ')}, got ${values.timeframe ?? 'none'}`, 'give the bar size of the file, e.g. --timeframe 1m');
  const zone = oneOf(values.timezone ?? '', ['IST', 'UTC']) ?? cli.usage(`--timezone must be IST or UTC, got ${values.timezone ?? 'none'}`, "give the zone the file's times are written in; it is never guessed");
  const stamp = oneOf(values.stamp ?? '', ['start', 'end']) ?? cli.usage(`--stamp must be start or end, got ${values.stamp ?? 'none'}`, 'start if the first bar of a day is 09:15 (TradingView, most brokers), end if it is 09:16');
  options = { format, instrumentId: instrument.data as InstrumentId, timeframe: timeframe.data, timezone: zone === 'IST' ? 'Asia/Kolkata' : 'UTC', stamp };
}

let text: string;
try {
  text = fs.readFileSync(file, 'utf8');
} catch (e) {
  cli.usage(`cannot read ${file} (${fsReason(e)})`, 'check the file name; a relative path is taken from the folder you ran the command in');
}
const dataDir = values['data-dir'] !== undefined ? userPath(values['data-dir']) : path.join(import.meta.dirname, '..', '..', 'data');
const opened = openStore(path.join(dataDir, DATABASE_FILE_NAME), Date.now());
if (!opened.ok) cli.fail(opened.error.message, 'choose a data folder you can write with --data-dir');
const result = importCsv(text, options, createSqliteBarCache(opened.value.sqlite));
await opened.value.close();
if (!result.ok) {
  if (result.error.kind === 'csv-invalid') for (const e of result.error.errors) process.stderr.write(`  line ${e.line}: ${e.message}\n`);
  cli.fail(`${file}: ${result.error.message}`, result.error.kind === 'csv-invalid' ? 'fix the lines listed above and import the file again' : 'check --format and the file');
}
console.log(`imported ${result.value.bars} bars of ${result.value.instruments} instrument(s) into ${path.join(dataDir, DATABASE_FILE_NAME)}`);
