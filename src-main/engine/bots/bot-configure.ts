import type { Clock } from '#core/clock';
import { ok, type Result } from '#core/result';
import type { TradingMode } from '#config/schema';
import type { BotId } from '#model/ids';
import type { InstrumentLookup } from '#execution/instruments';
import type { BotBooks } from './bot-books.ts';
import { checkChange } from './bot-config.ts';
import type { BotHost } from './bot-host.ts';
import type { BotRunner } from './bot-runner.ts';
import { applyPatch } from './bot-settings.ts';
import { paramsView, type BotError, type BotParamsView } from './bot-view.ts';

export interface ConfigureDeps {
  readonly clock: Clock;
  readonly host: BotHost;
  readonly books: BotBooks;
  readonly instruments: InstrumentLookup;
  readonly mode: TradingMode;
  readonly riskCapital: (id: BotId) => number;
}

/**
 * A trader's change to a bot's settings: checked, audited, written and published. Parameters wait for the
 * bot's next evaluation with none of its orders or structures in flight; the rest applies at once.
 */
export function createBotConfigurator(deps: ConfigureDeps) {
  const { clock, host, books, mode, riskCapital } = deps;

  /** A waiting parameter change takes effect once none of the bot's orders or structures is in flight. */
  function applyPending(r: BotRunner): void {
    if (!r.pending) return;
    const book = books.book(r.botId, r.settings.allocation, clock.now());
    const busy = book.openOrders.length > 0 || book.structures.some((s) => s.status === 'pending' || s.status === 'entering' || s.status === 'exiting' || s.status === 'unwinding');
    if (busy) return;
    const { params, requestedAt } = r.pending;
    r.pending = undefined;
    const next = applyPatch(r.def, r.settings, { params }, { mode, riskCapital: riskCapital(r.botId) });
    if (!next.ok) {
      host.audit('config-change', 'engine', r, { section: 'bot', dropped: next.error.message, requestedAt });
      return;
    }
    r.setParams(next.value.settings, next.value.params);
    host.require(r);
    host.audit('config-change', 'engine', r, { section: 'bot', applied: next.value.settings.params, requestedAt });
  }

  /** Checks the change, and makes it when `commit`. */
  function configure(id: string, raw: unknown, commit: boolean): Result<BotParamsView, BotError> {
    const found = host.find(id);
    if (!found.ok) return found;
    const r = found.value;
    const max = riskCapital(r.botId);
    const change = checkChange(r, raw, { mode, riskCapital: max, books, instruments: deps.instruments });
    if (!change.ok) {
      if (commit) host.audit('config-change', 'trader', r, { section: 'bot', change: raw, refused: change.error.message });
      return change;
    }
    const { settings, params, deferred } = change.value;
    if (!commit) return ok({ ...paramsView(r, max), values: settings.params, allocation: settings.allocation, execution: settings.execution, regimes: settings.regimes });
    if (deferred) {
      r.settings = { ...settings, params: r.settings.params };
      r.pending = { params: settings.params, requestedAt: clock.now() };
    } else {
      r.setParams(settings, params);
      r.pending = undefined;
      if (r.active) host.require(r);
    }
    host.audit('config-change', 'trader', r, { section: 'bot', change: raw, ...(deferred ? { takesEffect: 'at the next evaluation with nothing in flight' } : {}) });
    host.save(r);
    host.publish(r);
    return ok(paramsView(r, max));
  }

  return { applyPending, configure };
}
