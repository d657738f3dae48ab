import type { Bar } from '#model/bar';
import type { BarInput, Indicator } from '#indicators/indicator';
import { Adx } from '#indicators/adx';
import { Bollinger } from '#indicators/bollinger';
import { Ema } from '#indicators/ema';
import { Keltner } from '#indicators/keltner';
import { Macd } from '#indicators/macd';
import { Rsi } from '#indicators/rsi';
import { Supertrend } from '#indicators/supertrend';
import { Vwap } from '#indicators/vwap';
import { PriceActionStream, type PriceActionEvent } from '#indicators/price-action/index';

export type StudyId = 'ema20' | 'ema50' | 'vwap' | 'bollinger' | 'keltner' | 'supertrend' | 'rsi' | 'macd' | 'adx' | 'price-action';

/** One output series: its key on the wire and which output of which indicator it reads. */
interface Output {
  readonly key: string;
  readonly index: number;
}

interface Study {
  readonly indicator: Indicator<number> | Indicator<BarInput>;
  /** Close-only indicators take the close; the others the whole bar. */
  readonly input: 'close' | 'bar';
  readonly outputs: readonly Output[];
}

const out = (...keys: [string, number][]): Output[] => keys.map(([key, index]) => ({ key, index }));

/** The defaults a trader expects from these names (TradingView's and TA-Lib's). */
function buildStudy(id: Exclude<StudyId, 'price-action'>): Study {
  switch (id) {
    case 'ema20':
      return { indicator: new Ema(20), input: 'close', outputs: out(['ema20', 0]) };
    case 'ema50':
      return { indicator: new Ema(50), input: 'close', outputs: out(['ema50', 0]) };
    case 'vwap':
      return { indicator: new Vwap(), input: 'bar', outputs: out(['vwap', 0]) };
    case 'bollinger':
      return { indicator: new Bollinger(20, 2), input: 'close', outputs: out(['bb.upper', 1], ['bb.middle', 0], ['bb.lower', 2]) };
    case 'keltner':
      return { indicator: new Keltner(20, 10, 2), input: 'bar', outputs: out(['kc.upper', 1], ['kc.middle', 0], ['kc.lower', 2]) };
    case 'supertrend':
      return { indicator: new Supertrend(10, 3), input: 'bar', outputs: out(['st.value', 0], ['st.direction', 1]) };
    case 'rsi':
      return { indicator: new Rsi(14), input: 'close', outputs: out(['rsi', 0]) };
    case 'macd':
      return { indicator: new Macd(12, 26, 9), input: 'close', outputs: out(['macd.macd', 0], ['macd.signal', 1], ['macd.histogram', 2]) };
    case 'adx':
      return { indicator: new Adx(14), input: 'bar', outputs: out(['adx.adx', 0], ['adx.plusDi', 1], ['adx.minusDi', 2]) };
  }
}

export type PriceActionMark =
  | { readonly kind: 'bos' | 'choch'; readonly side: 'bull' | 'bear'; readonly level: number; readonly from: number; readonly to: number }
  | { readonly kind: 'order-block' | 'fvg'; readonly side: 'bull' | 'bear'; readonly top: number; readonly bottom: number; readonly from: number; readonly to?: number };

export interface StudiesSnapshot {
  readonly times: number[];
  readonly series: Record<string, (number | null)[]>;
  readonly marks: PriceActionMark[];
}

export interface StudiesDelta {
  readonly time: number;
  readonly values: Record<string, number | null>;
  readonly marks?: PriceActionMark[];
}

/** Marks kept on screen: the latest few of each kind, so a long chart stays readable. */
const MAX_STRUCTURES = 12;
const MAX_BLOCKS = 8;
const MAX_GAPS = 8;
const MARK_KINDS = new Set<PriceActionEvent['kind']>(['bos', 'choch', 'order-block', 'order-block-mitigated', 'breaker-invalidated', 'fvg', 'fvg-mitigated']);

const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);
const sideOf = (s: 1 | -1): 'bull' | 'bear' => (s === 1 ? 'bull' : 'bear');

/**
 * The studies of one chart, fed the same bars as the chart: closed bars fold with `update`, the forming
 * bar with `update` then `replace` on each tick, so a study's value on the forming bar is what it will
 * be if the bar closed now. Price action reads closed bars only, as the bots do.
 */
export class ChartStudies {
  private readonly studies: Study[];
  private readonly pa: PriceActionStream | undefined;
  private readonly structures: PriceActionMark[] = [];
  private lastTs = Number.NEGATIVE_INFINITY;

  constructor(ids: readonly StudyId[]) {
    const unique = [...new Set(ids)];
    this.studies = unique.filter((id): id is Exclude<StudyId, 'price-action'> => id !== 'price-action').map(buildStudy);
    this.pa = unique.includes('price-action') ? new PriceActionStream() : undefined;
  }

  /**
   * Folds the chart's bars (closed, oldest first, the forming bar last) and returns the values of the last
   * `keep` of them: the studies are warm from all the history, the snapshot only as long as the chart's.
   */
  start(bars: readonly Bar[], keep = bars.length): StudiesSnapshot {
    const from = Math.max(0, bars.length - keep);
    const n = bars.length - from;
    const series: Record<string, (number | null)[]> = {};
    for (const s of this.studies) for (const o of s.outputs) series[o.key] = new Array<number | null>(n);
    const times = new Array<number>(n);
    bars.forEach((bar, i) => {
      this.fold(bar);
      if (i < from) return;
      times[i - from] = bar.tsStart;
      for (const s of this.studies) for (const o of s.outputs) series[o.key]![i - from] = finite(s.indicator.output(o.index));
    });
    return { times, series, marks: this.marks() };
  }

  /** A closed bar or a forming-bar revision of the chart's series; undefined for a bar older than the last. */
  next(bar: Bar): StudiesDelta | undefined {
    if (bar.tsStart < this.lastTs) return undefined;
    const changed = this.fold(bar);
    const values: Record<string, number | null> = {};
    for (const s of this.studies) for (const o of s.outputs) values[o.key] = finite(s.indicator.output(o.index));
    return { time: bar.tsStart, values, ...(changed ? { marks: this.marks() } : {}) };
  }

  /** Returns whether the price-action marks changed. */
  private fold(bar: Bar): boolean {
    const revise = bar.tsStart === this.lastTs;
    this.lastTs = bar.tsStart;
    for (const s of this.studies) {
      if (s.input === 'close') {
        const ind = s.indicator as Indicator<number>;
        if (revise) ind.replace(bar.close);
        else ind.update(bar.close);
      } else {
        const ind = s.indicator as Indicator<BarInput>;
        if (revise) ind.replace(bar);
        else ind.update(bar);
      }
    }
    if (!this.pa || !bar.closed || bar.tsStart <= (this.pa.series.tsStart.at(-1) ?? Number.NEGATIVE_INFINITY)) return false;
    const events = this.pa.push(bar);
    let changed = false;
    for (const e of events) {
      if (!MARK_KINDS.has(e.kind)) continue;
      changed = true;
      if (e.kind === 'bos' || e.kind === 'choch') {
        this.structures.push({ kind: e.kind, side: sideOf(e.side), level: e.level, from: e.ts, to: this.pa.series.tsStart[e.knownAtIndex]! });
        if (this.structures.length > MAX_STRUCTURES) this.structures.shift();
      }
    }
    return changed;
  }

  private marks(): PriceActionMark[] {
    if (!this.pa) return [];
    const ts = this.pa.series.tsStart;
    const blocks = this.pa.orderBlocks
      .fresh()
      .slice(-MAX_BLOCKS)
      .map((b): PriceActionMark => ({ kind: 'order-block', side: sideOf(b.side), top: b.top, bottom: b.bottom, from: ts[b.index]! }));
    const gaps = this.pa.fvg.open.slice(-MAX_GAPS).map((g): PriceActionMark => ({ kind: 'fvg', side: sideOf(g.side), top: g.top, bottom: g.bottom, from: ts[g.index]! }));
    return [...this.structures, ...blocks, ...gaps];
  }
}
