import { minutesOf, param, paramsSchema } from '../contract/params.ts';
import { buyerParams } from '../buyers/buyer-params.ts';
import { DEFAULT_VALIDATOR_RULES } from '../signals/validator.ts';

const v = DEFAULT_VALIDATOR_RULES;
const threshold = (label: string, value: number) => param.number({ label, default: value, min: 0, max: 1, step: 0.05 });

/** strategies.md "Momentum rider (option buying, directional)": every number is a parameter with the documented default. */
export const riderParams = paramsSchema({
  ...buyerParams,
  signalTimeframe: param.choice(['3m', '5m', '15m'], { label: 'Move timeframe', default: '5m', description: 'The primary signal is a move over one bar of this timeframe.' }),
  minMovePct: param.number({ label: 'Primary: move above', unit: '% in one bar', default: 0.45, min: 0.05, max: 5, step: 0.05 }),
  volumeMultiple: param.number({ label: 'Primary: volume above', unit: '× average', default: 2, min: 1, max: 10, step: 0.1 }),
  volumeAvgBars: param.integer({ label: 'Average volume over', unit: 'bars', default: 20, min: 3, max: 100, step: 1 }),
  trendlineBreakBars: param.integer({ label: 'Trendline break counts for', unit: 'bars', default: 5, min: 1, max: 50, step: 1 }),
  rangeAtrPeriod: param.integer({ label: 'Predictive range ATR period', unit: 'bars', default: 14, min: 2, max: 200, step: 1 }),
  rangeFactor: param.number({
    label: 'Predictive range step',
    unit: '× ATR',
    default: 2,
    min: 0.5,
    max: 10,
    step: 0.5,
    description: 'The range centre moves by this many ATRs when the close leaves it by as much; its boundaries sit half a step and one step either side.',
  }),
  rangeEntryAtr: param.number({ label: 'Entry within', unit: 'ATR of the supporting boundary', default: 0.5, min: 0.1, max: 3, step: 0.1 }),
  fvgBars: param.integer({ label: 'Fair value gaps in the last', unit: 'bars', default: 20, min: 3, max: 100, step: 1 }),
  sustainBars: param.integer({ label: 'Volume sustained over', unit: 'bars', default: 3, min: 1, max: 20, step: 1 }),
  rsiPeriod: param.integer({ label: 'RSI period', unit: 'bars', default: 14, min: 2, max: 50, step: 1 }),
  rsiMin: param.number({ label: 'RSI at least', default: 30, min: 0, max: 100, step: 1 }),
  rsiMax: param.number({ label: 'RSI at most', default: 70, min: 0, max: 100, step: 1 }),
  macdFast: param.integer({ label: 'MACD fast', unit: 'bars', default: 12, min: 2, max: 50, step: 1 }),
  macdSlow: param.integer({ label: 'MACD slow', unit: 'bars', default: 26, min: 3, max: 100, step: 1 }),
  macdSignal: param.integer({ label: 'MACD signal', unit: 'bars', default: 9, min: 2, max: 50, step: 1 }),
  divergenceBars: param.integer({
    label: 'Divergence window',
    unit: 'bars',
    default: 10,
    min: 3,
    max: 50,
    step: 1,
    description: 'Divergence: over the last two windows of this many bars, price makes a new extreme in the trade direction and RSI does not.',
  }),
  skipOpenMinutes: param.integer({ label: 'Validator: no entry in the first', unit: 'min of the session', default: 15, min: 0, max: 120, step: 1 }),
  skipCloseMinutes: param.integer({ label: 'Validator: no entry in the last', unit: 'min of the session', default: 15, min: 0, max: 120, step: 1 }),
  maxVix: param.number({ label: 'Validator: India VIX below', default: 30, min: 5, max: 100, step: 1 }),
  maxSimilarPositions: param.integer({ label: 'Validator: similar open positions fewer than', default: 2, min: 1, max: 20, step: 1 }),
  minCombinedScore: threshold('Combined score to trade', v.minCombined),
  volatileConsensus: threshold('Volatile regime: consensus', v.byRegime.volatile.consensus),
  volatileMlConfidence: threshold('Volatile regime: ML confidence', v.byRegime.volatile.mlConfidence),
  volatileConfirmation: threshold('Volatile regime: confirmation', v.byRegime.volatile.confirmation),
  trendingConsensus: threshold('Trending regime: consensus', v.byRegime.trending.consensus),
  trendingMlConfidence: threshold('Trending regime: ML confidence', v.byRegime.trending.mlConfidence),
  trendingConfirmation: threshold('Trending regime: confirmation', v.byRegime.trending.confirmation),
  rangingConsensus: threshold('Ranging regime: consensus', v.byRegime.ranging.consensus),
  rangingMlConfidence: threshold('Ranging regime: ML confidence', v.byRegime.ranging.mlConfidence),
  rangingConfirmation: threshold('Ranging regime: confirmation', v.byRegime.ranging.confirmation),
  strongStrength: param.number({ label: 'Strong signal at strength', default: 0.8, min: 0, max: 1, step: 0.05 }),
  mediumStrength: param.number({ label: 'Medium signal at strength', default: 0.65, min: 0, max: 1, step: 0.05 }),
  strongOtmStrikes: param.integer({ label: 'Strong signal: strikes out of the money', default: 1, min: 0, max: 10, step: 1 }),
  otherOtmStrikes: param.integer({ label: 'Other signals: strikes out of the money', default: 2, min: 0, max: 10, step: 1 }),
  riskPct: param.number({ label: 'Base risk per trade', unit: '% of the bot capital lost at the stop', default: 1, min: 0.1, max: 10, step: 0.1 }),
  strongMultiplier: param.number({ label: 'Size × for a strong signal', default: 1.5, min: 0.1, max: 5, step: 0.1 }),
  mediumMultiplier: param.number({ label: 'Size × for a medium signal', default: 1.2, min: 0.1, max: 5, step: 0.1 }),
  mlHighConfidence: param.number({ label: 'ML confidence counts as high above', default: 0.7, min: 0, max: 1, step: 0.05 }),
  mlAgreeMultiplier: param.number({ label: 'Size × when ML agrees with high confidence', default: 1.1, min: 0.1, max: 5, step: 0.1 }),
  mlConflictMultiplier: param.number({ label: 'Size × when ML points the other way', default: 0.6, min: 0.1, max: 5, step: 0.1 }),
  stopLossPct: param.number({ label: 'Stop', unit: '% of premium', default: 50, min: 5, max: 100, step: 5 }),
  mlStopLossPct: param.number({ label: 'Stop when ML confidence is high', unit: '% of premium', default: 35, min: 5, max: 100, step: 5 }),
  trailFromPct: param.number({ label: 'Trailing stop from a gain of', unit: '%', default: 50, min: 5, max: 1000, step: 5 }),
  trailGivebackPct: param.number({
    label: 'Trailing stop gives back',
    unit: '% of the best premium',
    default: 20,
    min: 1,
    max: 90,
    step: 1,
    description: 'The rules set only where the trail starts: once active, the position is closed when the premium falls this far below its best.',
  }),
  timeStopMinutes: param.integer({ label: 'Time stop', unit: 'min', default: 30, min: 1, max: 375, step: 1 }),
  reversalMovePct: param.number({
    label: 'Reversal: a bar against the position of',
    unit: '%',
    default: 0.25,
    min: 0.05,
    max: 5,
    step: 0.05,
    description: 'Momentum has reversed when a move-timeframe bar goes this far against the position, or its MACD histogram turns against it.',
  }),
  reversalOnMacd: param.boolean({ label: 'Reversal: also when the MACD histogram turns against the position', default: true }),
  flatBy: param.time({
    label: 'Closed by',
    default: '15:20',
    min: '09:30',
    max: '15:29',
    description: 'Not in the rules: an intraday bot whose index stops ticking at 15:30 closes what it holds by this time.',
  }),
  product: param.choice(['MIS', 'NRML'], { label: 'Product', default: 'MIS', description: 'MIS: intraday, the broker squares off what is left.' }),
}).superRefine((p, ctx) => {
  if (p.rsiMin >= p.rsiMax) ctx.addIssue({ code: 'custom', path: ['rsiMax'], message: 'must be above the RSI minimum' });
  if (p.macdFast >= p.macdSlow) ctx.addIssue({ code: 'custom', path: ['macdSlow'], message: 'must be slower than the fast period' });
  if (p.mediumStrength > p.strongStrength) ctx.addIssue({ code: 'custom', path: ['strongStrength'], message: 'must not be below the medium strength' });
  if (p.mlStopLossPct > p.stopLossPct) ctx.addIssue({ code: 'custom', path: ['mlStopLossPct'], message: 'the ML stop is the tighter one: at most the normal stop' });
  if (minutesOf(p.flatBy) < 9 * 60 + 15 + p.skipOpenMinutes) ctx.addIssue({ code: 'custom', path: ['flatBy'], message: 'must come after the first entry time' });
});

export type RiderParams = ReturnType<typeof riderParams.parse>;
