import { Underlying } from '#options/contract-specs';
import type { BotCalendar } from '../contract/context.ts';
import { param } from '../contract/params.ts';
import { playbook, playbookParams, type PlaybookView } from '../playbook.ts';
import type { DatedEntry } from '../contract/params.ts';

const UNDERLYINGS = Object.values(Underlying) as [Underlying, ...Underlying[]];

/** Parameters both option buyers share, spread into each bot's schema. */
export const buyerParams = {
  underlyings: param.set(UNDERLYINGS, { label: 'Underlyings', default: ['NIFTY', 'BANKNIFTY'] }),
  maxSpreadPct: param.number({
    label: 'Maximum bid-ask spread per leg',
    unit: '% of price',
    default: 2,
    min: 0.1,
    max: 20,
    step: 0.1,
    description: 'Not in the strategy rules: a guard against paying a wide ask. A leg quoted wider is not bought.',
  }),
  volumeMissing: param.choice(['not-applicable', 'block'], {
    label: 'When bars carry no volume',
    default: 'not-applicable',
    description:
      'An index trades no volume and the bot reads no futures series. not-applicable: volume rules are left out and every signal says so; block: no entry without volume.',
  }),
  flattenOnStop: param.boolean({ label: 'Close positions when the bot is stopped', default: true }),
  expiryExitTime: playbookParams.expiryExitTime,
  eventSizeFactor: playbookParams.eventSizeFactor,
  eventDays: playbookParams.eventDays,
};

export interface BuyerPlaybookParams {
  readonly expiryExitTime: string;
  readonly eventSizeFactor: number;
  readonly eventDays: readonly DatedEntry[];
}

/**
 * The playbook as a buyer reads it: the expiry-day exit time and the event-day size factor. A buyer opens
 * long premium only, so the short-premium entry cut-off does not apply (its rule is left at the close).
 */
export function buyerPlaybook(calendar: BotCalendar, underlying: Underlying, p: BuyerPlaybookParams): PlaybookView {
  return playbook(calendar, underlying, { expiryEntryCutoff: '15:30', expiryExitTime: p.expiryExitTime, eventSizeFactor: p.eventSizeFactor, eventDays: p.eventDays });
}
