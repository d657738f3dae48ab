import { err, ok, type Result } from '#core/result';
import { nseCalendar, type NseCalendar } from '#calendar/nse-calendar';
import { tableSpecs, type SpecSource } from '#options/contract-specs';
import { createCheckContext, type BookCheck, type CheckContext, type LegCheck } from './check-context.ts';
import { botCapitalCheck } from './checks/bot-capital.ts';
import { dailyLossCheck } from './checks/daily-loss.ts';
import { drawdownCheck } from './checks/drawdown.ts';
import { entryWindowCheck } from './checks/entry-window.ts';
import { greeksCheck } from './checks/greeks.ts';
import { lotLimitCheck } from './checks/lot-limit.ts';
import { marginCheck } from './checks/margin.ts';
import { marketHoursCheck } from './checks/market-hours.ts';
import { orderRateCheck } from './checks/order-rate.ts';
import { orderSizeCheck } from './checks/order-size.ts';
import { positionLimitCheck } from './checks/position-limit.ts';
import { priceBandCheck } from './checks/price-band.ts';
import { reduceOnlyCheck } from './checks/reduce-only.ts';
import { shockCheck } from './checks/shock.ts';
import { stackingCheck } from './checks/stacking.ts';
import { tradingStateCheck } from './checks/trading-state.ts';
import type { RiskLedger } from './ledger.ts';
import { createOrderRateWindow, type OrderRateWindow } from './order-rate-window.ts';
import type { MarginSource, MarketView, RiskPortfolio } from './ports.ts';
import type { OrderProposal, RiskGate, RiskRejection } from './pre-trade.ts';
import { createStructureApprovals } from './structure-approvals.ts';

/**
 * The checks in the order they run, cheapest first; the first refusal is the answer.
 *
 * Per order (and per leg of a structure):
 *   trading-state → reduce-only → market-hours → entry-window → order-size → price-band
 * Book-wide, on the book after the order (the whole structure at once), skipped when every order is
 * reduce-only (an exit is never refused for the exposure it removes) and for a leg of a structure
 * already accepted as a whole (structure-approvals.ts):
 *   daily-loss → drawdown → position-limit → lot-limit → bot-capital → margin → greeks → stacking → shock
 * Last, for a single order only (a structure's legs are paced one by one when sent):
 *   order-rate (retryable: it carries retryAfterMs)
 */
export const LEG_CHECKS: readonly LegCheck[] = [tradingStateCheck, reduceOnlyCheck, marketHoursCheck, entryWindowCheck, orderSizeCheck, priceBandCheck];
export const BOOK_CHECKS: readonly BookCheck[] = [
  dailyLossCheck,
  drawdownCheck,
  positionLimitCheck,
  lotLimitCheck,
  botCapitalCheck,
  marginCheck,
  greeksCheck,
  stackingCheck,
  shockCheck,
];

export interface RiskGateDeps {
  readonly ledger: RiskLedger;
  readonly portfolio: RiskPortfolio;
  readonly market: MarketView;
  readonly margin: MarginSource;
  /** Freeze quantities; pass `withLiveSpecs(…)` when OpenAlgo's master data is loaded. */
  readonly specs?: SpecSource;
  readonly calendar?: NseCalendar;
  /** Share one window with the limit-usage snapshot; a fresh one otherwise. */
  readonly rate?: OrderRateWindow;
  /** Book checks run after BOOK_CHECKS, for checks that need engine state (VaR scenarios, stress catalog). */
  readonly extraBookChecks?: readonly BookCheck[];
}

export function createRiskGate(deps: RiskGateDeps): RiskGate {
  const calendar = deps.calendar ?? nseCalendar();
  const specs = deps.specs ?? tableSpecs;
  const rate = deps.rate ?? createOrderRateWindow();
  const approvals = createStructureApprovals();

  const context = (proposals: readonly OrderProposal[], ts: number): CheckContext =>
    createCheckContext({
      ts,
      limits: deps.ledger.limits(),
      state: deps.ledger.state(),
      market: deps.market,
      margin: deps.margin,
      calendar,
      specs,
      rate,
      book: deps.portfolio.book(),
      proposals,
      figuresAt: (pnl) => deps.ledger.figures(pnl, ts),
    });

  const runLegChecks = (p: OrderProposal, ctx: CheckContext, legIndex?: number): Result<void, RiskRejection> => {
    for (const check of LEG_CHECKS) {
      const r = check(p, ctx);
      if (!r.ok) return legIndex === undefined ? r : err({ ...r.error, legIndex });
    }
    return ok(undefined);
  };

  const runBookChecks = (ctx: CheckContext): Result<void, RiskRejection> => {
    for (const check of [...BOOK_CHECKS, ...(deps.extraBookChecks ?? [])]) {
      const r = check(ctx);
      if (!r.ok) return r;
    }
    return ok(undefined);
  };

  const emit = deps.ledger.events;

  return {
    check(p) {
      const ctx = context([p], p.ts);
      const decide = (): Result<void, RiskRejection> => {
        const leg = runLegChecks(p, ctx);
        if (!leg.ok) return leg;
        if (!p.reduceOnly && !approvals.covers(p, ctx.book)) {
          const book = runBookChecks(ctx);
          if (!book.ok) return book;
        }
        return orderRateCheck(p, ctx);
      };
      const result = decide();
      emit.publish('risk', { kind: 'order-checked', proposal: p, ...(result.ok ? {} : { rejection: result.error }), ts: p.ts });
      return result;
    },

    checkStructure(s) {
      const decide = (): Result<void, RiskRejection> => {
        if (s.legs.length === 0) return err({ check: 'order-size', reason: 'A structure needs at least one leg.' });
        const ctx = context(s.legs, s.ts);
        for (const [i, leg] of s.legs.entries()) {
          if (s.botId !== undefined && leg.botId !== s.botId) {
            return err({ check: 'order-size', reason: `Leg ${i + 1} belongs to ${leg.botId ?? 'the trader'}, not to bot ${s.botId}.`, legIndex: i });
          }
          const r = runLegChecks(leg, ctx, i);
          if (!r.ok) return r;
        }
        if (s.legs.some((l) => !l.reduceOnly)) {
          const book = runBookChecks(ctx);
          if (!book.ok) return book;
        }
        const id = s.structureId ?? s.legs[0]?.structureId;
        if (id !== undefined) approvals.approve(id, s.legs, s.ts);
        return ok(undefined);
      };
      const result = decide();
      emit.publish('risk', { kind: 'structure-checked', structure: s, ...(result.ok ? {} : { rejection: result.error }), ts: s.ts });
      return result;
    },

    recordSent(p) {
      rate.record(p.ts);
    },

    sendDelay: (ts) => rate.waitFor(ts, deps.ledger.limits().orderRate.maxPerSecond),
  };
}
