import { err, ok, type Result } from '#core/result';
import type { Bar } from '#model/bar';
import type { BarCache } from './bar-cache.ts';
import { BarWriteError, type BarImportOptions } from './bar-import.ts';
import { barRowReader, type BarRowReader, type CsvImportOptions } from './csv-formats.ts';
import { csvRecords, csvRecordsOf, CsvSyntaxError, type CsvRecord } from './csv-reader.ts';

export type { CsvImportOptions };

export interface CsvRowError {
  readonly line: number;
  readonly message: string;
}

export type CsvImportError =
  | { readonly kind: 'csv-format'; readonly message: string }
  | { readonly kind: 'csv-invalid'; readonly message: string; readonly errors: readonly CsvRowError[] }
  /** The checks passed but the database refused the bars (locked past its wait, disk full): the message says how many were written. */
  | { readonly kind: 'write-failed'; readonly message: string; readonly written: number };

export interface CsvImportSummary {
  readonly bars: number;
  readonly instruments: number;
}

export interface CsvImportProgress {
  /** Bytes read so far. */
  readonly bytes: number;
  /** Records read so far, the header included. */
  readonly rows: number;
}

/** Bad rows listed (those with the lowest line numbers); the count covers all of them. */
const MAX_REPORTED = 200;

/** How imported bars are marked in the cache: an OHLCV export or an NSE bhavcopy. */
const sourceOf = (options: CsvImportOptions): 'csv' | 'bhavcopy' => (options.format === 'ohlcv' ? 'csv' : 'bhavcopy');

/** Where checked bars go. */
interface BarSink {
  add(bar: Bar, line: number): void;
}

/**
 * Parses and validates the whole file in memory; any bad row fails the whole file, with every bad row
 * listed by line. Bars come back sorted by instrument, then time. For files of any size use
 * `importCsvStream`, which holds none of it in memory.
 */
export function parseCsvBars(text: string, options: CsvImportOptions): Result<Bar[], CsvImportError> {
  const bars: Bar[] = [];
  const seen = new Map<string, number>();
  const checks = new RowChecks(options);
  const sink: BarSink = {
    add(bar, line) {
      const key = `${bar.instrumentId}|${bar.tsStart}`;
      const first = seen.get(key);
      if (first !== undefined) return checks.duplicate(line, first);
      seen.set(key, line);
      bars.push(bar);
    },
  };
  const outcome = checks.all(text, sink);
  if (!outcome.ok) return outcome;
  return ok(bars.sort((a, b) => (a.instrumentId < b.instrumentId ? -1 : a.instrumentId > b.instrumentId ? 1 : a.tsStart - b.tsStart)));
}

/** Parses, validates and saves text in memory: a file is imported whole or not at all. */
export function importCsv(text: string, options: CsvImportOptions, cache: Pick<BarCache, 'beginImport'>): Result<CsvImportSummary, CsvImportError> {
  const checks = new RowChecks(options);
  const target = cache.beginImport((line, first) => checks.duplicate(line, first), sourceOf(options));
  try {
    const outcome = checks.all(text, target);
    if (!outcome.ok) {
      target.abort();
      return outcome;
    }
    return ok(target.commit());
  } catch (e) {
    target.abort();
    return writeFailed(e);
  }
}

/**
 * Streams a CSV file of any size into the cache with flat memory: each row is checked as it is read and
 * staged outside the bars table; at the end the file is written in slices of one transaction each
 * (`BarImport.commitInSlices`), or, if any row was bad, nothing is written and the bad rows are listed by line.
 */
export async function importCsvStream(
  input: AsyncIterable<Uint8Array>,
  options: CsvImportOptions,
  cache: Pick<BarCache, 'beginImport'>,
  onProgress?: (progress: CsvImportProgress) => void,
  slicing?: BarImportOptions,
): Promise<Result<CsvImportSummary, CsvImportError>> {
  const checks = new RowChecks(options);
  const target = cache.beginImport((line, first) => checks.duplicate(line, first), sourceOf(options), slicing);
  let bytes = 0;
  let rows = 0;
  try {
    try {
      for await (const record of csvRecords(input, (n) => {
        bytes = n;
        onProgress?.({ bytes, rows });
      })) {
        rows++;
        if (!checks.record(record, target)) break;
      }
    } catch (e) {
      if (!(e instanceof CsvSyntaxError)) throw e;
      checks.report(e.line, e.message);
    }
    target.flush();
    onProgress?.({ bytes, rows });
    const outcome = checks.result();
    if (!outcome.ok) {
      target.abort();
      return outcome;
    }
    return ok(await target.commitInSlices());
  } catch (e) {
    target.abort();
    return writeFailed(e);
  }
}

/** A store that refused the bars is the import's error; anything else is a fault, thrown on. */
function writeFailed(e: unknown): Result<never, CsvImportError> {
  if (!(e instanceof BarWriteError)) throw e;
  return err({ kind: 'write-failed', message: e.written === 0 ? e.message : `${e.message}; import the file again to write the rest (bars written twice get the same values)`, written: e.written });
}

/** The checks of one file, record by record, shared by the in-memory and the streaming import. */
class RowChecks {
  private readonly options: CsvImportOptions;
  private reader: BarRowReader | undefined;
  private formatError: string | undefined = 'the file is empty: no header row';
  private readonly reported: CsvRowError[] = [];
  private bad = 0;

  constructor(options: CsvImportOptions) {
    this.options = options;
  }

  /** Checks one record and hands a good bar to `sink`; false once the header shows the file cannot be read. */
  record(r: CsvRecord, sink: BarSink): boolean {
    if (!this.reader) {
      const made = barRowReader(
        r.fields.map((h) => h.toLowerCase()),
        this.options,
      );
      if (typeof made === 'string') {
        this.formatError = made;
        return false;
      }
      this.reader = made;
      this.formatError = undefined;
      return true;
    }
    if (r.fields.every((f) => f === '')) return true;
    const bar = this.reader(r, (message) => this.report(r.line, message));
    if (bar) sink.add(bar, r.line);
    return true;
  }

  duplicate(line: number, firstLine: number): void {
    this.report(line, `duplicate bar: same instrument and time as line ${firstLine}`);
  }

  /** Keeps the MAX_REPORTED lowest lines: duplicates are found a batch later than other errors. */
  report(line: number, message: string): void {
    this.bad++;
    const list = this.reported;
    if (list.length < MAX_REPORTED) {
      list.push({ line, message });
      return;
    }
    let worst = 0;
    for (let i = 1; i < list.length; i++) if (list[i]!.line > list[worst]!.line) worst = i;
    if (line < list[worst]!.line) list[worst] = { line, message };
  }

  result(): Result<void, CsvImportError> {
    if (this.bad > 0) return err({ kind: 'csv-invalid', message: `${this.bad} bad row(s); nothing imported`, errors: [...this.reported].sort((a, b) => a.line - b.line) });
    if (this.formatError !== undefined) return err({ kind: 'csv-format', message: this.formatError });
    return ok(undefined);
  }

  all(text: string, sink: BarSink & { flush?(): void }): Result<void, CsvImportError> {
    let records: CsvRecord[];
    try {
      records = csvRecordsOf(text);
    } catch (e) {
      if (!(e instanceof CsvSyntaxError)) throw e;
      this.report(e.line, e.message);
      return this.result();
    }
    for (const r of records) if (!this.record(r, sink)) break;
    sink.flush?.();
    return this.result();
  }
}
