import { instrumentId } from '#model/ids';
import { toColumns } from '../features/series.ts';
import type { TrainingInput } from '../training/dataset.ts';
import { syntheticBars } from './synthetic-bars.ts';

/** Two instruments of seeded 5-minute bars, as the trainers take them. */
export function syntheticInput(sessions: number, seed = 1): TrainingInput {
  return {
    timeframe: '5m',
    source: `synthetic seed ${seed}`,
    series: [
      { instrumentId: 'NSE_INDEX:NIFTY', bars: toColumns(syntheticBars({ sessions, seed })) },
      { instrumentId: 'NSE_INDEX:BANKNIFTY', bars: toColumns(syntheticBars({ sessions, seed: seed + 1, instrument: instrumentId('NSE_INDEX', 'BANKNIFTY') })) },
    ],
  };
}

/** A few epochs: enough to exercise every path in a test, in well under a second per model. */
export const QUICK_FIT = {
  'rsi-lstm': { epochs: 1 },
  'pattern-cnn': { epochs: 1 },
  'break-validator': { epochs: 5 },
  regime: { epochs: 2 },
} as const;
