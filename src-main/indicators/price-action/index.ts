export type { Side, Stamp, Ohlc } from './types.ts';
export { toOhlc, LiveSeries, barEnd } from './types.ts';
export type * from './events.ts';
export { smcSwingHighsLows, type SmcSwings } from './smc-swings.ts';
export { smcBosChoch, type SmcBosChoch } from './smc-bos-choch.ts';
export { smcOrderBlocks, type SmcOrderBlocks } from './smc-order-blocks.ts';
export { smcFvg, type SmcFvg } from './smc-fvg.ts';
export { smcLiquidity, type SmcLiquidity } from './smc-liquidity.ts';
export { PriceActionStream, DEFAULT_PRICE_ACTION_OPTIONS, type PriceActionStreamOptions } from './price-action-stream.ts';
export { SwingStream } from './swing-stream.ts';
export { StructureStream } from './structure-stream.ts';
export { FvgStream, type OpenGap } from './fvg-stream.ts';
export { OrderBlockStream } from './order-block-stream.ts';
export { OrderBlockTracker, type OrderBlock } from './order-block-tracker.ts';
export { LiquidityStream, type LiquidityOptions, type LiquidityZone } from './liquidity-stream.ts';
export type { SwingPoint, StructureKind } from './structure-rule.ts';
export { premiumDiscount, PdZone, type PremiumDiscount } from './premium-discount.ts';
export { latestTrendlines, lineAt, trendlineBreak, type Trendline } from './trendlines.ts';
export { detectPatterns, PatternKind, DEFAULT_PATTERN_OPTIONS, type Pattern, type PatternOptions } from './patterns.ts';
export {
  compositeScore,
  PRICE_ACTION_WEIGHTS,
  DEFAULT_COMPOSITE_OPTIONS,
  type CompositeScore,
  type CompositeOptions,
  type ComponentScores,
  type PriceActionState,
} from './composite.ts';
export { snapshotOf } from './snapshot.ts';
