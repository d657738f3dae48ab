import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { integerIn } from '#core/cli-args';
import { startCli, userPath, type Cli } from '#core/cli';
import { dailyMetrics, intradayMetrics, vixMetrics } from './metrics.ts';
import { readRealData } from './real-data.ts';
import { simulate } from './simulated-data.ts';

/**
 * `npm run market:check -- <data-dir> [seed]`: compares the simulator's statistics with real NIFTY 50,
 * NIFTY BANK and INDIA VIX history read from <data-dir> (never from the project), and fails (exit 1) if
 * any is outside its band. Bands are relative (×) where the real figure is a level the model must hit,
 * absolute where the real figure is a noisy sample statistic (tail kurtosis of one window of history).
 */
interface Check {
  readonly name: string;
  readonly real: number;
  readonly sim: number;
  readonly low: number;
  readonly high: number;
}

const FILES = ['nifty50-daily.csv', 'niftybank-daily.csv', 'indiavix-daily.csv', 'nifty50-1minute-2024.csv', 'niftybank-1minute-2024.csv'];
const DEFAULT_SEED = 20_260_101;
const HELP = `npm run market:check -- <folder> [seed]: compares the market simulator's statistics with real history and
prints each statistic with its band. No market data ships with the project: the folder must hold
  ${FILES.join(', ')}
(daily files: NSE Indices exports; 1-minute files: start-stamped bars of 2024). The seed defaults to ${DEFAULT_SEED}.
A relative folder is taken from the folder you ran the command in.

exit codes: 0 every statistic within its band, 1 some outside, 2 bad arguments or missing files`;

const cli: Cli<Record<string, never>> = startCli({ name: 'market:check', invocation: 'npm run market:check --', help: HELP, options: {}, positionals: { max: 2 } });
const [typedDir, typedSeed] = cli.positionals;
if (typedDir === undefined) cli.usage('no data folder given', `name the folder holding ${FILES.join(', ')}: npm run market:check -- ~/market-data`);
const dir = userPath(typedDir);
if (!existsSync(dir) || !statSync(dir).isDirectory()) cli.usage(`${dir} is not a folder`, 'name the folder holding the CSV files');
const missing = FILES.filter((f) => !existsSync(path.join(dir, f)));
if (missing.length > 0) cli.usage(`${dir} lacks ${missing.join(', ')}`, 'put the real-history files there under these names (see --help)');
const seed = typedSeed === undefined ? DEFAULT_SEED : (integerIn(typedSeed, 0, 2 ** 32 - 1) ?? cli.usage(`seed ${typedSeed} is not a whole number`, `give a whole number from 0 to ${2 ** 32 - 1}, or leave it out`));
const real = readRealData(dir);
// Daily statistics: 12 years of sessions from the stationary volatility level, like the 2010–2022 window.
const longRun = simulate({ seed, sessions: real.niftyDaily.length, tickIntervalMs: 60_000, fromDateKey: '2014-01-01', minutes: false, params: { initialVix: 19 } });
// Intraday statistics: one calm year, like 2024 (India VIX around 14).
const calm = simulate({ seed: seed + 1, sessions: 156, tickIntervalMs: 15_000, fromDateKey: '2024-01-01', minutes: true, params: { initialVix: 14 } });

const checks: Check[] = [];
const rel = (name: string, r: number, s: number, tol: number) => checks.push({ name, real: r, sim: s, low: r * (1 - tol), high: r * (1 + tol) });
const abs = (name: string, r: number, s: number, low: number, high: number) => checks.push({ name, real: r, sim: s, low, high });

for (const [label, realRows, simRows] of [
  ['NIFTY', real.niftyDaily, longRun.niftyDaily],
  ['BANKNIFTY', real.bankDaily, longRun.bankDaily],
] as const) {
  const r = dailyMetrics(realRows);
  const s = dailyMetrics(simRows);
  rel(`${label} daily: annualised volatility`, r.annualVol, s.annualVol, 0.25);
  abs(`${label} daily: excess kurtosis`, r.excessKurtosis, s.excessKurtosis, 3, 25);
  rel(`${label} daily: overnight share of variance`, r.overnightShare, s.overnightShare, 0.35);
  rel(`${label} daily: share of overnight gaps beyond ±2 %`, r.bigGapShare, s.bigGapShare, 0.5);
  abs(`${label} daily: autocorrelation of |return|`, r.absReturnAutocorr, s.absReturnAutocorr, 0.08, 0.4);
}
const rv = vixMetrics(real.niftyDaily, real.vixDaily);
const sv = vixMetrics(longRun.niftyDaily, longRun.vixDaily);
rel('VIX: mean level', rv.mean, sv.mean, 0.2);
abs('VIX: correlation with realised 21-day volatility', rv.corrWithRealised, sv.corrWithRealised, 0.65, 0.95);
rel('VIX: median VIX / realised volatility', rv.premium, sv.premium, 0.15);
rel('VIX: std of daily log change', rv.dailyLogChangeStd, sv.dailyLogChangeStd, 0.3);
abs('VIX: correlation of daily change with NIFTY return', rv.corrWithReturns, sv.corrWithReturns, -0.75, -0.35);

for (const [label, realRows, simRows] of [
  ['NIFTY', real.niftyMinute, calm.niftyMinute],
  ['BANKNIFTY', real.bankMinute, calm.bankMinute],
] as const) {
  const r = intradayMetrics(realRows);
  const s = intradayMetrics(simRows);
  rel(`${label} 1m: return std / daily std`, r.minuteToDaily, s.minuteToDaily, 0.25);
  abs(`${label} 1m: excess kurtosis`, r.minuteExcessKurtosis, s.minuteExcessKurtosis, 5, 400);
  rel(`${label} 1m: vol 09:15–09:30 / midday`, r.openToMidday, s.openToMidday, 0.25);
  rel(`${label} 1m: vol 15:15–15:30 / midday`, r.closeToMidday, s.closeToMidday, 0.25);
  rel(`${label} 1m: vol of first minute / midday`, r.firstMinuteToMidday, s.firstMinuteToMidday, 0.3);
  console.log(`${label} 1m std: real ${r.minuteStdBps.toFixed(2)} bps, sim ${s.minuteStdBps.toFixed(2)} bps (a level set by the simulated regime, not checked)`);
  console.log(`${label} 1m std (bps) per 15-minute slot\n  real ${r.profile.map((x) => x.toFixed(1)).join(' ')}\n  sim  ${s.profile.map((x) => x.toFixed(1)).join(' ')}`);
}

let failed = 0;
console.log(`\n${'statistic'.padEnd(56)} ${'real'.padStart(8)} ${'sim'.padStart(8)}   band`);
for (const c of checks) {
  const pass = c.sim >= Math.min(c.low, c.high) && c.sim <= Math.max(c.low, c.high);
  if (!pass) failed++;
  console.log(`${pass ? 'ok  ' : 'FAIL'} ${c.name.padEnd(51)} ${fmt(c.real)} ${fmt(c.sim)}   [${fmt(Math.min(c.low, c.high)).trim()}, ${fmt(Math.max(c.low, c.high)).trim()}]`);
}
console.log(failed === 0 ? `\nall ${checks.length} statistics within their bands` : `\n${failed} of ${checks.length} statistics outside their bands`);
process.exitCode = failed === 0 ? 0 : 1;

function fmt(x: number): string {
  return (Math.abs(x) >= 100 ? x.toFixed(1) : x.toFixed(3)).padStart(8);
}
