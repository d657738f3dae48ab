import { BarCursor, checkBar, checkPeriod, type BarInput, type Indicator, type OhlcvColumns } from './indicator.ts';
import { Sma } from './sma.ts';

/** Simple moving average of bar volume (TA-Lib `SMA` over the volume column). */
export class VolumeMa implements Indicator<BarInput> {
  readonly warmUp: number;
  readonly outputs = ['volumeMa'] as const;
  private readonly sma: Sma;

  constructor(period = 20) {
    checkPeriod(period, 'period');
    this.sma = new Sma(period);
    this.warmUp = period;
  }

  get value(): number {
    return this.sma.value;
  }

  get isReady(): boolean {
    return this.sma.isReady;
  }

  output(): number {
    return this.sma.value;
  }

  update(bar: BarInput): number {
    checkBar(bar);
    return this.sma.update(bar.volume);
  }

  replace(bar: BarInput): number {
    checkBar(bar);
    return this.sma.replace(bar.volume);
  }

  reset(): void {
    this.sma.reset();
  }
}

export function volumeMaBatch(cols: OhlcvColumns, period = 20): Float64Array {
  const ind = new VolumeMa(period);
  const bar = new BarCursor();
  const { close } = cols;
  const volume = cols.volume ?? new Float64Array(close.length);
  const out = new Float64Array(close.length);
  for (let i = 0; i < close.length; i++) {
    bar.close = close[i] as number;
    bar.volume = volume[i] as number;
    out[i] = ind.update(bar);
  }
  return out;
}
