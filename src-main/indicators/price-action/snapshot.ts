import type { PriceActionStream } from './price-action-stream.ts';
import type { PriceActionState } from './composite.ts';
import { detectPatterns, DEFAULT_PATTERN_OPTIONS, type PatternOptions } from './patterns.ts';

/** The composite's input at the stream's latest bar: only what the stream already knows. */
export function snapshotOf(stream: PriceActionStream, patternOptions: PatternOptions = DEFAULT_PATTERN_OPTIONS): PriceActionState {
  const t = stream.series.length - 1;
  if (t < 0) throw new RangeError('snapshot of an empty stream');
  return {
    t,
    price: stream.series.close[t] as number,
    structure: stream.structure.lastEvent,
    freshBlocks: stream.orderBlocks.fresh(),
    openGaps: stream.fvg.open,
    liquidity: stream.liquidity.zones,
    patterns: detectPatterns(stream.swings.sequence, stream.series, t, patternOptions),
    swings: stream.swings.sequence,
  };
}
