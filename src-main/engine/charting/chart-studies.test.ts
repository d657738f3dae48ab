import { describe, expect, it } from 'vitest';
import { createRandom } from '#core/random';
import { istToEpoch } from '#core/time-ist';
import type { Bar } from '#model/bar';
import { instrumentId } from '#model/ids';
import { Adx } from '#indicators/adx';
import { Ema } from '#indicators/ema';
import { Macd } from '#indicators/macd';
import { Rsi } from '#indicators/rsi';
import { Supertrend } from '#indicators/supertrend';
import { ChartStudies } from './chart-studies.ts';

const ID = instrumentId('NSE_INDEX', 'NIFTY');
const OPEN = istToEpoch(2026, 11, 25, 9, 15);

/** A seeded random walk of closed 1m bars with swings big enough for price action to find structure. */
function walk(n: number, seed = 11): Bar[] {
  const rnd = createRandom(seed);
  let close = 26_000;
  return Array.from({ length: n }, (_, i) => {
    const open = close;
    close = open + (rnd.next() - 0.5) * 40 + 25 * Math.sin(i / 15);
    const high = Math.max(open, close) + rnd.next() * 10;
    const low = Math.min(open, close) - rnd.next() * 10;
    return { instrumentId: ID, timeframe: '1m', tsStart: OPEN + i * 60_000, open, high, low, close, volume: 100 + i, closed: true } as Bar;
  });
}

describe('chart studies: the values the bots see', () => {
  const bars = walk(300);

  it('equal the indicators folded over the same closed bars', () => {
    const s = new ChartStudies(['ema20', 'rsi', 'macd', 'adx', 'supertrend']);
    const snap = s.start(bars);
    const ema = new Ema(20);
    const rsi = new Rsi(14);
    const macd = new Macd(12, 26, 9);
    const adx = new Adx(14);
    const st = new Supertrend(10, 3);
    bars.forEach((b, i) => {
      ema.update(b.close);
      rsi.update(b.close);
      macd.update(b.close);
      adx.update(b);
      st.update(b);
      const want = (x: number) => (Number.isFinite(x) ? x : null);
      expect(snap.series['ema20']![i]).toBe(want(ema.value));
      expect(snap.series['rsi']![i]).toBe(want(rsi.value));
      expect(snap.series['macd.signal']![i]).toBe(want(macd.output(1)));
      expect(snap.series['adx.minusDi']![i]).toBe(want(adx.output(2)));
      expect(snap.series['st.direction']![i]).toBe(want(st.output(1)));
    });
    expect(snap.times).toEqual(bars.map((b) => b.tsStart));
    expect(snap.series['ema20']![18]).toBeNull();
    expect(snap.series['ema20']![19]).not.toBeNull();
  });

  it('warm from all the history while the snapshot keeps only the chart’s last bars', () => {
    const all = new ChartStudies(['ema50', 'macd']).start(bars);
    const tail = new ChartStudies(['ema50', 'macd']).start(bars, 40);
    expect(tail.times).toEqual(all.times.slice(-40));
    expect(tail.series['ema50']).toEqual(all.series['ema50']!.slice(-40));
    expect(tail.series['macd.histogram']![0]).not.toBeNull();
  });

  it('revise the forming bar in place: ticks of a bar, then its close, equal the closed bar alone', () => {
    const live = new ChartStudies(['ema50', 'bollinger', 'keltner', 'vwap']);
    live.start(bars.slice(0, 250));
    const last = bars[250]!;
    live.next({ ...last, close: last.open + 30, high: last.open + 31, closed: false });
    live.next({ ...last, close: last.open - 12, low: last.open - 20, closed: false });
    const closed = live.next(last)!;
    const reference = new ChartStudies(['ema50', 'bollinger', 'keltner', 'vwap']);
    reference.start(bars.slice(0, 250));
    expect(closed).toEqual(reference.next(last));
    expect(closed.time).toBe(last.tsStart);
    expect(live.next(bars[249]!)).toBeUndefined();
  });

  it('mark breaks of structure, order blocks and gaps from closed bars only', () => {
    const s = new ChartStudies(['price-action']);
    const snap = s.start(bars);
    expect(snap.series).toEqual({});
    const kinds = new Set(snap.marks.map((m) => m.kind));
    expect(kinds.has('bos') || kinds.has('choch')).toBe(true);
    expect(kinds.has('fvg') || kinds.has('order-block')).toBe(true);
    for (const m of snap.marks) {
      expect(m.from).toBeGreaterThanOrEqual(bars[0]!.tsStart);
      if ('to' in m && m.to !== undefined) expect(m.to).toBeGreaterThanOrEqual(m.from);
    }
    const next = walk(301)[300]!;
    expect(s.next({ ...next, closed: false })?.marks).toBeUndefined();
  });
});
