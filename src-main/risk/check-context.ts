import { err, ok, type Result } from '#core/result';
import type { RiskConfig } from '#config/risk-schema';
import type { NseCalendar } from '#calendar/nse-calendar';
import type { BotId } from '#model/ids';
import type { SpecSource } from '#options/contract-specs';
import type { LossFigures } from './loss-figures.ts';
import type { OrderRateWindow } from './order-rate-window.ts';
import type { MarginSource, MarketView, RiskBook } from './ports.ts';
import type { OrderProposal, RiskCheckName, RiskRejection } from './pre-trade.ts';
import type { StateValue } from './trading-state.ts';
import { valueLegs, type BookLeg, type ValuationError, type ValuedLeg } from './valuation.ts';

/**
 * Everything one decision looks at, computed at most once per decision: the book is read once, and the
 * before/after valuations are shared by the margin, Greeks, stacking and shock checks.
 */
export interface CheckContext {
  readonly ts: number;
  readonly limits: RiskConfig;
  readonly state: StateValue;
  readonly market: MarketView;
  readonly margin: MarginSource;
  readonly calendar: NseCalendar;
  readonly specs: SpecSource;
  readonly rate: OrderRateWindow;
  readonly book: RiskBook;
  /** The order, or every leg of the structure. */
  readonly proposals: readonly OrderProposal[];
  /** Book P&L now: realised − charges + marked-to-market (unmarked legs at their average price). */
  readonly pnl: number;
  figures(): LossFigures;
  /** Positions plus opening orders still working. */
  beforeLegs(): readonly BookLeg[];
  /** …plus the proposal. */
  afterLegs(): readonly BookLeg[];
  before(): Result<readonly ValuedLeg[], ValuationError>;
  after(): Result<readonly ValuedLeg[], ValuationError>;
}

export type LegCheck = (proposal: OrderProposal, ctx: CheckContext) => Result<void, RiskRejection>;
export type BookCheck = (ctx: CheckContext) => Result<void, RiskRejection>;

export const pass: Result<void, RiskRejection> = ok(undefined);
export const refuse = (r: RiskRejection): Result<void, RiskRejection> => err(r);

/** The book valued before and after the proposal, or the check's refusal naming the leg that has no price. */
export function valuedBook(ctx: CheckContext, check: RiskCheckName, what: string): Result<{ before: readonly ValuedLeg[]; after: readonly ValuedLeg[] }, RiskRejection> {
  const before = ctx.before();
  if (!before.ok) return err({ check, reason: `${what} cannot be computed: ${before.error.message}.` });
  const after = ctx.after();
  if (!after.ok) return err({ check, reason: `${what} cannot be computed: ${after.error.message}.` });
  return ok({ before: before.value, after: after.value });
}

export function signedQuantity(p: { readonly side: 'BUY' | 'SELL'; readonly quantity: number }): number {
  return p.side === 'BUY' ? p.quantity : -p.quantity;
}

export function bookLegsOf(book: RiskBook, market: MarketView): BookLeg[] {
  const legs: BookLeg[] = [];
  for (const p of book.positions) {
    if (p.netQuantity === 0) continue;
    legs.push({ instrument: p.instrument, botId: p.botId, structureId: p.structureId, quantity: p.netQuantity, mark: market.mark(p.instrument.id) ?? Number.NaN });
  }
  // Working opening orders count as filled (they may fill any moment); working exits do not count.
  for (const o of book.openOrders) {
    if (o.reduceOnly || o.remainingQuantity <= 0) continue;
    const mark = market.mark(o.instrument.id) ?? o.limitPrice ?? Number.NaN;
    legs.push({ instrument: o.instrument, botId: o.botId, structureId: o.structureId, quantity: o.side === 'BUY' ? o.remainingQuantity : -o.remainingQuantity, mark });
  }
  return legs;
}

export function proposalLegsOf(proposals: readonly OrderProposal[]): BookLeg[] {
  return proposals.map((p) => ({ instrument: p.instrument, botId: p.botId, structureId: p.structureId, quantity: signedQuantity(p), mark: p.referencePrice }));
}

/** Book P&L from the book and the market: unmarked positions count at their average price (no move). */
export function bookPnl(book: RiskBook, market: MarketView): number {
  let unrealised = 0;
  for (const p of book.positions) {
    const mark = market.mark(p.instrument.id);
    if (mark !== undefined && Number.isFinite(mark)) unrealised += p.netQuantity * (mark - p.avgPrice);
  }
  return book.realisedPnl - book.charges + unrealised;
}

export function legsOfBot(legs: readonly BookLeg[], botId: BotId | undefined): BookLeg[] {
  return legs.filter((l) => l.botId === botId);
}

export function money(v: number): string {
  const sign = v < 0 ? '−' : '';
  return `${sign}₹${Math.abs(v).toLocaleString('en-IN', { maximumFractionDigits: 0 })}`;
}

export interface ContextInputs {
  readonly ts: number;
  readonly limits: RiskConfig;
  readonly state: StateValue;
  readonly market: MarketView;
  readonly margin: MarginSource;
  readonly calendar: NseCalendar;
  readonly specs: SpecSource;
  readonly rate: OrderRateWindow;
  readonly book: RiskBook;
  readonly proposals: readonly OrderProposal[];
  readonly figuresAt: (pnl: number) => LossFigures;
}

export function createCheckContext(i: ContextInputs): CheckContext {
  const pnl = bookPnl(i.book, i.market);
  let figures: LossFigures | undefined;
  let beforeLegs: BookLeg[] | undefined;
  let afterLegs: BookLeg[] | undefined;
  let before: Result<readonly ValuedLeg[], ValuationError> | undefined;
  let after: Result<readonly ValuedLeg[], ValuationError> | undefined;
  const ctx: CheckContext = {
    ts: i.ts,
    limits: i.limits,
    state: i.state,
    market: i.market,
    margin: i.margin,
    calendar: i.calendar,
    specs: i.specs,
    rate: i.rate,
    book: i.book,
    proposals: i.proposals,
    pnl,
    figures: () => (figures ??= i.figuresAt(pnl)),
    beforeLegs: () => (beforeLegs ??= bookLegsOf(i.book, i.market)),
    afterLegs: () => (afterLegs ??= [...ctx.beforeLegs(), ...proposalLegsOf(i.proposals)]),
    before: () => (before ??= valueLegs(ctx.beforeLegs(), i.market, i.limits.rate, i.ts)),
    after: () => {
      if (after) return after;
      const b = ctx.before();
      if (!b.ok) return (after = b);
      const p = valueLegs(proposalLegsOf(i.proposals), i.market, i.limits.rate, i.ts);
      return (after = p.ok ? ok([...b.value, ...p.value]) : p);
    },
  };
  return ctx;
}
