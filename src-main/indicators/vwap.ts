import { istMidnight } from '#core/time-ist';
import { BarCursor, type BarInput, type OhlcvColumns } from './indicator.ts';
import { BarIndicator } from './forming.ts';

/**
 * Maps a bar's start time to the session it belongs to; a change of key starts a new session.
 * The default is the IST calendar day, so NSE's 09:15 open starts each day afresh. Callers with a trading
 * calendar (half days, Muhurat sessions) pass their own rule; this module must not depend on it.
 */
export type SessionKey = (tsStart: number) => number;

export const istDaySession: SessionKey = istMidnight;

/**
 * Session-anchored VWAP: Σ(typical price · volume)/Σ volume from the first bar of the session, typical
 * price (H+L+C)/3, reset whenever `session(tsStart)` changes. Within one session it equals TA-Lib's
 * cumulative `TA_VWAP` (2026 main) from that session's first bar. While the session has traded no volume
 * (indices carry none) it reports the bar's typical price.
 */
export class Vwap extends BarIndicator {
  readonly outputs = ['vwap'] as const;
  private readonly session: SessionKey;
  private key = NaN;
  private pv = 0;
  private vol = 0;
  private curKey = NaN;
  private curPv = 0;
  private curVol = 0;

  constructor(session: SessionKey = istDaySession) {
    super(1);
    this.session = session;
  }

  protected commit(): void {
    this.key = this.curKey;
    this.pv = this.curPv;
    this.vol = this.curVol;
  }

  protected clear(): void {
    this.key = NaN;
    this.pv = this.vol = 0;
  }

  protected compute(bar: BarInput): number {
    const tp = (bar.high + bar.low + bar.close) / 3;
    const key = this.session(bar.tsStart);
    const fresh = key !== this.key;
    this.curKey = key;
    this.curPv = (fresh ? 0 : this.pv) + tp * bar.volume;
    this.curVol = (fresh ? 0 : this.vol) + bar.volume;
    return (this.value = this.curVol > 0 ? this.curPv / this.curVol : tp);
  }
}

export function vwapBatch(cols: OhlcvColumns, session: SessionKey = istDaySession): Float64Array {
  const ind = new Vwap(session);
  const bar = new BarCursor();
  const out = new Float64Array(cols.close.length);
  for (let i = 0; i < out.length; i++) out[i] = ind.update(bar.load(cols, i));
  return out;
}
