import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import BetterSqlite3 from 'better-sqlite3';
import { istDateFromKey } from '#core/time-ist';
import { instrumentId } from '#model/ids';
import { createSqliteBarCache } from '#market/history/bar-cache';
import { BOT_DEFINITIONS, type AnyBotDefinition } from '#engine/bots/definitions';
import { recordSimulatorHistory } from './record-history.ts';
import { runBacktest } from './run-backtest.ts';
import type { BacktestDeps, BacktestRequestInput } from './types.ts';

/**
 * Backtest speed on the live engine, 1-minute bars replayed from a history cache (the seeded simulator's
 * market of five sessions, recorded first), in bars of the underlyings per second of this process's CPU
 * time (wall time beside it), each beside a floor measured in the same run: reading the same bars from
 * the same SQLite file in a bare loop, which no backtest can beat.
 * - a simple bot: one bot that evaluates nothing, on NIFTY: the engine's own cost per bar;
 * - the four option bots on NIFTY and BANKNIFTY, pricing their chains; with the peak RSS of the process.
 * Targets (issue 15): simple ≥ 1.5 M bars/s; four option bots ≥ 100 k bars/s under 500 MB RSS.
 */
const FROM = '2026-11-16';
const TO = '2026-11-20';
const SIMPLE_TARGET = 1_500_000;
const OPTIONS_TARGET = 100_000;
const RSS_TARGET_MB = 500;

interface Timed {
  readonly bars: number;
  readonly cpuMs: number;
  readonly wallMs: number;
}

function measure<T>(fn: () => Promise<T>): Promise<{ value: T; cpuMs: number; wallMs: number }> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  return fn().then((value) => {
    const cpu = process.cpuUsage(cpu0);
    return { value, cpuMs: (cpu.user + cpu.system) / 1000, wallMs: performance.now() - t0 };
  });
}

async function floor(file: string, names: readonly string[]): Promise<Timed> {
  const db = new BetterSqlite3(file, { readonly: true });
  const cache = createSqliteBarCache(db);
  const m = await measure(async () => {
    let rows = 0;
    let sum = 0;
    for (const name of names) {
      for (let after = istDateFromKey(FROM) - 1; ; ) {
        const page = cache.barRows(instrumentId('NSE_INDEX', name), '1m', after, istDateFromKey(TO) + 86_400_000, 4096);
        for (const r of page) sum += r[4];
        rows += page.length;
        if (page.length < 4096) break;
        after = page[page.length - 1]![0];
      }
    }
    if (!(sum > 0)) throw new Error('the floor read nothing');
    return rows;
  });
  db.close();
  return { bars: m.value, cpuMs: m.cpuMs, wallMs: m.wallMs };
}

async function backtest(request: BacktestRequestInput, deps: BacktestDeps): Promise<Timed> {
  const m = await measure(() => runBacktest(request, deps));
  if (!m.value.ok) throw new Error(`backtest failed: ${m.value.error.message}`);
  return { bars: m.value.value.bars, cpuMs: m.cpuMs, wallMs: m.wallMs };
}

const rate = (t: Timed): number => t.bars / (t.cpuMs / 1000);
const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

function line(name: string, t: Timed, f: Timed, target: number): boolean {
  const r = rate(t);
  const met = r >= target;
  console.log(`${name.padEnd(26)} ${fmt(t.bars).padStart(6)} bars  ${fmt(r).padStart(10)} bars/s CPU (wall ${(t.wallMs / 1000).toFixed(1)} s)  ${(r / rate(f)).toExponential(2)}× floor  target ${fmt(target)}: ${met ? 'met' : 'MISSED'}`);
  return met;
}

export default async function bench(): Promise<boolean> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'backtest-bench-'));
  try {
    const file = path.join(dir, 'history.sqlite');
    await recordSimulatorHistory({ file, seed: 8, from: FROM, to: TO, underlyings: ['NIFTY', 'BANKNIFTY'] });
    const data = { kind: 'history' as const, database: file };
    const floorNifty = await floor(file, ['NIFTY']);
    const floorBoth = await floor(file, ['NIFTY', 'BANKNIFTY']);
    console.log(`${'floor: SQLite read, NIFTY'.padEnd(26)} ${fmt(floorNifty.bars).padStart(6)} bars  ${fmt(rate(floorNifty)).padStart(10)} bars/s CPU`);

    const still: AnyBotDefinition = { ...BOT_DEFINITIONS['momentum-rider'], hooks: { onBar: () => ({ intents: [], signals: [] }) } };
    const simple = await backtest({ bots: [{ id: 'momentum-rider', params: {} }], underlyings: ['NIFTY'], from: FROM, to: TO, data, warmupSessions: 0 }, { botDefinitions: { 'momentum-rider': still } });
    const simpleMet = line('simple bot, NIFTY', simple, floorNifty, SIMPLE_TARGET);

    const four = await backtest({ bots: [{ id: 'short-straddle' }, { id: 'iron-condor' }, { id: 'volatility-expander' }, { id: 'momentum-rider' }], underlyings: ['NIFTY', 'BANKNIFTY'], from: FROM, to: TO, data, warmupSessions: 0 }, {});
    const fourMet = line('four option bots', four, floorBoth, OPTIONS_TARGET);
    const rssMb = process.resourceUsage().maxRSS / 1024;
    const rssMet = rssMb < RSS_TARGET_MB;
    console.log(`${'peak RSS of this process'.padEnd(26)} ${rssMb.toFixed(0)} MB  target under ${RSS_TARGET_MB} MB: ${rssMet ? 'met' : 'MISSED'}`);
    console.log(`machine: ${os.cpus()[0]?.model ?? 'unknown CPU'} × ${os.cpus().length}, load average ${os.loadavg()[0]!.toFixed(1)}`);
    return simpleMet && fourMet && rssMet;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
