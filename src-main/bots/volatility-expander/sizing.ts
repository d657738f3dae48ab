import type { CapitalView } from '../contract/context.ts';
import { sizedLots, type PlaybookView } from '../playbook.ts';
import type { Gate } from '../signals/pipeline.ts';
import { rupees } from '../common/rupees.ts';

export interface PremiumBudget {
  /** Premium per trade, % of the bot's capital (strategies.md: 1 %). */
  readonly perTradePct: number;
  /** Premium sent per day, % of the bot's capital (strategies.md: at most 5 %). */
  readonly perDayPct: number;
  /** Premium already sent today, rupees. */
  readonly deployedToday: number;
}

export interface Sizing {
  readonly lots: number;
  readonly gate: Gate;
  readonly notes: string[];
}


/**
 * Whole lots an option buyer may pay for: the per-trade budget first, then the event-day factor, the
 * bot's lot cap, what is left of today's budget, and the funds free in its allocation (and at the broker,
 * when known). The premium paid is the most a long option can lose, so it is the amount at risk.
 */
export function premiumLots(costPerLot: number, budget: PremiumBudget, capital: CapitalView, view: Pick<PlaybookView, 'event' | 'sizeFactor'>): Sizing {
  const notes: string[] = [];
  const perTrade = (capital.allocation * budget.perTradePct) / 100;
  const perDay = (capital.allocation * budget.perDayPct) / 100;
  const leftToday = Math.max(0, perDay - budget.deployedToday);
  const free = Math.min(capital.allocation - capital.deployed, capital.availableFunds ?? Infinity);
  const byTrade = Math.floor(perTrade / costPerLot + 1e-9);
  const event = sizedLots(byTrade, view);
  if (event.note) notes.push(event.note);
  const limits: { what: string; lots: number }[] = [
    { what: `the bot's maximum of ${capital.maxLots} lots`, lots: capital.maxLots },
    { what: `${rupees(leftToday)} left of today's ${budget.perDayPct} % (${rupees(perDay)})`, lots: Math.floor(leftToday / costPerLot + 1e-9) },
    { what: `${rupees(free)} free${capital.availableFunds === undefined ? ' in the allocation' : ' (allocation and broker funds)'}`, lots: Math.floor(Math.max(0, free) / costPerLot + 1e-9) },
  ];
  let lots = event.lots;
  for (const l of limits) {
    if (l.lots < lots) {
      notes.push(`lots cut from ${lots} to ${l.lots}: ${l.what}`);
      lots = l.lots;
    }
  }
  const basis = `${budget.perTradePct} % of ${rupees(capital.allocation)} = ${rupees(perTrade)} at ${rupees(costPerLot)} a lot`;
  if (lots >= 1) return { lots, notes, gate: { name: 'size', passed: true, reason: `${lots} lot(s): ${basis}` } };
  const why = byTrade < 1 ? `one lot costs more than ${basis.replace(/ at .*/, '')}` : event.lots < 1 ? (event.note ?? 'event day') : notes.at(-1)!;
  return { lots: 0, notes, gate: { name: 'size', passed: false, reason: `no whole lot affordable: ${why} (${rupees(costPerLot)} a lot)` } };
}
