import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { OhlcvColumns } from '../indicator.ts';

/**
 * TA-Lib C as an outside reference: the C sources shipped in node_modules/talib (its Node addon is not
 * built) are compiled once with `cc` into the git-ignored `.bench/` folder and run on our input.
 */
const root = path.resolve(import.meta.dirname, '..', '..', '..');
const lib = path.join(root, 'node_modules', 'talib', 'src', 'lib');
const harnessSource = path.join(import.meta.dirname, 'talib-harness.c');
const outDir = path.join(root, '.bench', 'talib');
const FUNCS = [
  'SMA', 'EMA', 'WMA', 'RSI', 'ROC', 'STDDEV', 'VAR', 'MACD', 'BBANDS', 'MA', 'DEMA', 'TEMA', 'TRIMA', 'KAMA', 'MAMA', 'T3',
  'ATR', 'TRANGE', 'ADX', 'PLUS_DI', 'MINUS_DI', 'WILLR', 'TYPPRICE', 'STOCH', 'STOCHF', 'OBV', 'MFI', 'utility',
];

export type TalibUnavailable = { readonly kind: 'unavailable'; readonly reason: string };

let built: string | TalibUnavailable | undefined;

function hasCc(): boolean {
  try {
    execFileSync('cc', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Path of the compiled harness, building it on first use; a reason when it cannot be built. */
export function talibHarness(): string | TalibUnavailable {
  if (built !== undefined) return built;
  if (!existsSync(path.join(lib, 'src', 'ta_func', 'ta_EMA.c'))) {
    built = { kind: 'unavailable', reason: `TA-Lib C sources not found in ${lib}` };
    return built;
  }
  if (!hasCc()) {
    built = { kind: 'unavailable', reason: 'no C compiler (`cc`) on this machine' };
    return built;
  }
  const hash = createHash('sha1').update(readFileSync(harnessSource)).update(FUNCS.join()).digest('hex').slice(0, 12);
  const exe = path.join(outDir, `harness-${hash}`);
  if (!existsSync(exe)) {
    mkdirSync(outDir, { recursive: true });
    const tmp = `${exe}.${process.pid}.tmp`;
    const sources = [
      harnessSource,
      ...FUNCS.map((f) => path.join(lib, 'src', 'ta_func', `ta_${f}.c`)),
      ...['ta_global.c', 'ta_retcode.c', 'ta_version.c'].map((f) => path.join(lib, 'src', 'ta_common', f)),
    ];
    const include = ['include', 'src/ta_common', 'src/ta_func'].map((d) => `-I${path.join(lib, d)}`);
    execFileSync('cc', ['-O2', '-w', '-o', tmp, ...include, ...sources, '-lm'], { stdio: 'pipe' });
    renameSync(tmp, exe);
  }
  built = exe;
  return built;
}

export interface TalibRun {
  readonly begIdx: number;
  readonly nbElement: number;
  /** One array per TA-Lib output, input-aligned, NaN before `begIdx`. */
  readonly outputs: Float64Array[];
  /** Best CPU time of one call over `reps` calls (the harness process's CPU clock). */
  readonly nsPerRun: number;
}

let seq = 0;

/** Runs TA-Lib function `func` (see talib-harness.c for the supported names) on `cols`. */
export function runTalib(func: string, cols: OhlcvColumns, params: readonly number[] = [], reps = 1): TalibRun {
  const exe = talibHarness();
  if (typeof exe !== 'string') throw new Error(exe.reason);
  const n = cols.close.length;
  const input = new Float64Array(5 * n);
  const fill = (k: number, xs: ArrayLike<number> | undefined): void => {
    for (let i = 0; i < n; i++) input[k * n + i] = xs ? (xs[i] as number) : (cols.close[i] as number);
  };
  fill(0, cols.open);
  fill(1, cols.high);
  fill(2, cols.low);
  fill(3, cols.close);
  fill(4, cols.volume);
  const tag = `${process.pid}-${seq++}`;
  const inFile = path.join(outDir, `in-${tag}.bin`);
  const outFile = path.join(outDir, `out-${tag}.bin`);
  writeFileSync(inFile, input);
  const line = execFileSync(exe, [func, String(n), inFile, outFile, String(reps), ...params.map(String)], { encoding: 'utf8' });
  const [beg, nb, outs, ns] = line.trim().split(' ').map(Number) as [number, number, number, number];
  const raw = readFileSync(outFile);
  const all = new Float64Array(raw.buffer, raw.byteOffset, raw.byteLength / 8);
  const outputs = Array.from({ length: outs }, (_, k) => all.slice(k * n, (k + 1) * n));
  rmSync(inFile, { force: true });
  rmSync(outFile, { force: true });
  return { begIdx: beg, nbElement: nb, outputs, nsPerRun: ns };
}
