import { Underlying } from '#options/contract-specs';
import { param } from '../contract/params.ts';
import { playbookParams } from '../playbook.ts';

const UNDERLYINGS = Object.values(Underlying) as [Underlying, ...Underlying[]];

/** Parameters both option sellers share (strategies.md defaults), spread into each bot's schema. */
export const sellerParams = {
  underlyings: param.set(UNDERLYINGS, { label: 'Underlyings', default: ['NIFTY', 'BANKNIFTY'] }),
  entryStart: param.time({ label: 'Entry window from', default: '09:30', min: '09:15', max: '15:30' }),
  entryEnd: param.time({ label: 'Entry window to', default: '14:30', min: '09:15', max: '15:30' }),
  checkEveryMinutes: param.integer({ label: 'Entry check every', unit: 'min', default: 5, min: 1, max: 60, step: 1 }),
  lots: param.integer({ label: 'Lots per entry', default: 1, min: 1, max: 50, step: 1 }),
  ivLookbackDays: param.integer({ label: 'IV percentile window', unit: 'days', default: 252, min: 20, max: 504, step: 1 }),
  ivMinDays: param.integer({
    label: 'IV percentile minimum history',
    unit: 'days',
    default: 20,
    min: 5,
    max: 504,
    step: 1,
    description: 'With less history than the window the percentile is taken over what there is (and the signal says so); below this no entry.',
  }),
  minOi: param.integer({ label: 'Minimum open interest per leg', default: 5_000, min: 0, max: 10_000_000, step: 500 }),
  maxSpreadPct: param.number({ label: 'Maximum bid-ask spread', unit: '% of price', default: 2, min: 0.1, max: 20, step: 0.1 }),
  oiMissing: param.choice(['block', 'ignore'], {
    label: 'When the broker sends no OI',
    default: 'block',
    description: 'block: no entry (the OI rule cannot be checked); ignore: trade on the spread rule alone, said in every signal.',
  }),
  signalTimeframe: param.choice(['3m', '5m', '15m'], { label: 'Indicator and price-action timeframe', default: '5m' }),
  product: param.choice(['NRML', 'MIS'], { label: 'Product', default: 'NRML', description: 'NRML carries positions overnight; MIS is squared off by the broker intraday.' }),
  maxAdjustments: param.integer({ label: 'Adjustments per position', default: 2, min: 0, max: 10, step: 1 }),
  flattenOnStop: param.boolean({ label: 'Close positions when the bot is stopped', default: true }),
  ...playbookParams,
};
