import { createRandom } from '#core/random';
import { istToEpoch } from '#core/time-ist';
import type { Bar } from '#model/bar';
import { instrumentId, type InstrumentId } from '#model/ids';

export interface SyntheticOptions {
  readonly sessions: number;
  readonly seed: number;
  readonly instrument?: InstrumentId;
  readonly start?: number;
  readonly volume?: boolean;
}

const BARS_PER_SESSION = 75;
const FIVE_MIN = 300_000;
const DAY_MS = 86_400_000;

/**
 * Seeded 5-minute bars for tests, fast to make: weekdays from 09:15 IST, 75 a session, a price walk
 * that switches between calm, trending and volatile stretches, so every label class occurs. Not a
 * market model (the shipped defaults are trained on the simulator's data instead).
 */
export function syntheticBars(o: SyntheticOptions): Bar[] {
  const rnd = createRandom(o.seed);
  const id = o.instrument ?? instrumentId('NSE_INDEX', 'NIFTY');
  let day = o.start ?? istToEpoch(2026, 1, 5, 9, 15);
  let price = 24_000;
  let vol = 0.0008;
  let drift = 0;
  let left = 0;
  const bars: Bar[] = [];
  for (let s = 0; s < o.sessions; s++) {
    while (new Date(day).getUTCDay() % 6 === 0) day += DAY_MS;
    for (let k = 0; k < BARS_PER_SESSION; k++) {
      if (left-- <= 0) {
        const regime = rnd.int(0, 2);
        vol = regime === 2 ? 0.0022 : 0.0007 + rnd.next() * 0.0004;
        drift = regime === 1 ? (rnd.next() < 0.5 ? -1 : 1) * vol * 0.35 : 0;
        left = rnd.int(15, 60);
      }
      const open = price;
      const ret = drift + vol * rnd.normal();
      const close = open * (1 + ret);
      const high = Math.max(open, close) * (1 + Math.abs(rnd.normal()) * vol * 0.4);
      const low = Math.min(open, close) * (1 - Math.abs(rnd.normal()) * vol * 0.4);
      bars.push({ instrumentId: id, timeframe: '5m', tsStart: day + k * FIVE_MIN, open, high, low, close, volume: o.volume ? Math.round(1_000 + rnd.next() * 4_000) : 0, closed: true });
      price = close;
    }
    day += DAY_MS;
  }
  return bars;
}
