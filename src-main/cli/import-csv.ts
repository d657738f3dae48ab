import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { oneOf } from '#core/cli-args';
import { progressLine, startCli, userPath, type Cli } from '#core/cli';
import { fsReason } from '#core/fs-reason';
import { timeframeSchema, instrumentIdSchema } from '#contract/dto';
import { createSqliteBarCache } from '#market/history/bar-cache';
import { importCsvStream, type CsvImportOptions } from '#market/history/csv-import';
import type { InstrumentId } from '#model/ids';
import { DATABASE_FILE_NAME, openStore, storeErrorFix } from '#store/database';
import { importProgress } from './import-progress.ts';
import { storeFaultCrash } from '#engine/store-faults';

/**
 * `npm run import:csv -- <file or folder> …`: imports bars into the terminal's database, streaming each
 * file (memory does not grow with its size) with a progress bar. The timezone and the bar-stamp
 * convention are required for OHLCV files, because exports differ and a guess would shift every bar by a
 * minute or by five and a half hours. Each file is imported whole or not at all.
 */
const OPTIONS = {
  format: { type: 'string' },
  instrument: { type: 'string' },
  timeframe: { type: 'string' },
  timezone: { type: 'string' },
  stamp: { type: 'string' },
  'data-dir': { type: 'string' },
} as const;

const HELP = `npm run import:csv -- <file.csv | folder> [options]: imports bars from CSV files into the terminal's database.
A folder imports every .csv file in it (in name order), each with the same options. A file with any bad
row imports nothing; the bad rows are listed by line. Files of any size are read as a stream, with a
progress bar (one line per tenth of the work when the output is not a terminal).

  npm run import:csv -- nifty.csv --format ohlcv --instrument NSE_INDEX:NIFTY --timeframe 1m --timezone IST --stamp start
  npm run import:csv -- BhavCopy_NSE_FO_0_0_0_20251125_F_0000.csv --format nse-fo-bhavcopy
  npm run import:csv -- ~/bhavcopies --format nse-fo-bhavcopy

options:
  --format F        ohlcv (broker or TradingView export) or nse-fo-bhavcopy (NSE F&O daily bhavcopy)
  --instrument I    ohlcv: EXCHANGE:SYMBOL, e.g. NSE_INDEX:NIFTY
  --timeframe T     ohlcv: ${timeframeSchema.options.join(', ')}
  --timezone Z      ohlcv: IST or UTC, the zone the file's times are written in (never guessed)
  --stamp S         ohlcv: start (09:15 is the first bar: TradingView, most brokers) or end (09:16 is)
  --data-dir D      the terminal's data folder (default ./data in the project)
  -h, --help        this text
Relative paths are taken from the folder you ran the command in.

exit codes: 0 imported, 1 bad rows (in any file) or the database could not be used, 2 bad arguments or a file that cannot be read`;

const cli: Cli<typeof OPTIONS> = startCli({ name: 'import:csv', invocation: 'npm run import:csv --', help: HELP, options: OPTIONS, positionals: { max: 1 } });
cli.explainCrashes(storeFaultCrash);
const { values } = cli;
const typed = cli.positionals[0] ?? cli.usage('no CSV file given', 'name the file first: npm run import:csv -- nifty.csv --format ohlcv …');
const target = userPath(typed);

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

const files = csvFiles(target);
const sizes = files.map((f) => fs.statSync(f).size);
const totalBytes = sizes.reduce((a, b) => a + b, 0);
const dataDir = values['data-dir'] !== undefined ? userPath(values['data-dir']) : path.join(import.meta.dirname, '..', '..', 'data');
const opened = openStore(path.join(dataDir, DATABASE_FILE_NAME), Date.now());
if (!opened.ok) cli.fail(opened.error.message, storeErrorFix(opened.error));
const cache = createSqliteBarCache(opened.value.sqlite);
const progress = importProgress(progressLine(), process.stdout.isTTY === true, () => performance.now());
let bytesBefore = 0;
let rowsBefore = 0;
let bars = 0;
let instruments = 0;
const failed: { file: string; message: string; lines: readonly string[]; storeRefused: boolean }[] = [];
for (const [i, file] of files.entries()) {
  let rows = 0;
  const result = await importCsvStream(fs.createReadStream(file), options, cache, (p) => {
    rows = p.rows;
    progress.update({ bytes: bytesBefore + p.bytes, totalBytes, rows: rowsBefore + p.rows, file: i + 1, files: files.length });
  });
  bytesBefore += sizes[i]!;
  rowsBefore += rows;
  if (result.ok) {
    bars += result.value.bars;
    instruments += result.value.instruments;
  } else {
    const e = result.error;
    failed.push({ file, message: e.message, lines: e.kind === 'csv-invalid' ? e.errors.map((r) => `  line ${r.line}: ${r.message}`) : [], storeRefused: e.kind === 'write-failed' });
  }
}
progress.end();
await opened.value.close();
for (const f of failed) {
  if (files.length > 1) process.stderr.write(`${f.file}: ${f.message}\n`);
  for (const l of f.lines) process.stderr.write(`${l}\n`);
}
const into = path.join(dataDir, DATABASE_FILE_NAME);
if (files.length === 1 && failed[0]) {
  const f = failed[0];
  const fix = f.storeRefused ? 'let the program writing to the database finish (or free disk space), then import the file again' : f.lines.length > 0 ? 'fix the lines listed above and import the file again' : 'check --format and the file';
  cli.fail(`${f.file}: ${f.message}`, fix);
}
// Instruments are counted per file: across a folder of bhavcopies the same contract is in many files.
console.log(files.length > 1 ? `imported ${bars} bars from ${files.length - failed.length} of ${files.length} files into ${into}` : `imported ${bars} bars of ${instruments} instrument(s) into ${into}`);
if (failed.length > 0) cli.fail(`${failed.length} of ${files.length} files were not imported, for the reasons listed above`, 'fix them and import those files again; the others are in');

/** The file, or a folder's .csv files in name order; a path that cannot be read is a usage error. */
function csvFiles(typedPath: string): string[] {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(typedPath);
    if (!stat.isDirectory()) fs.closeSync(fs.openSync(typedPath, 'r'));
  } catch (e) {
    return cli.usage(`cannot read ${typedPath} (${fsReason(e)})`, 'check the file name; a relative path is taken from the folder you ran the command in');
  }
  if (!stat.isDirectory()) return [typedPath];
  let names: string[];
  try {
    names = fs
      .readdirSync(typedPath, { withFileTypes: true })
      .filter((d) => d.isFile() && d.name.toLowerCase().endsWith('.csv'))
      .map((d) => d.name);
  } catch (e) {
    return cli.usage(`cannot read the folder ${typedPath} (${fsReason(e)})`, 'check the folder name and its permissions');
  }
  if (names.length === 0) cli.usage(`no .csv files in ${typedPath}`, 'name a CSV file or a folder holding them (NSE bhavcopy .zip files must be unzipped first)');
  const found = names.sort().map((n) => path.join(typedPath, n));
  // Every file is checked before the first is imported: a folder stops on none of them halfway.
  for (const f of found) {
    try {
      fs.closeSync(fs.openSync(f, 'r'));
    } catch (e) {
      cli.usage(`cannot read ${f} (${fsReason(e)})`, 'fix its permissions or move it out of the folder');
    }
  }
  return found;
}
