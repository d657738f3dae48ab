import { minutesOf, param, paramsSchema } from '../contract/params.ts';
import { buyerParams } from '../buyers/buyer-params.ts';

/** strategies.md "Volatility expander (option buying)": every number is a parameter with the documented default. */
export const expanderParams = paramsSchema({
  ...buyerParams,
  entryStart: param.time({ label: 'Entry window from', default: '09:30', min: '09:15', max: '15:30' }),
  entryEnd: param.time({ label: 'Entry window to', default: '15:00', min: '09:15', max: '15:30' }),
  checkEveryMinutes: param.integer({ label: 'Setup check every', unit: 'min', default: 15, min: 1, max: 120, step: 1 }),
  ivLookbackDays: param.integer({ label: 'IV percentile and rank window', unit: 'days', default: 252, min: 20, max: 504, step: 1 }),
  ivMinDays: param.integer({
    label: 'IV history needed at least',
    unit: 'days',
    default: 20,
    min: 5,
    max: 504,
    step: 1,
    description: 'With less history than the window both are taken over what there is (and the signal says so); below this no entry.',
  }),
  ivPercentileMax: param.number({ label: 'Setup: IV percentile below', default: 30, min: 1, max: 100, step: 1 }),
  ivRankMax: param.number({ label: 'Setup: IV rank below', default: 20, min: 1, max: 100, step: 1 }),
  setupTimeframe: param.choice(['15m', '30m', '60m', '1d'], {
    label: 'Compression timeframe',
    default: '60m',
    description:
      'Bars the Bollinger, Keltner and ATR compression filters read. On daily bars an index almost never has Bollinger bands 1 % wide; on hourly bars that is a tight three-day range.',
  }),
  bbPeriod: param.integer({ label: 'Bollinger period', unit: 'bars', default: 20, min: 5, max: 100, step: 1 }),
  bbK: param.number({ label: 'Bollinger width', unit: 'standard deviations', default: 2, min: 0.5, max: 4, step: 0.1 }),
  bandwidthMaxPct: param.number({ label: 'Setup: Bollinger bandwidth below', unit: '% of price', default: 1, min: 0.05, max: 20, step: 0.05 }),
  kcPeriod: param.integer({ label: 'Keltner period (squeeze)', unit: 'bars', default: 20, min: 5, max: 100, step: 1 }),
  kcAtrPeriod: param.integer({ label: 'Keltner ATR period (squeeze)', unit: 'bars', default: 20, min: 2, max: 100, step: 1 }),
  kcK: param.number({ label: 'Keltner width (squeeze)', unit: '× ATR', default: 1.5, min: 0.5, max: 4, step: 0.1 }),
  atrPeriod: param.integer({ label: 'ATR period', unit: 'bars', default: 14, min: 2, max: 100, step: 1 }),
  atrMaxPct: param.number({ label: 'Setup: ATR below', unit: '% of price', default: 0.5, min: 0.01, max: 10, step: 0.01 }),
  volumeShortDays: param.integer({ label: 'Volume: recent days', unit: 'days', default: 3, min: 1, max: 20, step: 1 }),
  volumeLongDays: param.integer({ label: 'Volume: baseline days', unit: 'days', default: 20, min: 5, max: 120, step: 1 }),
  volumeRatioMaxPct: param.number({ label: 'Setup: recent daily volume below', unit: '% of the baseline', default: 50, min: 1, max: 200, step: 1 }),
  accumulationBars: param.integer({
    label: 'Accumulation window',
    unit: 'compression bars',
    default: 10,
    min: 2,
    max: 100,
    step: 1,
    description: 'Chaikin money flow over these bars: accumulation above the threshold, distribution below its negative.',
  }),
  moneyFlowThreshold: param.number({ label: 'Accumulation / distribution when money flow beyond ±', default: 0.05, min: 0, max: 1, step: 0.01 }),
  minDaysToExpiry: param.number({ label: 'Expiry at least', unit: 'days away', default: 15, min: 1, max: 90, step: 1 }),
  maxDaysToExpiry: param.number({ label: 'Expiry at most', unit: 'days away', default: 25, min: 1, max: 120, step: 1 }),
  strikePreference: param.choice(['atm', 'otm1'], {
    label: 'Calls and puts: prefer',
    default: 'atm',
    description: 'ATM or one strike out of the money; the other is taken when only it meets the vega and theta aims. A straddle is always ATM.',
  }),
  minVega: param.number({ label: 'Aim: vega above', unit: '₹ per vol point per unit', default: 0.5, min: 0, max: 1000, step: 0.1 }),
  minTheta: param.number({ label: 'Aim: theta above', unit: '₹ per day per unit', default: -0.3, min: -1000, max: 0, step: 0.1 }),
  greekAims: param.choice(['prefer', 'require'], {
    label: 'Vega and theta aims',
    default: 'prefer',
    description:
      'prefer: pick the strike that meets them, else take the preferred strike and say which aim it misses; require: no entry unless met. Index options 15–25 days out decay by rupees a day per unit, so theta > −0.3 per unit is rarely met.',
  }),
  ivExpansionPct: param.number({ label: 'Exit: IV up from entry by', unit: '%', default: 50, min: 5, max: 500, step: 5 }),
  targetPct: param.number({ label: 'Exit: premium up by', unit: '%', default: 100, min: 5, max: 1000, step: 5 }),
  stopLossPct: param.number({ label: 'Exit: premium down by', unit: '%', default: 50, min: 5, max: 100, step: 5 }),
  exitDaysToExpiry: param.number({ label: 'Exit when fewer days to expiry than', unit: 'days', default: 5, min: 0, max: 60, step: 1 }),
  maxPositions: param.integer({ label: 'Concurrent positions at most', default: 4, min: 1, max: 50, step: 1 }),
  capitalPerTradePct: param.number({ label: 'Premium per trade', unit: '% of the bot capital', default: 1, min: 0.1, max: 20, step: 0.1 }),
  maxDeployedPerDayPct: param.number({ label: 'Premium deployed per day at most', unit: '% of the bot capital', default: 5, min: 0.1, max: 100, step: 0.1 }),
  product: param.choice(['NRML', 'MIS'], { label: 'Product', default: 'NRML', description: 'NRML: the positions are held for days.' }),
  signalTimeframe: param.choice(['3m', '5m', '15m'], { label: 'Indicator and price-action timeframe (shown in the signal)', default: '5m' }),
}).superRefine((p, ctx) => {
  if (minutesOf(p.entryStart) > minutesOf(p.entryEnd)) ctx.addIssue({ code: 'custom', path: ['entryEnd'], message: 'the entry window must end after it starts' });
  if (p.ivMinDays > p.ivLookbackDays) ctx.addIssue({ code: 'custom', path: ['ivMinDays'], message: 'cannot exceed the IV window' });
  if (p.minDaysToExpiry > p.maxDaysToExpiry) ctx.addIssue({ code: 'custom', path: ['maxDaysToExpiry'], message: 'must not be below the minimum' });
  if (p.volumeShortDays >= p.volumeLongDays) ctx.addIssue({ code: 'custom', path: ['volumeLongDays'], message: 'the baseline must be longer than the recent days' });
  if (p.exitDaysToExpiry >= p.minDaysToExpiry) ctx.addIssue({ code: 'custom', path: ['exitDaysToExpiry'], message: 'must be below the minimum days to expiry at entry' });
});

export type ExpanderParams = ReturnType<typeof expanderParams.parse>;
