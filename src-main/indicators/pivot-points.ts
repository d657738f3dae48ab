import { BarCursor, type BarInput, type OhlcvColumns } from './indicator.ts';
import { BarIndicator } from './forming.ts';
import { istDaySession, type SessionKey } from './vwap.ts';

/**
 * Classic floor pivots from the previous session's high, low and close:
 * P = (H+L+C)/3, R1 = 2P − L, S1 = 2P − H, R2 = P + (H − L), S2 = P − (H − L), R3 = H + 2(P − L),
 * S3 = L − 2(H − P). Sessions are cut by `session(tsStart)` (IST day by default), so the same indicator
 * works on daily bars (pivots from the previous bar) and on intraday bars (from yesterday's session).
 * Warm-up is counted in sessions: values start at the first bar of the second session, which is bar 2
 * on daily bars.
 */
export class PivotPoints extends BarIndicator {
  readonly outputs = ['pp', 'r1', 's1', 'r2', 's2', 'r3', 's3'] as const;
  r1 = NaN;
  s1 = NaN;
  r2 = NaN;
  s2 = NaN;
  r3 = NaN;
  s3 = NaN;
  private readonly session: SessionKey;
  /** The committed state: current session's key, high, low, close and the pivots' source session. */
  private key = NaN;
  private high = 0;
  private low = 0;
  private close = 0;
  private srcH = NaN;
  private srcL = NaN;
  private srcC = NaN;
  private curKey = NaN;
  private curHigh = 0;
  private curLow = 0;
  private curClose = 0;
  private curSrcH = NaN;
  private curSrcL = NaN;
  private curSrcC = NaN;

  constructor(session: SessionKey = istDaySession) {
    super(2);
    this.session = session;
  }

  /** Warm-up is counted in sessions, not bars: ready once a previous session exists. */
  override get isReady(): boolean {
    return !Number.isNaN(this.value);
  }

  override output(index: number): number {
    switch (index) {
      case 0:
        return this.value;
      case 1:
        return this.r1;
      case 2:
        return this.s1;
      case 3:
        return this.r2;
      case 4:
        return this.s2;
      case 5:
        return this.r3;
      case 6:
        return this.s3;
      default:
        return NaN;
    }
  }

  protected commit(): void {
    this.key = this.curKey;
    this.high = this.curHigh;
    this.low = this.curLow;
    this.close = this.curClose;
    this.srcH = this.curSrcH;
    this.srcL = this.curSrcL;
    this.srcC = this.curSrcC;
  }

  protected clear(): void {
    this.key = this.srcH = this.srcL = this.srcC = NaN;
    this.curSrcH = this.curSrcL = this.curSrcC = NaN;
    this.r1 = this.s1 = this.r2 = this.s2 = this.r3 = this.s3 = NaN;
  }

  protected compute(bar: BarInput): number {
    const key = this.session(bar.tsStart);
    this.curKey = key;
    this.curClose = bar.close;
    if (key === this.key) {
      this.curHigh = Math.max(this.high, bar.high);
      this.curLow = Math.min(this.low, bar.low);
      this.curSrcH = this.srcH;
      this.curSrcL = this.srcL;
      this.curSrcC = this.srcC;
    } else {
      this.curHigh = bar.high;
      this.curLow = bar.low;
      const started = !Number.isNaN(this.key);
      this.curSrcH = started ? this.high : NaN;
      this.curSrcL = started ? this.low : NaN;
      this.curSrcC = started ? this.close : NaN;
    }
    const h = this.curSrcH;
    const l = this.curSrcL;
    const p = (h + l + this.curSrcC) / 3;
    this.r1 = 2 * p - l;
    this.s1 = 2 * p - h;
    this.r2 = p + (h - l);
    this.s2 = p - (h - l);
    this.r3 = h + 2 * (p - l);
    this.s3 = l - 2 * (h - p);
    return (this.value = p);
  }
}

export function pivotPointsBatch(cols: OhlcvColumns, session: SessionKey = istDaySession): Float64Array[] {
  const ind = new PivotPoints(session);
  const bar = new BarCursor();
  const n = cols.close.length;
  const outs = ind.outputs.map(() => new Float64Array(n));
  for (let i = 0; i < n; i++) {
    ind.update(bar.load(cols, i));
    for (let k = 0; k < outs.length; k++) (outs[k] as Float64Array)[i] = ind.output(k);
  }
  return outs;
}
