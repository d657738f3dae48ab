import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import BetterSqlite3 from 'better-sqlite3';
import { SimClock } from '#core/clock';
import { createRandom } from '#core/random';
import { istDateKey, istToEpoch } from '#core/time-ist';
import type { Bar } from '#model/bar';
import { instrumentId, type InstrumentId } from '#model/ids';
import { createSqliteBarCache } from '#market/history/bar-cache';
import { createMarketData } from '#market/market-data';
import { nseCalendar } from '#market/session-calendar';
import { createReplayFeed } from './replay-feed.ts';

/**
 * Replay of 1-minute bars for backtests: four index series, each bar played as four ticks into the
 * market data of every timeframe (1m … 1d) on a SimClock driven by the replay, as a backtest runs it.
 * - speed: instrument-years per second of CPU time (the process's own, so other load on the machine
 *   does not count; wall time is printed beside it), beside a floor measured in the same run: a bare loop
 *   reading the same rows from the same SQLite file, keyset page by page. The replay's time over the
 *   floor's is what the tick path costs;
 * - memory: live heap (after a forced GC, at eight points along the way) and peak RSS of a 1-year and a
 *   5-year replay, each in a process of its own: flat memory means the long one needs no more than the
 *   short one.
 * Targets: the 5-year replay's live heap and peak RSS within 1.25× the 1-year one's; the replay within
 * 6× the floor's time.
 */
const INSTRUMENTS: readonly InstrumentId[] = [instrumentId('NSE_INDEX', 'NIFTY'), instrumentId('NSE_INDEX', 'BANKNIFTY'), instrumentId('NSE_INDEX', 'FINNIFTY'), instrumentId('BSE_INDEX', 'SENSEX')];
const FROM = istToEpoch(2020, 1, 1);
const SHORT_YEARS = 1;
const LONG_YEARS = 5;
const MEMORY_RATIO_TARGET = 1.25;
const FLOOR_RATIO_TARGET = 6;

const yearsEnd = (years: number): number => istToEpoch(2020 + years, 1, 1);

interface ChildResult {
  /** CPU time of the measured part, GC checkpoints excluded. */
  readonly ms: number;
  readonly wallMs: number;
  readonly rows: number;
  readonly ticks: number;
  readonly closed1m: number;
  readonly liveHeapMb: number;
  readonly maxRssMb: number;
}

/** Random-walk 1m bars of every session, inside the NSE calendar, for each instrument. */
function seed(file: string, years: number): number {
  const db = new BetterSqlite3(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const cache = createSqliteBarCache(db);
  const rnd = createRandom(20_200_101);
  let rows = 0;
  for (const [k, id] of INSTRUMENTS.entries()) {
    let price = [12_000, 31_000, 13_500, 41_000][k]!;
    const batch: Bar[] = [];
    for (let day = FROM; day < yearsEnd(years); day += 86_400_000) {
      const session = nseCalendar.sessionOn(istDateKey(day + 12 * 3_600_000));
      if (!session || session.kind !== 'regular') continue;
      for (let t = session.open; t < session.close; t += 60_000) {
        const open = price;
        const close = Math.max(1, open * (1 + 0.0007 * rnd.normal()));
        const high = Math.max(open, close) * (1 + 0.0003 * rnd.next());
        const low = Math.min(open, close) * (1 - 0.0003 * rnd.next());
        batch.push({ instrumentId: id, timeframe: '1m', tsStart: t, open, high, low, close, volume: 0, closed: true });
        price = close;
      }
      if (batch.length > 50_000) {
        cache.save(batch, 'simulator');
        rows += batch.length;
        batch.length = 0;
      }
    }
    cache.save(batch, 'simulator');
    rows += batch.length;
  }
  db.close();
  return rows;
}

/** The measured process: `child <floor|replay> <file> <years>`; prints its ChildResult as JSON. */
async function child(kind: string, file: string, years: number): Promise<ChildResult> {
  const db = new BetterSqlite3(file, { readonly: true });
  const cache = createSqliteBarCache(db);
  const toMs = yearsEnd(years);
  const gc = globalThis.gc!;
  let gcMs = 0;
  let liveHeap = 0;
  const sample = (): void => {
    const t0 = performance.now();
    gc();
    gcMs += performance.now() - t0;
    liveHeap = Math.max(liveHeap, v8.getHeapStatistics().used_heap_size);
  };
  gc();
  let rows = 0;
  let ticks = 0;
  let closed1m = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  if (kind === 'floor') {
    let sum = 0;
    for (const id of INSTRUMENTS) {
      for (let after = FROM - 1; ; ) {
        const page = cache.barRows(id, '1m', after, toMs, 4096);
        for (const r of page) sum += r[4];
        rows += page.length;
        if (page.length < 4096) break;
        after = page[page.length - 1]![0];
      }
    }
    if (!(sum > 0)) throw new Error('floor read nothing');
  } else {
    const clock = new SimClock(FROM);
    const feed = createReplayFeed({ clock, source: cache, fromMs: FROM, toMs, pacing: 'driven' });
    const market = createMarketData({ clock });
    market.attach(feed);
    market.onBar((b) => {
      if (b.timeframe === '1m') closed1m++;
    });
    feed.onTick(() => ticks++);
    feed.subscribe(INSTRUMENTS, 'ltp');
    await feed.start();
    // Eight checkpoints of the live heap along the way (their GC time is not counted).
    const step = (toMs - FROM) / 8;
    for (let i = 1; i <= 8; i++) {
      feed.playTo(Math.round(FROM + i * step));
      sample();
    }
    rows = closed1m;
  }
  const wallMs = performance.now() - t0 - gcMs;
  const cpu = process.cpuUsage(cpu0);
  const ms = (cpu.user + cpu.system) / 1000 - gcMs;
  sample();
  db.close();
  return { ms, wallMs, rows, ticks, closed1m, liveHeapMb: liveHeap / 1_048_576, maxRssMb: process.resourceUsage().maxRSS / 1024 };
}

function run(kind: 'floor' | 'replay', file: string, years: number): ChildResult {
  const r = spawnSync(process.execPath, ['--expose-gc', import.meta.filename, 'child', kind, file, String(years)], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`replay bench child (${kind}, ${years} y) failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!) as ChildResult;
}

export default async function replayBench(): Promise<boolean> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'replay-bench-'));
  try {
    const file = path.join(dir, 'bars.sqlite');
    const t0 = performance.now();
    const rows = seed(file, LONG_YEARS);
    console.log(`data: ${rows.toLocaleString('en-US')} 1m bars of ${INSTRUMENTS.length} indices, 2020–${2019 + LONG_YEARS} (written in ${((performance.now() - t0) / 1000).toFixed(1)} s)`);
    const floor = run('floor', file, LONG_YEARS);
    const short = run('replay', file, SHORT_YEARS);
    const long = run('replay', file, LONG_YEARS);
    if (long.closed1m !== rows || floor.rows !== rows) throw new Error(`the replay rebuilt ${long.closed1m} bars and the floor read ${floor.rows}, of ${rows}`);
    const floorRatio = long.ms / floor.ms;
    const heapRatio = long.liveHeapMb / short.liveHeapMb;
    const rssRatio = long.maxRssMb / short.maxRssMb;
    const line = (name: string, r: ChildResult, years: number) =>
      console.log(
        `${name.padEnd(30)} cpu ${(r.ms / 1000).toFixed(2).padStart(6)} s (wall ${(r.wallMs / 1000).toFixed(2)} s)  ${((INSTRUMENTS.length * years) / (r.ms / 1000)).toFixed(1).padStart(6)} instrument-years/s  ${(r.rows / (r.ms / 1000) / 1e6).toFixed(2).padStart(5)} M bars/s  live heap ${r.liveHeapMb.toFixed(1).padStart(5)} MB  max RSS ${r.maxRssMb.toFixed(0).padStart(4)} MB`,
      );
    line(`floor: read rows, ${LONG_YEARS} y`, floor, LONG_YEARS);
    line(`replay + market data, ${SHORT_YEARS} y`, short, SHORT_YEARS);
    line(`replay + market data, ${LONG_YEARS} y`, long, LONG_YEARS);
    console.log(`replay: ${floorRatio.toFixed(1)}× the floor's time (target ≤ ${FLOOR_RATIO_TARGET}×); ${(long.ticks / (long.ms / 1000) / 1e6).toFixed(2)} M ticks/s`);
    console.log(`memory ${LONG_YEARS} y ÷ ${SHORT_YEARS} y: live heap ${heapRatio.toFixed(2)}×, max RSS ${rssRatio.toFixed(2)}× (target ≤ ${MEMORY_RATIO_TARGET}×)`);
    const passed = heapRatio <= MEMORY_RATIO_TARGET && rssRatio <= MEMORY_RATIO_TARGET && floorRatio <= FLOOR_RATIO_TARGET;
    console.log(passed ? 'targets met' : 'TARGET MISSED');
    return passed;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.main && process.argv[2] === 'child') {
  const [, , , kind, file, years] = process.argv;
  console.log(JSON.stringify(await child(kind!, file!, Number(years))));
}
