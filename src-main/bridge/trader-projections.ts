import type { ActionResult, BookPayoff, StructurePayoff } from '#engine/trading/trader-actions';
import type { BookPayoffDto, PayoffDto, ShockTableDto, SubmitOutcomeDto } from '#contract/trading-dto';

type SubmitOutcome = Extract<ActionResult, { ok: true }>['value'];
type ShockTable = StructurePayoff['shock'];

/** Wire shapes of the trader's actions on the book: order ids written, payoff curves and shock tables. */
export const toSubmitOutcomeDto = (o: SubmitOutcome): SubmitOutcomeDto => ({ orders: [...o.orders], ...(o.structureId !== undefined ? { structureId: o.structureId } : {}) });

export const toShockTableDto = (t: ShockTable): ShockTableDto => ({ spotPcts: [...t.spotPcts], ivPoints: [...t.ivPoints], pnl: t.pnl.map((row) => [...row]) });

export const toBookPayoffDto = (p: BookPayoff): BookPayoffDto => ({
  underlying: p.payoff.underlying,
  spot: p.payoff.spot,
  points: p.payoff.points.map((x) => ({ spot: x.spot, atExpiry: x.atExpiry, now: x.now })),
  breakevens: [...p.payoff.breakevens],
  shock: toShockTableDto(p.shock),
  underlyings: [...p.underlyings],
});

export const toPayoffDto = (p: StructurePayoff): PayoffDto => ({
  structureId: p.structureId,
  underlying: p.payoff.underlying,
  spot: p.payoff.spot,
  points: p.payoff.points.map((x) => ({ spot: x.spot, atExpiry: x.atExpiry, now: x.now })),
  breakevens: [...p.payoff.breakevens],
  shock: toShockTableDto(p.shock),
});
