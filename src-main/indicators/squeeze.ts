import { BarCursor, checkFinite, checkPeriod, type BarInput, type OhlcvColumns } from './indicator.ts';
import { BarIndicator } from './forming.ts';
import { Bollinger } from './bollinger.ts';
import { Keltner } from './keltner.ts';

/**
 * The squeeze (John Carter's TTM convention): on (1) while the Bollinger Bands (N, bbK) lie strictly
 * inside the Keltner Channels (N, atrPeriod, kcK), else off (0). Also reports `ratio`, the Bollinger
 * width over the Keltner width (below 1 means the bands are narrower). Defaults 20, 2, 20, 1.5.
 */
export class Squeeze extends BarIndicator {
  readonly outputs = ['on', 'ratio'] as const;
  ratio = NaN;
  private readonly bb: Bollinger;
  private readonly kc: Keltner;

  constructor(period = 20, bbK = 2, atrPeriod = 20, kcK = 1.5) {
    checkPeriod(period, 'period');
    checkFinite(bbK, 'bbK');
    checkFinite(kcK, 'kcK');
    const bb = new Bollinger(period, bbK);
    const kc = new Keltner(period, atrPeriod, kcK);
    super(Math.max(bb.warmUp, kc.warmUp));
    this.bb = bb;
    this.kc = kc;
  }

  override output(index: number): number {
    return index === 0 ? this.value : index === 1 ? this.ratio : NaN;
  }

  protected compute(bar: BarInput, revise: boolean): number {
    const { bb, kc } = this;
    if (revise) {
      bb.replace(bar.close);
      kc.replace(bar);
    } else {
      bb.update(bar.close);
      kc.update(bar);
    }
    if (Number.isNaN(bb.value) || Number.isNaN(kc.value)) {
      this.ratio = NaN;
      return (this.value = NaN);
    }
    const kcWidth = kc.upper - kc.lower;
    this.ratio = kcWidth !== 0 ? (bb.upper - bb.lower) / kcWidth : 1;
    return (this.value = bb.upper < kc.upper && bb.lower > kc.lower ? 1 : 0);
  }

  protected commit(): void {}

  protected clear(): void {
    this.bb.reset();
    this.kc.reset();
    this.ratio = NaN;
  }
}

export function squeezeBatch(cols: OhlcvColumns, period = 20, bbK = 2, atrPeriod = 20, kcK = 1.5): { on: Float64Array; ratio: Float64Array } {
  const ind = new Squeeze(period, bbK, atrPeriod, kcK);
  const bar = new BarCursor();
  const n = cols.close.length;
  const on = new Float64Array(n);
  const ratio = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    on[i] = ind.update(bar.load(cols, i));
    ratio[i] = ind.ratio;
  }
  return { on, ratio };
}
