import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import BetterSqlite3 from 'better-sqlite3';
import { parse } from 'csv-parse';
import { createRandom } from '#core/random';
import { formatIstTime, istDateKey, istToEpoch } from '#core/time-ist';
import { instrumentId } from '#model/ids';
import { nseCalendar } from '#market/session-calendar';
import { createSqliteBarCache } from './bar-cache.ts';
import { importCsvStream } from './csv-import.ts';

/**
 * CSV import of 1-minute bars (a broker export: `timestamp,open,high,low,close,volume`, IST, start-stamped)
 * of 1 and of 5 years, each in a process of its own:
 * - speed: rows per second of CPU time, beside a floor measured in the same run: csv-parse alone reading
 *   the same file (no checks, no database). The import's time over the floor's is what checking each row
 *   and staging it in SQLite cost;
 * - memory: live heap (after forced GCs along the way): flat memory means the 5-year file needs no more
 *   than the 1-year one. Peak RSS is printed too, without a target: it also holds SQLite's page caches
 *   (16 MB for the database, 16 MB for the staging table), which only a long file fills, and a young
 *   generation whose size V8 picks from the allocation rate, so it varies by tens of MB between runs.
 * - another writer's wait: the 5-year file imported again while another process (a running terminal's
 *   part) writes a row every 2 ms in a transaction of its own, once as the import writes (slices of
 *   50,000 bars) and once with the whole file in one transaction (the reference): the longest time
 *   that writer waited for the write lock. A terminal's write waits 5 s at most, then fails.
 * Targets: the 5-year import's live heap within 1.25× the 1-year one's; the other writer's longest wait
 * under 1 s.
 */
const NIFTY = instrumentId('NSE_INDEX', 'NIFTY');
const MEMORY_RATIO_TARGET = 1.25;
const WAIT_TARGET_MS = 1000;
const WRITER_EVERY_MS = 2;

interface WriterResult {
  readonly writes: number;
  readonly maxWaitMs: number;
  readonly p99WaitMs: number;
}

interface ChildResult {
  readonly ms: number;
  readonly rows: number;
  readonly liveHeapMb: number;
  readonly maxRssMb: number;
}

function writeCsv(file: string, years: number): number {
  const fd = fs.openSync(file, 'w');
  const rnd = createRandom(7);
  let price = 12_000;
  let rows = 0;
  fs.writeSync(fd, 'timestamp,open,high,low,close,volume\n');
  for (let day = istToEpoch(2020, 1, 1); day < istToEpoch(2020 + years, 1, 1); day += 86_400_000) {
    const session = nseCalendar.sessionOn(istDateKey(day + 12 * 3_600_000));
    if (!session || session.kind !== 'regular') continue;
    const lines: string[] = [];
    for (let t = session.open; t < session.close; t += 60_000) {
      const open = price;
      const close = Math.max(1, open * (1 + 0.0007 * rnd.normal()));
      lines.push(`${session.dateKey} ${formatIstTime(t)},${open.toFixed(2)},${(Math.max(open, close) + 1).toFixed(2)},${(Math.min(open, close) - 1).toFixed(2)},${close.toFixed(2)},${Math.round(1000 * rnd.next())}`);
      price = close;
    }
    fs.writeSync(fd, `${lines.join('\n')}\n`);
    rows += lines.length;
  }
  fs.closeSync(fd);
  return rows;
}

/** The measured process: `child <floor|import> <csv> <db>`; prints its ChildResult as JSON. */
async function child(kind: string, csv: string, dbFile: string): Promise<ChildResult> {
  const gc = globalThis.gc!;
  let gcMs = 0;
  let liveHeap = 0;
  let chunks = 0;
  const sample = (): void => {
    const t0 = performance.now();
    gc();
    gcMs += performance.now() - t0;
    liveHeap = Math.max(liveHeap, v8.getHeapStatistics().used_heap_size);
  };
  gc();
  let rows = 0;
  const cpu0 = process.cpuUsage();
  if (kind === 'floor') {
    const parser = fs.createReadStream(csv).pipe(parse({ relax_column_count: true, skip_empty_lines: true, trim: true }));
    for await (const record of parser as AsyncIterable<string[]>) {
      rows += record.length > 0 ? 1 : 0;
      if (rows % 40_000 === 0) sample();
    }
    rows--;
  } else {
    const db = new BetterSqlite3(dbFile);
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 5000');
    const cache = createSqliteBarCache(db);
    const options = { format: 'ohlcv', instrumentId: NIFTY, timeframe: '1m', timezone: 'Asia/Kolkata', stamp: 'start' } as const;
    const r = await importCsvStream(
      fs.createReadStream(csv),
      options,
      cache,
      () => {
        if (++chunks % 40 === 0) sample();
      },
      kind === 'import-whole' ? { sliceRows: Number.MAX_SAFE_INTEGER } : undefined,
    );
    if (!r.ok) throw new Error(r.error.message);
    rows = r.value.bars;
    db.close();
  }
  const cpu = process.cpuUsage(cpu0);
  const ms = (cpu.user + cpu.system) / 1000 - gcMs;
  sample();
  return { ms, rows, liveHeapMb: liveHeap / 1_048_576, maxRssMb: process.resourceUsage().maxRSS / 1024 };
}

/** The other writer: `child writer <db> <stop file>`; writes until the stop file exists, then prints its WriterResult. */
async function writer(dbFile: string, stopFile: string): Promise<WriterResult> {
  const db = new BetterSqlite3(dbFile);
  db.pragma('busy_timeout = 10000');
  db.pragma('synchronous = NORMAL');
  const insert = db.prepare('INSERT INTO writer_probe (n) VALUES (?)');
  const write = db.transaction((n: number) => insert.run(n));
  const waits: number[] = [];
  while (!fs.existsSync(stopFile)) {
    const t0 = performance.now();
    write.immediate(waits.length);
    waits.push(performance.now() - t0);
    await new Promise((r) => setTimeout(r, WRITER_EVERY_MS));
  }
  db.close();
  waits.sort((a, b) => a - b);
  return { writes: waits.length, maxWaitMs: waits.at(-1) ?? 0, p99WaitMs: waits[Math.floor(waits.length * 0.99)] ?? 0 };
}

/** The import of `csv` into a fresh database while the other writer writes to it; its result. */
async function contended(kind: 'import' | 'import-whole', csv: string, dir: string): Promise<WriterResult> {
  const dbFile = path.join(dir, `${kind}-contended.sqlite`);
  const stopFile = path.join(dir, `${kind}-stop`);
  const db = new BetterSqlite3(dbFile);
  db.pragma('journal_mode = WAL');
  createSqliteBarCache(db);
  db.exec('CREATE TABLE writer_probe (n INTEGER NOT NULL)');
  db.close();
  const proc = spawn(process.execPath, [import.meta.filename, 'child', 'writer', dbFile, stopFile], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => proc.once('exit', resolve));
  await new Promise((r) => setTimeout(r, 500));
  run(kind, csv, dbFile);
  fs.writeFileSync(stopFile, '');
  if ((await exited) !== 0) throw new Error(`CSV import bench writer failed: ${err}`);
  return JSON.parse(out.trim().split('\n').at(-1)!) as WriterResult;
}

function run(kind: 'floor' | 'import' | 'import-whole', csv: string, dbFile: string): ChildResult {
  const r = spawnSync(process.execPath, ['--expose-gc', import.meta.filename, 'child', kind, csv, dbFile], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`CSV import bench child (${kind}) failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!) as ChildResult;
}

export default async function csvImportBench(): Promise<boolean> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'csv-import-bench-'));
  try {
    const files = [1, 5].map((years) => {
      const csv = path.join(dir, `nifty-${years}y.csv`);
      return { years, csv, rows: writeCsv(csv, years), mb: 0 };
    });
    for (const f of files) f.mb = fs.statSync(f.csv).size / 1_048_576;
    const [short, long] = files as [(typeof files)[0], (typeof files)[0]];
    const floor = run('floor', long.csv, '');
    const a = run('import', short.csv, path.join(dir, 'short.sqlite'));
    const b = run('import', long.csv, path.join(dir, 'long.sqlite'));
    if (a.rows !== short.rows || b.rows !== long.rows || floor.rows !== long.rows) throw new Error(`rows imported ${a.rows}/${short.rows}, ${b.rows}/${long.rows}; floor ${floor.rows}`);
    const line = (name: string, r: ChildResult) =>
      console.log(`${name.padEnd(34)} cpu ${(r.ms / 1000).toFixed(2).padStart(6)} s  ${(r.rows / (r.ms / 1000) / 1000).toFixed(0).padStart(5)} k rows/s  live heap ${r.liveHeapMb.toFixed(1).padStart(5)} MB  max RSS ${r.maxRssMb.toFixed(0).padStart(4)} MB`);
    line(`floor: csv-parse only, ${long.years} y`, floor);
    line(`import, ${short.years} y (${short.mb.toFixed(0)} MB)`, a);
    line(`import, ${long.years} y (${long.mb.toFixed(0)} MB)`, b);
    const heapRatio = b.liveHeapMb / a.liveHeapMb;
    const rssRatio = b.maxRssMb / a.maxRssMb;
    console.log(`import: ${(b.ms / floor.ms).toFixed(1)}× the floor's time; memory ${long.years} y ÷ ${short.years} y: live heap ${heapRatio.toFixed(2)}× (target ≤ ${MEMORY_RATIO_TARGET}×), max RSS ${rssRatio.toFixed(2)}×`);
    const sliced = await contended('import', long.csv, dir);
    const whole = await contended('import-whole', long.csv, dir);
    const waitLine = (name: string, w: WriterResult) => `${name}: ${w.writes} writes, longest wait ${w.maxWaitMs.toFixed(0)} ms, p99 ${w.p99WaitMs.toFixed(1)} ms`;
    console.log(`another process writing every ${WRITER_EVERY_MS} ms during the ${long.years}-year import (${long.rows} bars):`);
    console.log(`  ${waitLine('as imported (slices of 50,000 bars)', sliced)}`);
    console.log(`  ${waitLine('reference, the whole file in one transaction', whole)}`);
    console.log(`  longest wait ${(sliced.maxWaitMs / whole.maxWaitMs).toFixed(2)}× the reference's (target under ${WAIT_TARGET_MS} ms; a terminal's write fails after 5 s)`);
    const passed = heapRatio <= MEMORY_RATIO_TARGET && sliced.maxWaitMs < WAIT_TARGET_MS;
    console.log(passed ? 'targets met' : 'TARGET MISSED');
    return passed;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.main && process.argv[2] === 'child') {
  const [, , , kind, a, b] = process.argv;
  console.log(JSON.stringify(kind === 'writer' ? await writer(a!, b!) : await child(kind!, a!, b!)));
}
