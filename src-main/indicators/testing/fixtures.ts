import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { OhlcvColumns } from '../indicator.ts';

const dir = path.join(import.meta.dirname, '..', 'fixtures');

/** TA-Lib's 252-bar regression series (fixtures/talib-regtest-252.csv). */
export function talib252(): Required<Omit<OhlcvColumns, 'tsStart'>> & { tsStart: Float64Array } {
  const rows = readFileSync(path.join(dir, 'talib-regtest-252.csv'), 'utf8').trim().split('\n').slice(1);
  const col = (k: number): Float64Array => Float64Array.from(rows, (r) => Number(r.split(',')[k]));
  return { tsStart: col(0), open: col(1), high: col(2), low: col(3), close: col(4), volume: col(5) };
}

export interface TulipCase {
  readonly inputs: number[][];
  readonly outputs: number[][];
}

/** The Tulip case whose header line is exactly `header` (e.g. `'rsi 5'`) in `tulip-<file>.txt`. */
export function tulipCase(file: 'untest' | 'extra', header: string, nth = 0): TulipCase {
  const lines = readFileSync(path.join(dir, `tulip-${file}.txt`), 'utf8').split('\n').map((l) => l.trim());
  let seen = 0;
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] !== header || seen++ !== nth) continue;
    const arrays: number[][] = [];
    for (let j = i + 1; j < lines.length && (lines[j] as string).startsWith('{'); j++) {
      arrays.push((lines[j] as string).slice(1, -1).split(',').filter((s) => s !== '').map(Number));
    }
    return { inputs: arrays, outputs: [] };
  }
  throw new Error(`no Tulip case "${header}" in ${file}`);
}

/** Splits a case's arrays: the last `outputs` arrays are outputs. */
export function tulip(file: 'untest' | 'extra', header: string, outputs: number, nth = 0): TulipCase {
  const { inputs } = tulipCase(file, header, nth);
  return { inputs: inputs.slice(0, inputs.length - outputs), outputs: inputs.slice(inputs.length - outputs) };
}

/** Max |a − b| / max(1, |b|) over indices where `expected` is defined, after checking both agree on which are defined. */
export function maxDiff(actual: ArrayLike<number>, expected: ArrayLike<number>, from = 0): number {
  let worst = 0;
  for (let i = from; i < expected.length; i++) {
    const e = expected[i] as number;
    const a = actual[i] as number;
    if (Number.isNaN(e)) continue;
    const d = Math.abs(a - e) / Math.max(1, Math.abs(e));
    if (!(d <= worst)) worst = Number.isNaN(d) ? Infinity : d;
  }
  return worst;
}

/** Right-aligns a Tulip output array against `n` inputs, NaN-padded. */
export function alignRight(out: readonly number[], n: number): Float64Array {
  const a = new Float64Array(n).fill(NaN);
  out.forEach((v, j) => (a[n - out.length + j] = v));
  return a;
}
