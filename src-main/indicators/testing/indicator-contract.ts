import { describe, expect, it } from 'vitest';
import { createRandom } from '#core/random';
import type { Bar } from '#model/bar';
import type { BarInput, Indicator, OhlcvColumns } from '../indicator.ts';
import { flatBars, randomBars, type BarSeries } from './random-bars.ts';

/**
 * The suite every indicator registers (trading-signals' house style, one shared contract):
 * streaming equals batch on 100,000 random bars, replace semantics, declared warm-up, no look-ahead,
 * non-finite input rejected without touching state, reset, and finite outputs on a flat series.
 */
export interface ContractSpec<I> {
  readonly create: () => Indicator<I>;
  /** How a bar becomes this indicator's input (identity for bar indicators, e.g. `(b) => b.close`). */
  readonly input: (bar: Bar) => I;
  /** The file's batch function on column input; its outputs in `outputs` order. */
  readonly batch: (cols: OhlcvColumns) => Float64Array[];
  /** One bar per IST day (session indicators that need whole sessions to warm up). */
  readonly daily?: boolean;
  /** Folds a column series into a live indicator (the `fold` batch form), where the indicator has one. */
  readonly fold?: (ind: Indicator<I>, cols: OhlcvColumns) => void;
  /** Expected outputs on a flat series (H = L = C = 10, V = 100) once warm; the §1.4 convention. */
  readonly flat?: readonly number[];
}

export const byClose = (b: Bar): number => b.close;
export const asBar = (b: Bar): BarInput => b;

function snapshot<I>(ind: Indicator<I>): number[] {
  return ind.outputs.map((_, k) => ind.output(k));
}

function stream<I>(spec: ContractSpec<I>, bars: readonly Bar[]): number[][] {
  const ind = spec.create();
  return bars.map((b) => {
    ind.update(spec.input(b));
    return snapshot(ind);
  });
}

function withClose(b: Bar, close: number): Bar {
  return { ...b, close, high: Math.max(b.high, close), low: Math.min(b.low, close) };
}

export function indicatorContract<I>(name: string, spec: ContractSpec<I>): void {
  describe(`${name}: indicator contract`, () => {
    const big: BarSeries = randomBars(100_000, 7, spec.daily);
    const small: BarSeries = randomBars(3_000, 11, spec.daily);

    it('streaming equals batch on 100,000 random bars', () => {
      const ind = spec.create();
      const batch = spec.batch(big.cols);
      expect(batch.length).toBe(ind.outputs.length);
      let mismatches = 0;
      let defined = 0;
      for (let i = 0; i < big.bars.length; i++) {
        ind.update(spec.input(big.bars[i] as Bar));
        for (let k = 0; k < batch.length; k++) {
          const s = ind.output(k);
          if (!Object.is(s, (batch[k] as Float64Array)[i])) mismatches++;
          if (k === 0 && Number.isFinite(s)) defined++;
        }
      }
      expect(mismatches).toBe(0);
      expect(defined).toBeGreaterThan(big.bars.length / 2);
    });

    if (spec.fold) {
      const fold = spec.fold;
      it('fold leaves the indicator where the updates would: history folded, then live bars streamed and revised', () => {
        const cut = 2_000;
        const head = {
          tsStart: small.cols.tsStart.subarray(0, cut),
          open: small.cols.open.subarray(0, cut),
          high: small.cols.high.subarray(0, cut),
          low: small.cols.low.subarray(0, cut),
          close: small.cols.close.subarray(0, cut),
          volume: small.cols.volume.subarray(0, cut),
        };
        const folded = spec.create();
        fold(folded, head);
        const streamed = spec.create();
        small.bars.slice(0, cut).forEach((b) => streamed.update(spec.input(b)));
        expect(snapshot(folded)).toEqual(snapshot(streamed));
        const lastBar = small.bars[cut - 1] as Bar;
        folded.replace(spec.input(withClose(lastBar, lastBar.close + 7)));
        streamed.replace(spec.input(withClose(lastBar, lastBar.close + 7)));
        for (const bar of small.bars.slice(cut)) {
          folded.update(spec.input(bar));
          streamed.update(spec.input(bar));
          expect(snapshot(folded)).toEqual(snapshot(streamed));
        }
      });

      it('fold continues an indicator that streamed before it, and streams on after it', () => {
        const [from, to] = [700, 2_300];
        const part = {
          tsStart: small.cols.tsStart.subarray(from, to),
          open: small.cols.open.subarray(from, to),
          high: small.cols.high.subarray(from, to),
          low: small.cols.low.subarray(from, to),
          close: small.cols.close.subarray(from, to),
          volume: small.cols.volume.subarray(from, to),
        };
        const folded = spec.create();
        small.bars.slice(0, from).forEach((b) => folded.update(spec.input(b)));
        fold(folded, part);
        const streamed = spec.create();
        small.bars.slice(0, to).forEach((b) => streamed.update(spec.input(b)));
        expect(snapshot(folded)).toEqual(snapshot(streamed));
        for (const bar of small.bars.slice(to, to + 200)) {
          folded.update(spec.input(bar));
          streamed.update(spec.input(bar));
          expect(snapshot(folded)).toEqual(snapshot(streamed));
        }
      });

      it('fold stops at a non-finite input with a RangeError, every earlier input applied', () => {
        const cut = 1_200;
        const close = small.cols.close.slice(0, 2_000);
        close[cut] = NaN;
        const folded = spec.create();
        expect(() => fold(folded, { ...small.cols, close })).toThrow(RangeError);
        const streamed = spec.create();
        small.bars.slice(0, cut).forEach((b) => streamed.update(spec.input(b)));
        expect(snapshot(folded)).toEqual(snapshot(streamed));
        const next = small.bars[cut] as Bar;
        folded.replace(spec.input(next));
        streamed.replace(spec.input(next));
        expect(snapshot(folded)).toEqual(snapshot(streamed));
      });
    }

    it('replace(x) after update(y) equals update(x), including repeated revisions', () => {
      const rnd = createRandom(5);
      const revised = spec.create();
      const plain = spec.create();
      for (const bar of small.bars) {
        revised.update(spec.input(withClose(bar, bar.close + rnd.normal() * 20)));
        const times = rnd.int(0, 3);
        for (let t = 0; t < times; t++) revised.replace(spec.input(withClose(bar, bar.close + rnd.normal() * 20)));
        revised.replace(spec.input(bar));
        plain.update(spec.input(bar));
        expect(snapshot(revised)).toEqual(snapshot(plain));
        expect(revised.isReady).toBe(plain.isReady);
      }
      const first = spec.create();
      first.replace(spec.input(small.bars[0] as Bar));
      const reference = spec.create();
      reference.update(spec.input(small.bars[0] as Bar));
      expect(snapshot(first)).toEqual(snapshot(reference));
    });

    it('is not ready, and its value is NaN, until exactly warmUp inputs', () => {
      const ind = spec.create();
      expect(ind.warmUp).toBeGreaterThanOrEqual(1);
      small.bars.forEach((bar, i) => {
        ind.update(spec.input(bar));
        if (i < ind.warmUp - 1) {
          expect(ind.isReady).toBe(false);
          expect(ind.value).toBeNaN();
        } else {
          expect(ind.isReady).toBe(true);
          expect(Number.isFinite(ind.value)).toBe(true);
        }
      });
    });

    it('never looks ahead: changing later bars leaves every earlier value unchanged', () => {
      const cut = 1_500;
      const other = randomBars(small.bars.length, 99, spec.daily).bars;
      const changed = small.bars.map((b, i) => (i <= cut ? b : { ...(other[i] as Bar), tsStart: b.tsStart }));
      const a = stream(spec, small.bars);
      const b = stream(spec, changed);
      expect(b.slice(0, cut + 1)).toEqual(a.slice(0, cut + 1));
      expect(b.slice(cut + 1)).not.toEqual(a.slice(cut + 1));
    });

    it('rejects a non-finite input with a RangeError and keeps its state', () => {
      const ind = spec.create();
      const bars = small.bars.slice(0, 400);
      const expected = stream(spec, bars);
      bars.forEach((bar, i) => {
        if (i % 50 === 10) {
          expect(() => ind.update(spec.input({ ...bar, close: NaN }))).toThrow(RangeError);
          expect(() => ind.update(spec.input({ ...bar, close: Infinity }))).toThrow(RangeError);
        }
        ind.update(spec.input(bar));
        if (i % 50 === 20) expect(() => ind.replace(spec.input({ ...bar, close: NaN }))).toThrow(RangeError);
        expect(snapshot(ind)).toEqual(expected[i]);
      });
    });

    it('reset() returns it to its initial state', () => {
      const ind = spec.create();
      for (const bar of small.bars.slice(0, 500)) ind.update(spec.input(bar));
      ind.reset();
      expect(ind.isReady).toBe(false);
      const again = small.bars.slice(0, 300).map((bar) => {
        ind.update(spec.input(bar));
        return snapshot(ind);
      });
      expect(again).toEqual(stream(spec, small.bars.slice(0, 300)));
    });

    it('gives finite outputs on a flat series (H = L = C, constant volume)', () => {
      const ind = spec.create();
      const flat = flatBars(Math.max(200, ind.warmUp * 3), 10, 100, spec.daily);
      for (const bar of flat.bars) ind.update(spec.input(bar));
      const out = snapshot(ind);
      for (const v of out) expect(Number.isFinite(v)).toBe(true);
      if (spec.flat) expect(out).toEqual(spec.flat);
    });
  });
}
