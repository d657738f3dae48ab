import { readFileSync } from 'node:fs';
import type { Bar } from '#model/bar';
import { instrumentId } from '#model/ids';

/** Test support: the smart-money-concepts EURUSD fixture (MIT, see fixtures/README.md). */
const dir = new URL('./fixtures/', import.meta.url);

export function loadEurusdBars(): Bar[] {
  const text = readFileSync(new URL('EURUSD_15M.csv', dir), 'utf8');
  const id = instrumentId('FX', 'EURUSD');
  return text
    .split(/\r?\n/)
    .slice(1)
    .filter((l) => l.trim() !== '')
    .map((line) => {
      const [date, open, high, low, close, , volume] = line.split(',');
      const m = /^(\d{4})\.(\d{2})\.(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(date ?? '');
      if (m === null) throw new Error(`bad date in fixture: ${line}`);
      const tsStart = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
      return {
        instrumentId: id,
        timeframe: '15m',
        tsStart,
        open: Number(open),
        high: Number(high),
        low: Number(low),
        close: Number(close),
        volume: Number(volume),
        closed: true,
      } satisfies Bar;
    });
}

/** An expected-output CSV as columns of numbers, NaN for an empty cell. */
export function loadExpected(name: string): Record<string, Float64Array> {
  const lines = readFileSync(new URL(name, dir), 'utf8').split(/\r?\n/).filter((l) => l !== '');
  const header = (lines[0] ?? '').split(',');
  const cols: Record<string, Float64Array> = {};
  for (const h of header) cols[h] = new Float64Array(lines.length - 1);
  lines.slice(1).forEach((line, r) => {
    line.split(',').forEach((cell, c) => {
      (cols[header[c] as string] as Float64Array)[r] = cell === '' ? NaN : Number(cell);
    });
  });
  return cols;
}

/** Rows where `actual` and `expected` disagree; NaN equals NaN, numbers compare as float32 when asked. */
export function diffRows(actual: ArrayLike<number>, expected: ArrayLike<number>, float32 = false): number[] {
  const rows: number[] = [];
  const n = Math.max(actual.length, expected.length);
  for (let i = 0; i < n; i++) {
    const a = actual[i] as number;
    const e = expected[i] as number;
    if (Number.isNaN(a) && Number.isNaN(e)) continue;
    const same = float32 ? Math.fround(a) === Math.fround(e) : a === e;
    if (!same) rows.push(i);
  }
  return rows;
}
