import { err, ok, type Result } from '#core/result';
import type { InstrumentId } from '#model/ids';
import { bookPnl } from './check-context.ts';
import { EXIT_REASONS, evaluateRule, exitRequest, parseExitRule, scopePositions, type ExitReason, type ExitRule, type RuleState, type ScopeMark } from './exit-rules.ts';
import type { RiskLedger } from './ledger.ts';
import type { MarketView, RiskPortfolio, RiskPosition, RiskStateStore } from './ports.ts';

/** A fired rule whose positions are still open after this long is requested again (the first exit may have failed). */
export const REEMIT_MS = 5000;

export interface RiskMonitorDeps {
  readonly ledger: RiskLedger;
  readonly portfolio: RiskPortfolio;
  readonly market: MarketView;
  /** Exit rules and their trailing high-water marks survive a restart through it. */
  readonly store: RiskStateStore;
  /** Engine-clock time at construction, for the events of a restore. */
  readonly now: number;
}

export interface WatchedRule {
  readonly rule: ExitRule;
  readonly state: RuleState;
}

/**
 * The live monitor. On every tick it marks the book to market, hands the book P&L to the ledger (day
 * rollover, peaks, limit-driven state changes, flatten requests) and evaluates every declared stop,
 * target and trailing stop, emitting exit requests as events. It sends nothing itself.
 */
export interface RiskMonitor {
  /** Declares or replaces a rule (validated; persisted). */
  declare(spec: unknown, ts: number): Result<ExitRule, string>;
  remove(ruleId: string): void;
  rules(): readonly WatchedRule[];
  onTick(tick: { readonly instrumentId?: InstrumentId; readonly ts: number }): void;
}

function markScope(positions: readonly RiskPosition[], market: MarketView): ScopeMark | undefined {
  let pnl = 0;
  let premium = 0;
  for (const p of positions) {
    const mark = market.mark(p.instrument.id);
    if (mark === undefined || !Number.isFinite(mark)) return undefined;
    pnl += p.netQuantity * (mark - p.avgPrice);
    premium += Math.abs(p.netQuantity) * p.avgPrice;
  }
  return { positions, pnl, premium };
}

export function createRiskMonitor(deps: RiskMonitorDeps): RiskMonitor {
  const { ledger, store, market } = deps;
  const emit = ledger.events;
  const watched = new Map<string, { rule: ExitRule; state: RuleState; seenOpen: boolean }>();

  const loaded = store.loadExitRules();
  if (!loaded.ok) {
    emit.publish('risk', { kind: 'exit-rule-rejected', ruleId: '*', message: `stored exit rules could not be read: ${loaded.error.message}`, ts: deps.now });
  } else {
    for (const r of loaded.value) {
      const parsed = parseExitRule(r.spec);
      if (!parsed.ok) {
        emit.publish('risk', { kind: 'exit-rule-rejected', ruleId: r.id, message: `stored exit rule is invalid and is not watched: ${parsed.error}`, ts: deps.now });
        continue;
      }
      const reason = EXIT_REASONS.find((x) => x === r.firedReason);
      const fired = reason !== undefined && r.firedThreshold !== null ? { reason, threshold: r.firedThreshold } : null;
      watched.set(r.id, { rule: parsed.value, state: { highWater: r.highWater, triggeredAt: r.triggeredAt, fired }, seenOpen: false });
    }
  }

  const save = (rule: ExitRule, state: RuleState): void =>
    store.saveExitRule({
      id: rule.id,
      spec: rule,
      highWater: state.highWater,
      triggeredAt: state.triggeredAt,
      firedReason: state.fired?.reason ?? null,
      firedThreshold: state.fired?.threshold ?? null,
    });

  return {
    declare(spec, ts) {
      const parsed = parseExitRule(spec);
      if (!parsed.ok) {
        emit.publish('risk', { kind: 'exit-rule-rejected', ruleId: typeof spec === 'object' && spec !== null && 'id' in spec ? String(spec.id) : '?', message: parsed.error, ts });
        return err(parsed.error);
      }
      const state: RuleState = { highWater: null, triggeredAt: null, fired: null };
      watched.set(parsed.value.id, { rule: parsed.value, state, seenOpen: false });
      save(parsed.value, state);
      return ok(parsed.value);
    },

    remove(ruleId) {
      if (watched.delete(ruleId)) store.deleteExitRule(ruleId);
    },

    rules: () => [...watched.values()].map(({ rule, state }) => ({ rule, state })),

    onTick({ ts }) {
      const book = deps.portfolio.book();
      ledger.observe(bookPnl(book, market), ts);
      for (const [id, w] of watched) {
        const positions = scopePositions(w.rule, book.positions);
        if (positions.length === 0) {
          if (w.seenOpen) {
            watched.delete(id);
            store.deleteExitRule(id);
          }
          continue;
        }
        w.seenOpen = true;
        const mark = markScope(positions, market);
        if (!mark) continue;
        const decision = evaluateRule(w.rule, w.state, mark);
        const fired: { reason: ExitReason; threshold: number } | undefined = w.state.fired ?? decision.fired;
        const due = fired !== undefined && (w.state.triggeredAt === null || ts - w.state.triggeredAt >= REEMIT_MS);
        const changed = decision.state.highWater !== w.state.highWater;
        w.state = due ? { ...decision.state, triggeredAt: ts, fired: fired ?? null } : decision.state;
        if (due) {
          const working = book.openOrders.filter((o) => o.reduceOnly && (w.rule.botId === undefined || o.botId === w.rule.botId));
          emit.publish('risk', { kind: 'exit-requested', request: exitRequest(w.rule, mark, fired, working), ts });
        }
        if (due || changed) save(w.rule, w.state);
      }
    },
  };
}
