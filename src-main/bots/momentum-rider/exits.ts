import { minutesOf } from '../contract/params.ts';
import type { ExitRules } from '../buyers/buyer-loop.ts';
import { underlyingIndexId } from '#options/option-symbol';
import { momentumSpecs } from './entry.ts';
import type { RiderParams } from './params.ts';
import { barMovePct } from './primary.ts';
import type { RiderPosition, RiderState } from './state.ts';

/**
 * strategies.md: stop at −50 % of premium (−35 % when ML confidence was high at entry), a trailing stop
 * once the premium has gained 50 %, a 30-minute time stop, and an exit when momentum reverses (a
 * move-timeframe bar against the position, or its MACD histogram turning against it, after entry). Plus
 * the flat-by time. Marked at mid; when several fire the first in that order names the exit.
 */
export const riderExits: ExitRules<RiderPosition, RiderParams, RiderState> = (ctx, pos, marks) => {
  const p = ctx.params;
  const side = pos.direction === 'short' ? -1 : 1;
  const changePct = (marks.premium / pos.entryPremium - 1) * 100;
  const peakGainPct = (pos.peakPremium / pos.entryPremium - 1) * 100;
  const heldMinutes = (ctx.now - (pos.openedAt ?? pos.sentAt)) / 60_000;
  const index = underlyingIndexId(pos.underlying);
  const fresh = ctx.market(index).bars(p.signalTimeframe, 2).filter((b) => b.tsStart >= pos.sentAt);
  const move = fresh.length > 0 ? barMovePct(ctx.market(index).bars(p.signalTimeframe, 2)) : undefined;
  const macd = ctx.studies.indicator(index, p.signalTimeframe, momentumSpecs(p).macd);
  const hist = macd && macd.tsStart >= pos.sentAt ? macd.values.histogram : undefined;
  const turned = p.reversalOnMacd && hist !== undefined && Math.sign(hist) === -side && macd!.previous !== undefined && Math.sign(macd!.previous.histogram!) !== -side;
  const fired: { rule: string; reason: string }[] = [];
  if (ctx.calendar.minuteOfDay >= minutesOf(p.flatBy)) fired.push({ rule: 'flat-by', reason: `${p.flatBy}: the bot closes what it holds before the index stops at 15:30` });
  if (-changePct >= pos.stopPct) fired.push({ rule: 'stop', reason: `premium ${marks.premium.toFixed(2)} is down ${(-changePct).toFixed(1)} % from ${pos.entryPremium} (stop ${pos.stopPct} %)` });
  const trailLine = pos.peakPremium * (1 - p.trailGivebackPct / 100);
  if (peakGainPct >= p.trailFromPct && marks.premium <= trailLine) {
    fired.push({ rule: 'trailing-stop', reason: `premium ${marks.premium.toFixed(2)} is at or below ${trailLine.toFixed(2)}, ${p.trailGivebackPct} % under its best ${pos.peakPremium} (+${peakGainPct.toFixed(1)} %, trailing from +${p.trailFromPct} %)` });
  }
  if (heldMinutes >= p.timeStopMinutes) fired.push({ rule: 'time-stop', reason: `held ${heldMinutes.toFixed(0)} minutes (time stop ${p.timeStopMinutes})` });
  if (move !== undefined && side * move <= -p.reversalMovePct) {
    fired.push({ rule: 'reversal', reason: `momentum reversed: a ${p.signalTimeframe} move of ${move >= 0 ? '+' : ''}${move.toFixed(3)} % against the ${pos.direction} position (≥ ${p.reversalMovePct} %)` });
  } else if (turned) {
    fired.push({ rule: 'reversal', reason: `momentum reversed: the ${p.signalTimeframe} MACD histogram turned to ${hist! >= 0 ? '+' : ''}${hist!.toFixed(2)}, against the ${pos.direction} position` });
  }
  if (fired.length === 0) return { exit: undefined };
  const inputs = {
    entryPremium: pos.entryPremium,
    premium: Number(marks.premium.toFixed(2)),
    changePct: Number(changePct.toFixed(2)),
    peakPremium: pos.peakPremium,
    stopPct: pos.stopPct,
    heldMinutes: Number(heldMinutes.toFixed(1)),
    lastMovePct: move === undefined ? null : Number(move.toFixed(4)),
    macdHistogram: hist === undefined ? null : Number(hist.toFixed(4)),
  };
  return { exit: { rule: fired[0]!.rule, reason: fired.map((f) => f.reason).join('; ') }, inputs };
};
