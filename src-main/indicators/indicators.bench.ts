import { Bench } from 'tinybench';
import ti from 'technicalindicators';
import type { Bar } from '#model/bar';
import { Adx } from './adx.ts';
import { Atr } from './atr.ts';
import { Bollinger } from './bollinger.ts';
import { Ema } from './ema.ts';
import { HistoricalVolatility, historicalVolatilityBatch } from './historical-volatility.ts';
import { IvPercentile, ivPercentileBatch } from './iv-percentile.ts';
import { IvRank, ivRankBatch } from './iv-rank.ts';
import { Keltner, keltnerBatch } from './keltner.ts';
import { Macd } from './macd.ts';
import { Mfi, mfiBatch } from './mfi.ts';
import { Obv, obvBatch } from './obv.ts';
import { PivotPoints, pivotPointsBatch } from './pivot-points.ts';
import { Roc, rocBatch } from './roc.ts';
import { Rsi } from './rsi.ts';
import { Sma, smaBatch } from './sma.ts';
import { Squeeze, squeezeBatch } from './squeeze.ts';
import { StdDev, stdDevBatch } from './std-dev.ts';
import { Stochastic, stochasticBatch } from './stochastic.ts';
import { StochasticFast, stochasticFastBatch } from './stochastic-fast.ts';
import { Supertrend, supertrendBatch } from './supertrend.ts';
import { TrueRange, trueRangeBatch } from './true-range.ts';
import { VolumeMa, volumeMaBatch } from './volume-ma.ts';
import { Vwap, vwapBatch } from './vwap.ts';
import { WilliamsR, williamsRBatch } from './williams-r.ts';
import { Wma, wmaBatch } from './wma.ts';
import { randomBars } from './testing/random-bars.ts';
import { runTalib, talibHarness } from './testing/talib-c.ts';

/**
 * Every indicator's batch and streaming throughput on 1,000,000 bars, beside TA-Lib C (compiled from the
 * sources in node_modules/talib into .bench/) and technicalindicators, all measured in this run.
 * Targets (for EMA, RSI, MACD, ATR, ADX, Bollinger): batch ≤ 1.5× TA-Lib C, and ≥ 10× faster than
 * technicalindicators.
 */
const N = 1_000_000;
const TARGETED = new Set(['EMA(14)', 'RSI(14)', 'MACD(12,26,9)', 'ATR(14)', 'ADX(14)', 'Bollinger(20,2)']);

interface Case {
  readonly name: string;
  readonly batch: () => unknown;
  readonly stream: () => unknown;
  /** TA-Lib harness function and parameters, where TA-Lib has the indicator. */
  readonly talib?: readonly [string, readonly number[]];
  readonly ti?: () => unknown;
}

/**
 * Best of `iterations` timed runs after `warm` untimed ones: V8 needs a few thousand calls of a fold's
 * inner loop before its optimising tier takes over, and steady state is what a backtest sees.
 */
async function bestMs(fn: () => unknown, iterations: number, warm: number): Promise<number> {
  for (let w = 0; w < warm; w++) fn();
  const bench = new Bench({ iterations, time: 0, warmup: false, throws: true });
  bench.add('run', fn);
  await bench.run();
  const result = bench.tasks[0]?.result;
  if (result?.state !== 'completed') throw new Error(`benchmark did not complete: ${result?.state}`);
  return result.latency.min;
}

const fmt = (x: number | undefined, digits = 1): string => (x === undefined ? '–' : x.toFixed(digits));

export default async function indicatorsBench(): Promise<boolean> {
  const { bars, cols } = randomBars(N, 42);
  const closes = cols.close;
  const plain = {
    values: Array.from(closes),
    close: Array.from(closes),
    high: Array.from(cols.high),
    low: Array.from(cols.low),
    volume: Array.from(cols.volume),
  };
  const { values, high, low, close, volume } = plain;
  const bar = (i: number): Bar => bars[i] as Bar;
  // The six targeted batch forms fold into preallocated outputs, as the C harness writes into buffers it
  // allocated once; the other batch functions allocate their outputs on every call.
  const o = (): Float64Array => new Float64Array(N);
  const [o1, o2, o3, o4, o5] = [o(), o(), o(), o(), o()];
  const bands = { middle: o1, upper: o2, lower: o3 };
  const bandsAndMore = { ...bands, bandwidth: o4, percentB: o5 };
  const harness = talibHarness();
  if (typeof harness !== 'string') console.log(`TA-Lib C reference unavailable: ${harness.reason}`);

  const cases: Case[] = [
    { name: 'SMA(20)', batch: () => smaBatch(closes, 20), stream: () => { const x = new Sma(20); for (let i = 0; i < N; i++) x.update(bar(i).close); }, talib: ['SMA', [20]], ti: () => ti.SMA.calculate({ values, period: 20 }) },
    { name: 'EMA(14)', batch: () => new Ema(14).fold(closes, o1), stream: () => { const x = new Ema(14); for (let i = 0; i < N; i++) x.update(bar(i).close); }, talib: ['EMA', [14]], ti: () => ti.EMA.calculate({ values, period: 14 }) },
    { name: 'WMA(20)', batch: () => wmaBatch(closes, 20), stream: () => { const x = new Wma(20); for (let i = 0; i < N; i++) x.update(bar(i).close); }, talib: ['WMA', [20]], ti: () => ti.WMA.calculate({ values, period: 20 }) },
    {
      name: 'MACD(12,26,9)', batch: () => new Macd().fold(closes, o1, o2, o3), stream: () => { const x = new Macd(); for (let i = 0; i < N; i++) x.update(bar(i).close); }, talib: ['MACD', [12, 26, 9]],
      ti: () => ti.MACD.calculate({ values, fastPeriod: 12, slowPeriod: 26, signalPeriod: 9, SimpleMAOscillator: false, SimpleMASignal: false }),
    },
    { name: 'RSI(14)', batch: () => new Rsi(14).fold(closes, o1), stream: () => { const x = new Rsi(14); for (let i = 0; i < N; i++) x.update(bar(i).close); }, talib: ['RSI', [14]], ti: () => ti.RSI.calculate({ values, period: 14 }) },
    { name: 'ROC(10)', batch: () => rocBatch(closes, 10), stream: () => { const x = new Roc(10); for (let i = 0; i < N; i++) x.update(bar(i).close); }, talib: ['ROC', [10]], ti: () => ti.ROC.calculate({ values, period: 10 }) },
    { name: 'StdDev(20)', batch: () => stdDevBatch(closes, 20), stream: () => { const x = new StdDev(20); for (let i = 0; i < N; i++) x.update(bar(i).close); }, talib: ['STDDEV', [20]], ti: () => ti.SD.calculate({ values, period: 20 }) },
    { name: 'Bollinger(20,2)', batch: () => new Bollinger(20, 2).fold(closes, bands), stream: () => { const x = new Bollinger(20, 2); for (let i = 0; i < N; i++) x.update(bar(i).close); }, talib: ['BBANDS', [20, 2]], ti: () => ti.BollingerBands.calculate({ values, period: 20, stdDev: 2 }) },
    { name: 'Bollinger + bandwidth, %B', batch: () => new Bollinger(20, 2).fold(closes, bandsAndMore), stream: () => { const x = new Bollinger(20, 2); for (let i = 0; i < N; i++) x.update(bar(i).close); }, talib: ['BBANDS', [20, 2]], ti: () => ti.BollingerBands.calculate({ values, period: 20, stdDev: 2 }) },
    { name: 'true range', batch: () => trueRangeBatch(cols), stream: () => { const x = new TrueRange(); for (let i = 0; i < N; i++) x.update(bar(i)); }, talib: ['TRANGE', []], ti: () => ti.TrueRange.calculate({ high, low, close }) },
    { name: 'ATR(14)', batch: () => new Atr(14).fold(cols, o1), stream: () => { const x = new Atr(14); for (let i = 0; i < N; i++) x.update(bar(i)); }, talib: ['ATR', [14]], ti: () => ti.ATR.calculate({ high, low, close, period: 14 }) },
    { name: 'ADX(14)', batch: () => new Adx(14).fold(cols, o1, o2, o3), stream: () => { const x = new Adx(14); for (let i = 0; i < N; i++) x.update(bar(i)); }, talib: ['ADX', [14]], ti: () => ti.ADX.calculate({ high, low, close, period: 14 }) },
    { name: 'Stochastic(5,3,3)', batch: () => stochasticBatch(cols), stream: () => { const x = new Stochastic(); for (let i = 0; i < N; i++) x.update(bar(i)); }, talib: ['STOCH', [5, 3, 3]] },
    { name: 'StochasticFast(14,3)', batch: () => stochasticFastBatch(cols, 14, 3), stream: () => { const x = new StochasticFast(14, 3); for (let i = 0; i < N; i++) x.update(bar(i)); }, talib: ['STOCHF', [14, 3]], ti: () => ti.Stochastic.calculate({ high, low, close, period: 14, signalPeriod: 3 }) },
    { name: 'Williams %R(14)', batch: () => williamsRBatch(cols, 14), stream: () => { const x = new WilliamsR(14); for (let i = 0; i < N; i++) x.update(bar(i)); }, talib: ['WILLR', [14]], ti: () => ti.WilliamsR.calculate({ high, low, close, period: 14 }) },
    { name: 'OBV', batch: () => obvBatch(cols), stream: () => { const x = new Obv(); for (let i = 0; i < N; i++) x.update(bar(i)); }, talib: ['OBV', []], ti: () => ti.OBV.calculate({ close, volume }) },
    { name: 'MFI(14)', batch: () => mfiBatch(cols, 14), stream: () => { const x = new Mfi(14); for (let i = 0; i < N; i++) x.update(bar(i)); }, talib: ['MFI', [14]], ti: () => ti.MFI.calculate({ high, low, close, volume, period: 14 }) },
    { name: 'volume MA(20)', batch: () => volumeMaBatch(cols, 20), stream: () => { const x = new VolumeMa(20); for (let i = 0; i < N; i++) x.update(bar(i)); }, talib: ['VOLSMA', [20]] },
    {
      name: 'Keltner(20,10,2)', batch: () => keltnerBatch(cols), stream: () => { const x = new Keltner(); for (let i = 0; i < N; i++) x.update(bar(i)); },
      ti: () => ti.KeltnerChannels.calculate({ high, low, close, maPeriod: 20, atrPeriod: 10, useSMA: false, multiplier: 2 }),
    },
    { name: 'squeeze(20)', batch: () => squeezeBatch(cols), stream: () => { const x = new Squeeze(); for (let i = 0; i < N; i++) x.update(bar(i)); } },
    { name: 'session VWAP', batch: () => vwapBatch(cols), stream: () => { const x = new Vwap(); for (let i = 0; i < N; i++) x.update(bar(i)); }, ti: () => ti.VWAP.calculate({ high, low, close, volume }) },
    { name: 'Supertrend(10,3)', batch: () => supertrendBatch(cols), stream: () => { const x = new Supertrend(); for (let i = 0; i < N; i++) x.update(bar(i)); } },
    { name: 'pivot points', batch: () => pivotPointsBatch(cols), stream: () => { const x = new PivotPoints(); for (let i = 0; i < N; i++) x.update(bar(i)); } },
    { name: 'HV(20)', batch: () => historicalVolatilityBatch(closes, 20), stream: () => { const x = new HistoricalVolatility(20); for (let i = 0; i < N; i++) x.update(bar(i).close); } },
    { name: 'IV rank(252)', batch: () => ivRankBatch(closes, 252), stream: () => { const x = new IvRank(252); for (let i = 0; i < N; i++) x.update(bar(i).close); }, talib: ['STOCHF', [252, 1]] },
    { name: 'IV percentile(252)', batch: () => ivPercentileBatch(closes, 252), stream: () => { const x = new IvPercentile(252); for (let i = 0; i < N; i++) x.update(bar(i).close); } },
  ];

  const rows: string[][] = [];
  let passed = true;
  // BENCH_TARGETS_ONLY=1 measures just the six indicators with targets (a quicker run).
  const selected = process.env['BENCH_TARGETS_ONLY'] ? cases.filter((c) => TARGETED.has(c.name)) : cases;
  for (const c of selected) {
    const batchMs = await bestMs(c.batch, 7, 15);
    const streamMs = await bestMs(c.stream, 5, 3);
    const talibMs = c.talib && typeof harness === 'string' ? runTalib(c.talib[0], cols, c.talib[1], 15).nsPerRun / 1e6 : undefined;
    const tiMs = c.ti ? await bestMs(c.ti, TARGETED.has(c.name) ? 2 : 1, 1) : undefined;
    const vsC = talibMs ? batchMs / talibMs : undefined;
    const vsTi = tiMs ? tiMs / batchMs : undefined;
    let verdict = '';
    if (TARGETED.has(c.name)) {
      const ok = (vsC === undefined || vsC <= 1.5) && vsTi !== undefined && vsTi >= 10;
      verdict = ok ? 'ok' : 'MISSED';
      if (!ok) passed = false;
    }
    rows.push([c.name, fmt(batchMs), fmt(streamMs), fmt(talibMs), fmt(tiMs, 0), vsC === undefined ? '–' : `${vsC.toFixed(2)}×`, vsTi === undefined ? '–' : `${vsTi.toFixed(0)}×`, verdict]);
  }
  const head = ['indicator (1M bars)', 'batch ms', 'stream ms', 'TA-Lib C ms', 'tech.ind. ms', 'batch / C', 'tech.ind. / batch', 'target'];
  const widths = head.map((h, k) => Math.max(h.length, ...rows.map((r) => (r[k] as string).length)));
  const line = (r: string[]): string => r.map((s, k) => (k === 0 ? s.padEnd(widths[k] as number) : s.padStart(widths[k] as number))).join('  ');
  console.log(line(head));
  for (const r of rows) console.log(line(r));
  console.log('targets (EMA, RSI, MACD, ATR, ADX, Bollinger): batch / C ≤ 1.5×, tech.ind. / batch ≥ 10×');
  return passed;
}
