import { describe, it, expect } from 'vitest';
import { loadEurusdBars, loadExpected, diffRows } from './smc-fixture.ts';
import { toOhlc } from './types.ts';
import { smcSwingHighsLows } from './smc-swings.ts';
import { smcBosChoch } from './smc-bos-choch.ts';
import { smcOrderBlocks } from './smc-order-blocks.ts';
import { smcFvg } from './smc-fvg.ts';
import { smcLiquidity } from './smc-liquidity.ts';

const bars = loadEurusdBars();
const ohlc = toOhlc(bars);
const swings = smcSwingHighsLows(ohlc, 5);
const nan = (a: Int8Array): Float64Array => Float64Array.from(a, (v) => (v === 0 ? NaN : v));
const count = (a: ArrayLike<number>, v: number): number => Array.from(a).filter((x) => x === v).length;

describe('smc batch port against smart-money-concepts 0.0.27 expected outputs (EURUSD 15m)', () => {
  it('reads the whole fixture', () => {
    expect(bars).toHaveLength(24_424);
    expect(bars[0]?.tsStart).toBe(Date.UTC(2022, 9, 10, 0, 0));
  });

  it('swing_highs_lows(swing_length=5): every row equal', () => {
    const x = loadExpected('swing_highs_lows_result_data.csv');
    expect(diffRows(nan(swings.highLow), x.HighLow!)).toEqual([]);
    expect(diffRows(swings.level, x.Level!)).toEqual([]);
    expect(count(swings.highLow, 1)).toBe(1354);
    expect(count(swings.highLow, -1)).toBe(1354);
  });

  it('bos_choch(close_break=True): every row equal, including BrokenIndex left on deleted rows', () => {
    const r = smcBosChoch(ohlc, swings);
    const x = loadExpected('bos_choch_result_data.csv');
    expect(diffRows(nan(r.bos), x.BOS!)).toEqual([]);
    expect(diffRows(nan(r.choch), x.CHOCH!)).toEqual([]);
    expect(diffRows(r.level, x.Level!, true)).toEqual([]);
    expect(diffRows(r.brokenIndex, x.BrokenIndex!)).toEqual([]);
    expect([count(r.bos, 1), count(r.bos, -1), count(r.choch, 1), count(r.choch, -1)]).toEqual([360, 316, 216, 237]);
    const orphans = Array.from(r.brokenIndex).filter((b, i) => !Number.isNaN(b) && r.bos[i] === 0 && r.choch[i] === 0);
    expect(orphans).toHaveLength(167);
  });

  it('ob(close_mitigation=False): every row equal', () => {
    const r = smcOrderBlocks(ohlc, swings);
    const x = loadExpected('ob_result_data.csv');
    expect(diffRows(nan(r.ob), x.OB!)).toEqual([]);
    expect(diffRows(r.top, x.Top!, true)).toEqual([]);
    expect(diffRows(r.bottom, x.Bottom!, true)).toEqual([]);
    expect(diffRows(r.obVolume, x.OBVolume!)).toEqual([]);
    expect(diffRows(r.mitigatedIndex, x.MitigatedIndex!)).toEqual([]);
    expect(diffRows(r.percentage, x.Percentage!)).toEqual([]);
    expect([count(r.ob, 1), count(r.ob, -1)]).toEqual([33, 33]);
  });

  it('fvg(): every row equal', () => {
    const r = smcFvg(ohlc);
    const x = loadExpected('fvg_result_data.csv');
    expect(diffRows(nan(r.fvg), x.FVG!)).toEqual([]);
    expect(diffRows(r.top, x.Top!)).toEqual([]);
    expect(diffRows(r.bottom, x.Bottom!)).toEqual([]);
    expect(diffRows(r.mitigatedIndex, x.MitigatedIndex!)).toEqual([]);
    expect([count(r.fvg, 1), count(r.fvg, -1)]).toEqual([2559, 2461]);
  });

  it('fvg(join_consecutive=True): every row equal', () => {
    const r = smcFvg(ohlc, true);
    const x = loadExpected('fvg_consecutive_result_data.csv');
    expect(diffRows(nan(r.fvg), x.FVG!)).toEqual([]);
    expect(diffRows(r.top, x.Top!)).toEqual([]);
    expect(diffRows(r.bottom, x.Bottom!)).toEqual([]);
    expect(diffRows(r.mitigatedIndex, x.MitigatedIndex!)).toEqual([]);
    expect([count(r.fvg, 1), count(r.fvg, -1)]).toEqual([1918, 1838]);
  });

  it('liquidity(range_percent=0.01): every row equal', () => {
    const r = smcLiquidity(ohlc, swings, 0.01);
    const x = loadExpected('liquidity_result_data.csv');
    expect(diffRows(nan(r.liquidity), x.Liquidity!)).toEqual([]);
    expect(diffRows(r.level, x.Level!, true)).toEqual([]);
    expect(diffRows(r.end, x.End!)).toEqual([]);
    expect(diffRows(r.swept, x.Swept!)).toEqual([]);
    expect([count(r.liquidity, 1), count(r.liquidity, -1)]).toEqual([250, 248]);
  });

  it('the comparison can fail: one moved high changes the swings', () => {
    const moved = toOhlc(bars.map((b, i) => (i === 500 ? { ...b, high: b.high + 0.01 } : b)));
    const x = loadExpected('swing_highs_lows_result_data.csv');
    expect(diffRows(smcSwingHighsLows(moved, 5).level, x.Level!).length).toBeGreaterThan(0);
  });
});
