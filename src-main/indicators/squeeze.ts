import { BarCursor, checkBar, checkFinite, checkPeriod, type BarInput, type Indicator, type OhlcvColumns } from './indicator.ts';
import { Bollinger } from './bollinger.ts';
import { Keltner } from './keltner.ts';

/**
 * The squeeze (John Carter's TTM convention): on (1) while the Bollinger Bands (N, bbK) lie strictly
 * inside the Keltner Channels (N, atrPeriod, kcK), else off (0). Also reports `ratio`, the Bollinger
 * width over the Keltner width (below 1 means the bands are narrower). Defaults 20, 2, 20, 1.5.
 */
export class Squeeze implements Indicator<BarInput> {
  readonly warmUp: number;
  readonly outputs = ['on', 'ratio'] as const;
  value = NaN;
  ratio = NaN;
  private readonly bb: Bollinger;
  private readonly kc: Keltner;

  constructor(period = 20, bbK = 2, atrPeriod = 20, kcK = 1.5) {
    checkPeriod(period, 'period');
    checkFinite(bbK, 'bbK');
    checkFinite(kcK, 'kcK');
    this.bb = new Bollinger(period, bbK);
    this.kc = new Keltner(period, atrPeriod, kcK);
    this.warmUp = Math.max(this.bb.warmUp, this.kc.warmUp);
  }

  get isReady(): boolean {
    return this.bb.isReady && this.kc.isReady;
  }

  output(index: number): number {
    return index === 0 ? this.value : index === 1 ? this.ratio : NaN;
  }

  update(bar: BarInput): number {
    checkBar(bar);
    this.bb.update(bar.close);
    this.kc.update(bar);
    return this.compute();
  }

  replace(bar: BarInput): number {
    checkBar(bar);
    this.bb.replace(bar.close);
    this.kc.replace(bar);
    return this.compute();
  }

  reset(): void {
    this.bb.reset();
    this.kc.reset();
    this.value = this.ratio = NaN;
  }

  private compute(): number {
    const { bb, kc } = this;
    if (Number.isNaN(bb.value) || Number.isNaN(kc.value)) {
      this.ratio = NaN;
      return (this.value = NaN);
    }
    const kcWidth = kc.upper - kc.lower;
    this.ratio = kcWidth !== 0 ? (bb.upper - bb.lower) / kcWidth : 1;
    return (this.value = bb.upper < kc.upper && bb.lower > kc.lower ? 1 : 0);
  }
}

export function squeezeBatch(cols: OhlcvColumns, period = 20, bbK = 2, atrPeriod = 20, kcK = 1.5): { on: Float64Array; ratio: Float64Array } {
  const ind = new Squeeze(period, bbK, atrPeriod, kcK);
  const bar = new BarCursor();
  const { high, low, close } = cols;
  const on = new Float64Array(close.length);
  const ratio = new Float64Array(close.length);
  for (let i = 0; i < close.length; i++) {
    bar.high = high[i] as number;
    bar.low = low[i] as number;
    bar.close = close[i] as number;
    on[i] = ind.update(bar);
    ratio[i] = ind.ratio;
  }
  return { on, ratio };
}
