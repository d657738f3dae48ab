import { Atr } from '#indicators/atr';
import { Bollinger } from '#indicators/bollinger';
import { Macd } from '#indicators/macd';
import { Roc } from '#indicators/roc';
import { Rsi } from '#indicators/rsi';
import { VolumeMa } from '#indicators/volume-ma';
import type { Bar } from '#model/bar';
import { BREAK_PERIODS, breakContext, breakValues, type BreakArg, type BreakInputs } from './break-context.ts';
import { OHLC_STEPS, ohlcWindow } from './ohlc-window.ts';
import { RSI_PERIOD, RSI_STEPS, rsiSequence } from './rsi-sequence.ts';
import type { BarColumns } from './series.ts';

/** Bars back from the latest one whose break context is kept (a break is fed to the validator while this fresh). */
export const BREAK_CONTEXT_BARS = 3;

/**
 * The bar models' features for one instrument, kept up to date one closed bar at a time: the same
 * definitions as `featuresAt` (rsi-sequence, ohlc-window, break-context) computed by streaming indicators
 * instead of over the window again at every bar. The OHLC window is the definition's own code on the last
 * 48 bars; RSI and the break context's indicators stream over every bar seen, so they equal the window
 * forms to the burn-in those keep (feature-stream.test.ts measures it). Nothing here allocates per bar.
 */
export class BarFeatureStream {
  /** Closed bars seen. */
  count = 0;
  lastTs = Number.NEGATIVE_INFINITY;
  /** The last close seen. */
  close = NaN;
  private readonly rsi = new Rsi(RSI_PERIOD);
  /** The last RSI_STEPS RSI values, twice over, so the latest RSI_STEPS are always one contiguous run. */
  private readonly rsiRing = new Float64Array(2 * RSI_STEPS);
  private readonly ring = new OhlcRing(OHLC_STEPS);
  private readonly atr = new Atr(BREAK_PERIODS.atr);
  private readonly volumeMa = new VolumeMa(BREAK_PERIODS.volumeMa);
  private readonly roc = new Roc(BREAK_PERIODS.roc);
  private readonly breakRsi = new Rsi(BREAK_PERIODS.rsi);
  private readonly macd = new Macd();
  private readonly bollinger = new Bollinger(BREAK_PERIODS.bollinger, BREAK_PERIODS.bollingerK);
  /** The break context's inputs at the last BREAK_CONTEXT_BARS bars, newest at `count - 1`. */
  private readonly breakRing: MutableBreakInputs[] = Array.from({ length: BREAK_CONTEXT_BARS }, () => ({ tsStart: 0, close: 0, volume: 0, atr: NaN, volumeMa: NaN, roc5: NaN, rsi: NaN, macdHist: NaN, bandwidth: NaN }));

  push(bar: Bar): void {
    const i = this.count % RSI_STEPS;
    const r = this.rsi.update(bar.close);
    this.rsiRing[i] = r;
    this.rsiRing[i + RSI_STEPS] = r;
    this.ring.push(bar);
    const b = this.breakRing[this.count % BREAK_CONTEXT_BARS]!;
    b.tsStart = bar.tsStart;
    b.close = bar.close;
    b.volume = bar.volume;
    b.atr = this.atr.update(bar);
    b.volumeMa = this.volumeMa.update(bar);
    b.roc5 = this.roc.update(bar.close);
    b.rsi = this.breakRsi.update(bar.close);
    this.macd.update(bar.close);
    b.macdHist = this.macd.output(2);
    this.bollinger.update(bar.close);
    b.bandwidth = this.bollinger.output(3);
    this.count++;
    this.lastTs = bar.tsStart;
    this.close = bar.close;
  }

  /** rsi-sequence@1 at the latest bar into `out[offset…]`; false before its window of bars has been seen. */
  rsiSequence(out: Float32Array, offset: number): boolean {
    if (this.count < rsiSequence.window) return false;
    const start = this.count % RSI_STEPS;
    for (let k = 0; k < RSI_STEPS; k++) {
      const v = this.rsiRing[start + k]!;
      if (!Number.isFinite(v)) return false;
      out[offset + k] = v;
    }
    return true;
  }

  /** ohlc-window@1 at the latest bar. */
  ohlcWindow(out: Float32Array, offset: number): boolean {
    if (this.count < ohlcWindow.window) return false;
    if (!ohlcWindow.fromWindow(this.ring.columns(), out, offset, undefined)) return false;
    return allFinite(out, offset, OHLC_STEPS * 4);
  }

  /** break-context@1 at the bar `barsAgo` before the latest (0..BREAK_CONTEXT_BARS − 1). */
  breakContext(barsAgo: number, brk: BreakArg, out: Float32Array, offset: number): boolean {
    if (barsAgo < 0 || barsAgo >= BREAK_CONTEXT_BARS || this.count - barsAgo < breakContext.window) return false;
    const v = this.breakRing[(this.count - 1 - barsAgo) % BREAK_CONTEXT_BARS]!;
    if (!breakValues(v, brk, out, offset)) return false;
    return allFinite(out, offset, breakContext.columns.length);
  }
}

type MutableBreakInputs = { -readonly [K in keyof BreakInputs]: BreakInputs[K] };

function allFinite(x: Float32Array, from: number, n: number): boolean {
  for (let i = from; i < from + n; i++) if (!Number.isFinite(x[i]!)) return false;
  return true;
}

/** The last `size` bars as columns, written twice so the latest `size` are always one contiguous view. */
class OhlcRing {
  private readonly size: number;
  private readonly cols: { tsStart: Float64Array; open: Float64Array; high: Float64Array; low: Float64Array; close: Float64Array; volume: Float64Array };
  private n = 0;
  private view: BarColumns | undefined;
  private readonly fullViews: (BarColumns | undefined)[] = [];

  constructor(size: number) {
    this.size = size;
    const make = () => new Float64Array(2 * size);
    this.cols = { tsStart: make(), open: make(), high: make(), low: make(), close: make(), volume: make() };
  }

  push(bar: Bar): void {
    const i = this.n % this.size;
    this.write(i, bar);
    this.write(i + this.size, bar);
    this.n++;
    this.view = undefined;
  }

  private write(j: number, bar: Bar): void {
    this.cols.tsStart[j] = bar.tsStart;
    this.cols.open[j] = bar.open;
    this.cols.high[j] = bar.high;
    this.cols.low[j] = bar.low;
    this.cols.close[j] = bar.close;
    this.cols.volume[j] = bar.volume;
  }

  /** The latest min(n, size) bars, oldest first. Once full, each of the `size` start positions has one view, made once. */
  columns(): BarColumns {
    if (this.view) return this.view;
    const len = Math.min(this.n, this.size);
    const start = this.n <= this.size ? 0 : this.n % this.size;
    const full = len === this.size;
    const kept = full ? this.fullViews[start] : undefined;
    if (kept) return (this.view = kept);
    const c = this.cols;
    this.view = {
      length: len,
      tsStart: c.tsStart.subarray(start, start + len),
      open: c.open.subarray(start, start + len),
      high: c.high.subarray(start, start + len),
      low: c.low.subarray(start, start + len),
      close: c.close.subarray(start, start + len),
      volume: c.volume.subarray(start, start + len),
    };
    if (full) this.fullViews[start] = this.view;
    return this.view;
  }
}
