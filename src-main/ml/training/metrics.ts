/** Out-of-sample metrics, always beside the naive baseline they must beat to mean anything. */

export interface CalibrationBin {
  readonly from: number;
  readonly to: number;
  readonly n: number;
  /** Mean predicted probability in the bin, and how often the event happened. */
  readonly predicted: number;
  readonly observed: number;
}

const round = (x: number, d = 4): number => Math.round(x * 10 ** d) / 10 ** d;

/** Reliability table over `bins` equal-width probability bins (empty bins left out). */
export function calibration(p: ArrayLike<number>, y: ArrayLike<number>, bins = 5): CalibrationBin[] {
  const out: CalibrationBin[] = [];
  for (let b = 0; b < bins; b++) {
    const from = b / bins;
    const to = (b + 1) / bins;
    let n = 0;
    let sp = 0;
    let sy = 0;
    for (let i = 0; i < p.length; i++) {
      const v = p[i]!;
      if (v >= from && (v < to || (b === bins - 1 && v <= to))) {
        n++;
        sp += v;
        sy += y[i]!;
      }
    }
    if (n > 0) out.push({ from: round(from, 2), to: round(to, 2), n, predicted: round(sp / n), observed: round(sy / n) });
  }
  return out;
}

export interface BinaryMetrics {
  readonly n: number;
  readonly baseRate: number;
  readonly accuracy: number;
  /** Always answering the training set's majority. */
  readonly baselineAccuracy: number;
  /** The better constant answer in hindsight (the test window's own majority): a stricter bar. */
  readonly bestConstantAccuracy: number;
  readonly brier: number;
  /** Always answering the training set's base rate. */
  readonly baselineBrier: number;
  readonly logLoss: number;
}

const EPS = 1e-7;
const clampP = (p: number): number => Math.min(1 - EPS, Math.max(EPS, p));

export function binaryMetrics(p: ArrayLike<number>, y: ArrayLike<number>, trainBaseRate: number): BinaryMetrics {
  const n = p.length;
  let hits = 0;
  let base = 0;
  let brier = 0;
  let bb = 0;
  let ll = 0;
  let pos = 0;
  const majority = trainBaseRate >= 0.5 ? 1 : 0;
  for (let i = 0; i < n; i++) {
    const yi = y[i]!;
    const pi = p[i]!;
    pos += yi;
    if ((pi >= 0.5 ? 1 : 0) === yi) hits++;
    if (majority === yi) base++;
    brier += (pi - yi) ** 2;
    bb += (trainBaseRate - yi) ** 2;
    ll -= yi * Math.log(clampP(pi)) + (1 - yi) * Math.log(1 - clampP(pi));
  }
  const d = Math.max(1, n);
  const rate = pos / d;
  return { n, baseRate: round(rate), accuracy: round(hits / d), baselineAccuracy: round(base / d), bestConstantAccuracy: round(Math.max(rate, 1 - rate)), brier: round(brier / d), baselineBrier: round(bb / d), logLoss: round(ll / d) };
}

export interface ClassMetrics {
  readonly n: number;
  readonly accuracy: number;
  /** Always answering the training set's majority class. */
  readonly baselineAccuracy: number;
  /** Always answering the test window's own majority class, known only in hindsight: a stricter bar. */
  readonly bestConstantAccuracy: number;
  readonly logLoss: number;
  /** Per class: how many test samples, and the share of them predicted right. */
  readonly perClass: readonly { readonly name: string; readonly support: number; readonly recall: number }[];
}

/** `probs` is [n, k] row-major; `y` the class index of each sample; `trainMajority` the baseline's answer. */
export function classMetrics(probs: ArrayLike<number>, y: ArrayLike<number>, names: readonly string[], trainMajority: number): ClassMetrics {
  const k = names.length;
  const n = y.length;
  let hits = 0;
  let base = 0;
  let ll = 0;
  const support = new Array<number>(k).fill(0);
  const right = new Array<number>(k).fill(0);
  for (let i = 0; i < n; i++) {
    const yi = y[i]!;
    let arg = 0;
    for (let c = 1; c < k; c++) if (probs[i * k + c]! > probs[i * k + arg]!) arg = c;
    support[yi]!++;
    if (arg === yi) {
      hits++;
      right[yi]!++;
    }
    if (trainMajority === yi) base++;
    ll -= Math.log(clampP(probs[i * k + yi]!));
  }
  const d = Math.max(1, n);
  return {
    n,
    accuracy: round(hits / d),
    baselineAccuracy: round(base / d),
    bestConstantAccuracy: round(Math.max(...support) / d),
    logLoss: round(ll / d),
    perClass: names.map((name, c) => ({ name, support: support[c]!, recall: support[c]! > 0 ? round(right[c]! / support[c]!) : 0 })),
  };
}

/** Top-class confidence against top-class correctness, for a classifier's calibration table. */
export function topClassCalibration(probs: ArrayLike<number>, y: ArrayLike<number>, k: number, bins = 5): CalibrationBin[] {
  const conf: number[] = [];
  const ok: number[] = [];
  for (let i = 0; i < y.length; i++) {
    let arg = 0;
    for (let c = 1; c < k; c++) if (probs[i * k + c]! > probs[i * k + arg]!) arg = c;
    conf.push(probs[i * k + arg]!);
    ok.push(arg === y[i] ? 1 : 0);
  }
  return calibration(conf, ok, bins);
}

export function rmse(pred: ArrayLike<number>, truth: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < pred.length; i++) s += (pred[i]! - truth[i]!) ** 2;
  return round(Math.sqrt(s / Math.max(1, pred.length)));
}
