import { minutesOf, param, paramsSchema } from '../contract/params.ts';
import { sellerParams } from '../sellers/seller-params.ts';

/** strategies.md "Iron condor": every number is a parameter with the documented default. */
export const condorParams = paramsSchema({
  ...sellerParams,
  ivPercentileMin: param.number({ label: 'Enter when IV percentile is above', default: 40, min: 0, max: 99, step: 1 }),
  ivPercentileMax: param.number({ label: '… and below', default: 70, min: 1, max: 100, step: 1 }),
  atrPctMax: param.number({ label: 'Range-bound: daily ATR(14) below', unit: '% of spot', default: 1, min: 0.1, max: 5, step: 0.05 }),
  narrowBandwidthPct: param.number({
    label: 'Range-bound: narrow daily Bollinger bandwidth below',
    unit: '%',
    default: 4,
    min: 0.5,
    max: 20,
    step: 0.25,
    description: 'The rules say "Bollinger inside Keltner or narrow bands" without a number for narrow: this is it.',
  }),
  minDaysToExpiry: param.integer({ label: 'Nearest expiry at least', unit: 'days away', default: 2, min: 0, max: 30, step: 1 }),
  shortDelta: param.number({ label: 'Short strikes at delta', default: 0.2, min: 0.05, max: 0.45, step: 0.01 }),
  wingDelta: param.number({ label: 'Long wings at delta', default: 0.1, min: 0.01, max: 0.4, step: 0.01 }),
  wingWidthMinPct: param.number({ label: 'Wing width at least', unit: '% of spot', default: 2, min: 0.1, max: 10, step: 0.1 }),
  wingWidthMaxPct: param.number({ label: 'Wing width at most', unit: '% of spot', default: 3, min: 0.1, max: 10, step: 0.1 }),
  takeProfitPct: param.number({ label: 'Take profit at', unit: '% of max profit', default: 50, min: 5, max: 95, step: 5 }),
  stopLossPct: param.number({ label: 'Stop at a loss of', unit: '% of credit', default: 100, min: 10, max: 400, step: 10 }),
  testedDelta: param.number({
    label: 'A side is tested when its short delta reaches',
    default: 0.35,
    min: 0.2,
    max: 0.9,
    step: 0.05,
    description: 'Then the untested side is rolled closer (to the short delta again), as exit and re-entry.',
  }),
  retestMarginDelta: param.number({
    label: 'After a roll, the side is tested anew once its delta has been below the line by',
    default: 0.05,
    min: 0,
    max: 0.2,
    step: 0.01,
    description: 'A roll leaves the tested short near the line: without a margin, a delta going 0.36 → 0.34 → 0.36 rolls the other side again each time.',
  }),
}).superRefine((p, ctx) => {
  if (minutesOf(p.entryStart) > minutesOf(p.entryEnd)) ctx.addIssue({ code: 'custom', path: ['entryEnd'], message: 'the entry window must end after it starts' });
  if (p.ivMinDays > p.ivLookbackDays) ctx.addIssue({ code: 'custom', path: ['ivMinDays'], message: 'cannot exceed the IV percentile window' });
  if (p.ivPercentileMin >= p.ivPercentileMax) ctx.addIssue({ code: 'custom', path: ['ivPercentileMax'], message: 'must be above the minimum' });
  if (p.wingDelta >= p.shortDelta) ctx.addIssue({ code: 'custom', path: ['wingDelta'], message: 'wings must be further out than the shorts (lower delta)' });
  if (p.wingWidthMinPct > p.wingWidthMaxPct) ctx.addIssue({ code: 'custom', path: ['wingWidthMaxPct'], message: 'must not be below the minimum width' });
});

export type CondorParams = ReturnType<typeof condorParams.parse>;
