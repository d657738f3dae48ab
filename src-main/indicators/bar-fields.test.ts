import { describe, expect, it } from 'vitest';
import type { Bar } from '#model/bar';
import { Adx } from './adx.ts';
import { Atr } from './atr.ts';
import type { BarInput, Indicator, OhlcvColumns } from './indicator.ts';
import { Mfi } from './mfi.ts';
import { Obv } from './obv.ts';
import { Stochastic } from './stochastic.ts';
import { StochasticFast } from './stochastic-fast.ts';
import { TrueRange, trueRangeOf } from './true-range.ts';
import { VolumeMa } from './volume-ma.ts';
import { WilliamsR } from './williams-r.ts';
import { randomBars, type OhlcvArrays } from './testing/random-bars.ts';

/**
 * Each bar indicator rejects a bar whose fields *it reads* are not all finite, in `update` and in its batch
 * `fold` alike, and only those: true range has no use for a volume, OBV none for a high.
 */
type Field = 'high' | 'low' | 'close' | 'volume';

interface Case {
  readonly name: string;
  readonly create: () => Indicator<BarInput>;
  readonly fold: (ind: Indicator<BarInput>, c: OhlcvColumns) => void;
  readonly reads: readonly Field[];
}

const one = (c: OhlcvColumns): Float64Array => new Float64Array(c.close.length);
const CASES: readonly Case[] = [
  { name: 'true range', create: () => new TrueRange(), fold: (i, c) => (i as TrueRange).fold(c, one(c)), reads: ['high', 'low', 'close'] },
  { name: 'ATR', create: () => new Atr(14), fold: (i, c) => (i as Atr).fold(c, one(c)), reads: ['high', 'low', 'close'] },
  { name: 'ADX', create: () => new Adx(14), fold: (i, c) => (i as Adx).fold(c, one(c), one(c), one(c)), reads: ['high', 'low', 'close'] },
  { name: 'Stochastic', create: () => new Stochastic(), fold: (i, c) => (i as Stochastic).fold(c, one(c), one(c)), reads: ['high', 'low', 'close'] },
  { name: 'StochasticFast', create: () => new StochasticFast(14, 3), fold: (i, c) => (i as StochasticFast).fold(c, one(c), one(c)), reads: ['high', 'low', 'close'] },
  { name: 'Williams %R', create: () => new WilliamsR(14), fold: (i, c) => (i as WilliamsR).fold(c, one(c)), reads: ['high', 'low', 'close'] },
  { name: 'OBV', create: () => new Obv(), fold: (i, c) => (i as Obv).fold(c, one(c)), reads: ['close', 'volume'] },
  { name: 'volume MA', create: () => new VolumeMa(20), fold: (i, c) => (i as VolumeMa).fold(c, one(c)), reads: ['close', 'volume'] },
  { name: 'MFI', create: () => new Mfi(14), fold: (i, c) => (i as Mfi).fold(c, one(c)), reads: ['high', 'low', 'close', 'volume'] },
];
const FIELDS: readonly Field[] = ['high', 'low', 'close', 'volume'];

const snapshot = (ind: Indicator<BarInput>): number[] => ind.outputs.map((_, k) => ind.output(k));

function spoiled(cols: OhlcvArrays, field: Field, at: number, value: number): OhlcvArrays {
  const column = cols[field].slice();
  column[at] = value;
  return { ...cols, [field]: column };
}

describe('bar indicators check the fields they read', () => {
  const { bars, cols } = randomBars(3_000, 23);

  for (const c of CASES) {
    for (const field of FIELDS) {
      const reads = c.reads.includes(field);
      it(`${c.name} ${reads ? 'rejects' : 'ignores'} a non-finite ${field}, streaming and in its batch fold`, () => {
        // Positions around the fold's chunk edges (1,024 bars) and inside one.
        for (const at of [1_023, 1_024, 1_025, 1_500, 2_047]) {
          for (const bad of [NaN, Infinity, -Infinity]) {
            const spoilt = spoiled(cols, field, at, bad);
            const streamed = c.create();
            bars.slice(0, at).forEach((b) => streamed.update(b));
            const before = snapshot(streamed);
            const folded = c.create();
            if (reads) {
              expect(() => streamed.update({ ...(bars[at] as Bar), [field]: bad })).toThrow(RangeError);
              expect(snapshot(streamed)).toEqual(before);
              expect(() => c.fold(folded, spoilt)).toThrow(RangeError);
              expect(snapshot(folded)).toEqual(before);
            } else {
              const all = c.create();
              bars.forEach((b, i) => all.update(i === at ? { ...b, [field]: bad } : b));
              c.fold(folded, spoilt);
              expect(snapshot(folded)).toEqual(snapshot(all));
            }
          }
        }
      });
    }
  }

  it('true range is TA-Lib’s three-term maximum: to the bit between adjacent index bars, within 1 ulp on option premiums', () => {
    const { high, low, close } = randomBars(100_000, 5).cols;
    let differ = 0;
    for (let i = 1; i < close.length; i++) {
      const [h, l, pc] = [high[i] as number, low[i] as number, close[i - 1] as number];
      if (!Object.is(trueRangeOf(h, l, pc), Math.max(h - l, Math.abs(pc - h), Math.abs(pc - l)))) differ++;
    }
    expect(differ).toBe(0);
    // A premium can move by more than a factor of 2 in one bar; then H − prevC may round.
    for (const [h, l, pc] of [[0.5, 0.05, 0.05], [0.1, 0.05, 0.95], [12.35, 0.05, 3.1], [1.2, 0.6, 0.05], [412.4, 3.15, 17.05]] as const) {
      const exact = Math.max(h - l, Math.abs(pc - h), Math.abs(pc - l));
      expect(Math.abs(trueRangeOf(h, l, pc) - exact)).toBeLessThanOrEqual(exact * Number.EPSILON);
    }
  });
});
