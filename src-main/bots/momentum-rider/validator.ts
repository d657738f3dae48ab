import { istParts } from '#core/time-ist';
import type { SignalDirection } from '#model/signal';
import type { Underlying } from '#options/contract-specs';
import type { BotContext } from '../contract/context.ts';
import { minutesOf } from '../contract/params.ts';
import type { Gate } from '../signals/pipeline.ts';
import type { ValidatorRules } from '../signals/validator.ts';
import type { RiderParams } from './params.ts';
import type { RiderPosition } from './state.ts';

const hhmm = (minute: number): string => `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

/**
 * strategies.md's momentum validator: not in the first or last 15 minutes of the session (the index's,
 * the equity session: the move is measured on it), India VIX below 30, fewer than 2 similar open
 * positions (same underlying and direction); plus the bot's position cap and its flat-by time.
 */
export function riderValidator<S>(
  ctx: BotContext<RiderParams, S>,
  o: { readonly underlying: Underlying; readonly direction: SignalDirection; readonly vix: number | undefined; readonly positions: readonly RiderPosition[] },
): Gate[] {
  const p = ctx.params;
  const gates: Gate[] = [];
  const session = ctx.calendar.nse.sessionOn(ctx.calendar.today, 'equity');
  if (!session) gates.push({ name: 'session', passed: false, reason: `${ctx.calendar.today} has no equity session` });
  else {
    const from = istParts(session.open).minuteOfDay + p.skipOpenMinutes;
    const to = Math.min(istParts(session.close).minuteOfDay - p.skipCloseMinutes, minutesOf(p.flatBy) - 1);
    const now = ctx.calendar.minuteOfDay;
    const passed = now >= from && now <= to;
    gates.push({ name: 'session', passed, reason: `${hhmm(now)} ${passed ? 'inside' : 'outside'} the entry window ${hhmm(from)}–${hhmm(to)} (not the first ${p.skipOpenMinutes} or last ${p.skipCloseMinutes} minutes, before ${p.flatBy})` });
  }
  gates.push(
    o.vix === undefined
      ? { name: 'vix', passed: false, reason: `India VIX unknown: VIX < ${p.maxVix} cannot be checked` }
      : { name: 'vix', passed: o.vix < p.maxVix, reason: `India VIX ${o.vix.toFixed(2)} ${o.vix < p.maxVix ? '<' : '≥'} ${p.maxVix}` },
  );
  const active = o.positions.filter((x) => x.phase !== 'exiting');
  const similar = active.filter((x) => x.underlying === o.underlying && x.direction === o.direction).length;
  gates.push({ name: 'similar', passed: similar < p.maxSimilarPositions, reason: `${similar} similar open position(s) (${o.underlying} ${o.direction}), fewer than ${p.maxSimilarPositions} allowed` });
  gates.push({ name: 'positions', passed: active.length < ctx.capital.maxPositions, reason: `${active.length} position(s) open, at most ${ctx.capital.maxPositions}` });
  return gates;
}

/** The regime validator's thresholds, from the parameters. */
export function validatorRules(p: RiderParams): ValidatorRules {
  return {
    minCombined: p.minCombinedScore,
    byRegime: {
      volatile: { consensus: p.volatileConsensus, mlConfidence: p.volatileMlConfidence, confirmation: p.volatileConfirmation },
      trending: { consensus: p.trendingConsensus, mlConfidence: p.trendingMlConfidence, confirmation: p.trendingConfirmation },
      ranging: { consensus: p.rangingConsensus, mlConfidence: p.rangingMlConfidence, confirmation: p.rangingConfirmation },
    },
  };
}
