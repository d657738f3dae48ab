import { minutesOf, param, paramsSchema } from '../contract/params.ts';
import { sellerParams } from '../sellers/seller-params.ts';

/** strategies.md "Short straddle": every number is a parameter with the documented default. */
export const straddleParams = paramsSchema({
  ...sellerParams,
  ivPercentileMin: param.number({ label: 'Enter when IV percentile is above', default: 72, min: 0, max: 99, step: 1 }),
  stopLossPct: param.number({ label: 'Stop loss', unit: '% of premium collected', default: 40, min: 5, max: 300, step: 5 }),
  targetPct: param.number({ label: 'Target', unit: '% of premium collected', default: 25, min: 5, max: 95, step: 5 }),
  deltaLimit: param.number({
    label: 'Adjust when net delta exceeds ±',
    unit: 'underlying units',
    default: 100,
    min: 5,
    max: 10_000,
    step: 5,
    description: 'Delta × quantity. One NIFTY lot of a straddle cannot exceed ±65: from 2 lots the adjustment can fire.',
  }),
  adjustWith: param.choice(['roll', 'futures'], {
    label: 'Adjust by',
    default: 'roll',
    description: 'roll: move the untested leg to the strike nearest spot (done as exit and re-entry); futures: hedge the delta with near-month futures.',
  }),
  maxDirectionStrength: param.number({ label: 'Skip when the ensemble direction strength exceeds', default: 0.7, min: 0, max: 1, step: 0.05 }),
  structureBreakBars: param.integer({ label: 'A structure break counts as fresh for', unit: 'bars', default: 3, min: 1, max: 50, step: 1 }),
  marginPctOfNotional: param.number({
    label: 'Margin estimate',
    unit: '% of notional',
    default: 12,
    min: 1,
    max: 60,
    step: 0.5,
    description: 'No broker margin quote is read: a short straddle is estimated at this share of spot × quantity.',
  }),
}).superRefine((p, ctx) => {
  if (minutesOf(p.entryStart) > minutesOf(p.entryEnd)) ctx.addIssue({ code: 'custom', path: ['entryEnd'], message: 'the entry window must end after it starts' });
  if (p.ivMinDays > p.ivLookbackDays) ctx.addIssue({ code: 'custom', path: ['ivMinDays'], message: 'cannot exceed the IV percentile window' });
});

export type StraddleParams = ReturnType<typeof straddleParams.parse>;
