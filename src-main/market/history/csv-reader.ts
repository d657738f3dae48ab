import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CsvError, parse, type Options } from 'csv-parse';
import { parse as parseAll } from 'csv-parse/sync';

/** A CSV record with the 1-based line it starts on (the header is line 1). */
export interface CsvRecord {
  readonly line: number;
  readonly fields: readonly string[];
}

/** Text that is not CSV (an unclosed quote, text after a closing quote): where, and what. */
export class CsvSyntaxError extends Error {
  readonly line: number;
  constructor(line: number, message: string) {
    super(message);
    this.line = line;
  }
}

/**
 * RFC 4180 as csv-parse reads it: quoted fields may hold commas, doubled quotes and line breaks; CRLF or
 * LF; an optional BOM; rows may have fewer or more fields than the header (exports pad with a trailing
 * comma); blank lines are skipped. A record may not exceed 1 MiB, so an unclosed quote fails at once
 * instead of reading the rest of a large file into one field.
 */
const OPTIONS: Options = { bom: true, info: true, relax_column_count: true, skip_empty_lines: true, trim: true, max_record_size: 1 << 20 };

interface Parsed {
  readonly record: string[];
  readonly info: { readonly bytes: number };
}

/**
 * Records of a CSV byte stream, each with the line it starts on, holding only the chunk being parsed.
 * Lines are counted here from the bytes (csv-parse counts a CRLF inside a quoted field as two lines).
 * Throws CsvSyntaxError on text that is not CSV; `onBytes` is told how many bytes were read so far.
 */
export async function* csvRecords(input: AsyncIterable<Uint8Array>, onBytes?: (bytes: number) => void): AsyncGenerator<CsvRecord> {
  const lines = new LineCounter();
  let read = 0;
  async function* counted(): AsyncGenerator<Buffer> {
    for await (const chunk of input) {
      const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
      lines.feed(buf);
      read += buf.length;
      onBytes?.(read);
      yield buf;
    }
  }
  const parser = parse(OPTIONS);
  const done = pipeline(Readable.from(counted()), parser);
  // The pipeline's own rejection is the same error the loop below throws.
  done.catch(() => {});
  try {
    for await (const parsed of parser as AsyncIterable<Parsed>) yield lines.record(parsed);
  } catch (e) {
    throw lines.syntaxError(e);
  }
  await done;
}

/** The same records from text already in memory. */
export function csvRecordsOf(text: string): CsvRecord[] {
  const buf = Buffer.from(text);
  const lines = new LineCounter();
  lines.feed(buf);
  let all: Parsed[];
  try {
    all = parseAll(buf, OPTIONS) as unknown as Parsed[];
  } catch (e) {
    throw lines.syntaxError(e);
  }
  return all.map((p) => lines.record(p));
}

/**
 * Line numbers from byte offsets. Offsets asked for only grow, so counted chunks are dropped and only
 * the bytes between the last record and the parser's position are kept.
 */
class LineCounter {
  private readonly chunks: Buffer[] = [];
  /** Absolute offset of chunks[0]. */
  private base = 0;
  /** Newlines in [0, countedTo). */
  private newlines = 0;
  private countedTo = 0;
  private lastLine = 0;

  feed(chunk: Buffer): void {
    this.chunks.push(chunk);
  }

  /** The line `parsed` starts on: its last line less the line breaks inside its quoted fields. */
  record(parsed: Parsed): CsvRecord {
    // `bytes` is the offset just past the record's line break (or the end of the input).
    const last = 1 + this.newlinesBefore(parsed.info.bytes - 1);
    let line = last;
    if (last - this.lastLine > 1) for (const f of parsed.record) for (let i = f.indexOf('\n'); i >= 0; i = f.indexOf('\n', i + 1)) line--;
    this.lastLine = last;
    return { line, fields: parsed.record };
  }

  syntaxError(e: unknown): unknown {
    if (!(e instanceof CsvError)) return e;
    const at = (e as CsvError & { bytes?: number }).bytes;
    const line = typeof at === 'number' ? 1 + this.newlinesBefore(at) : this.lastLine + 1;
    return new CsvSyntaxError(line, SYNTAX[e.code] ?? e.message.replace(/ at line \d+/, ''));
  }

  private newlinesBefore(offset: number): number {
    while (this.countedTo < offset && this.chunks.length > 0) {
      const chunk = this.chunks[0]!;
      const end = Math.min(offset - this.base, chunk.length);
      for (let i = chunk.indexOf(10, this.countedTo - this.base); i >= 0 && i < end; i = chunk.indexOf(10, i + 1)) this.newlines++;
      this.countedTo = this.base + end;
      if (end === chunk.length) {
        this.chunks.shift();
        this.base += chunk.length;
      }
    }
    return this.newlines;
  }
}

const SYNTAX: Partial<Record<string, string>> = {
  CSV_INVALID_CLOSING_QUOTE: 'text after the closing quote of a field (a quote inside a field must be doubled: "a ""b"" c")',
  CSV_INVALID_OPENING_QUOTE: 'a quote inside a field that does not start with one (quote the whole field and double the quote)',
  CSV_QUOTE_NOT_CLOSED: 'a quoted field that is never closed',
  CSV_MAX_RECORD_SIZE: 'a row longer than 1 MiB: probably a quote that is never closed',
};
