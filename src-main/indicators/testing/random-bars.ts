import { createRandom } from '#core/random';
import { istToEpoch } from '#core/time-ist';
import type { Bar } from '#model/bar';
import { instrumentId } from '#model/ids';
import type { OhlcvColumns } from '../indicator.ts';

export interface BarSeries {
  readonly bars: Bar[];
  readonly cols: OhlcvArrays;
}

/** Column series with every field present, as Float64Arrays. */
export interface OhlcvArrays extends OhlcvColumns {
  readonly tsStart: Float64Array;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;
}

const SESSION_OPEN_MIN = 9 * 60 + 15;
const SESSION_BARS = 375;
const DAY_MS = 86_400_000;

/**
 * A seeded random walk of bars on a 0.05 tick (so equal closes, highs and typical prices occur and the
 * tie branches run), with zero-volume bars now and then. `daily` stamps one bar per IST day; otherwise
 * 1-minute bars from 09:15 IST, 375 a day.
 */
export function randomBars(n: number, seed: number, daily = false): BarSeries {
  const rnd = createRandom(seed);
  const id = instrumentId('NFO', 'NIFTYFUT');
  const t0 = istToEpoch(2024, 1, 1);
  const cols = {
    tsStart: new Float64Array(n),
    open: new Float64Array(n),
    high: new Float64Array(n),
    low: new Float64Array(n),
    close: new Float64Array(n),
    volume: new Float64Array(n),
  };
  const tick = (x: number): number => Math.round(x / 0.05) * 0.05;
  const bars: Bar[] = [];
  let last = 22_000;
  for (let i = 0; i < n; i++) {
    const day = daily ? i : Math.floor(i / SESSION_BARS);
    const minute = daily ? SESSION_OPEN_MIN : SESSION_OPEN_MIN + (i % SESSION_BARS);
    const ts = t0 + day * DAY_MS + minute * 60_000;
    const open = tick(last + rnd.normal() * 2);
    const close = Math.max(100, tick(open + rnd.normal() * 15));
    const high = tick(Math.max(open, close) + Math.abs(rnd.normal()) * 6);
    const low = tick(Math.min(open, close) - Math.abs(rnd.normal()) * 6);
    const volume = rnd.next() < 0.02 ? 0 : rnd.int(1, 40) * 75;
    last = close;
    cols.tsStart[i] = ts;
    cols.open[i] = open;
    cols.high[i] = high;
    cols.low[i] = low;
    cols.close[i] = close;
    cols.volume[i] = volume;
    bars.push({ instrumentId: id, timeframe: daily ? '1d' : '1m', tsStart: ts, open, high, low, close, volume, closed: true });
  }
  return { bars, cols };
}

/** A series with H = L = C and constant volume: every range and every change is zero. */
export function flatBars(n: number, price = 10, volume = 100, daily = false): BarSeries {
  const s = randomBars(n, 1, daily);
  const bars = s.bars.map((b) => ({ ...b, open: price, high: price, low: price, close: price, volume }));
  s.cols.open.fill(price);
  s.cols.high.fill(price);
  s.cols.low.fill(price);
  s.cols.close.fill(price);
  s.cols.volume.fill(volume);
  return { bars, cols: s.cols };
}
