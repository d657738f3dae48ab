import { Bus } from '#core/bus';
import { err, ok, type Result } from '#core/result';
import type { RiskConfig } from '#config/risk-schema';
import { nseCalendar, type NseCalendar } from '#calendar/nse-calendar';
import { breachesOf, lossFigures, type Breach, type LossFigures, type PnlMarks } from './loss-figures.ts';
import { TradingState, type PersistedRiskState, type RiskStateStore } from './ports.ts';
import { riskDayKeys } from './risk-day.ts';
import type { RiskActor, RiskEvent, RiskEventTopics } from './risk-events.ts';
import { applyTrigger, type StateTrigger, type StateValue } from './trading-state.ts';

/** A peak or last-P&L change is written at most this often by default; state, day and limit changes at once. */
const PERSIST_EVERY_MS = 1000;

export interface RiskLedgerDeps {
  readonly store: RiskStateStore;
  /** The limits from config.json; they win over the stored ones, and a difference is reported. */
  readonly limits: RiskConfig;
  /** Engine-clock time at construction, epoch ms. */
  readonly now: number;
  readonly calendar?: NseCalendar;
  /** Subscribe (the audit trail) before constructing: a restore reports what it found at once. */
  readonly events?: Bus<RiskEventTopics>;
  /**
   * How often, engine-clock ms, a peak or last-P&L change alone is written (default 1000: a restart loses
   * at most a second of peaks). State, day and limit changes and `flush` write at once whatever this is;
   * `Infinity` writes only those (a backtest, whose scratch store no restart ever reads back).
   */
  readonly persistEveryMs?: number;
}

export type ResumeError = { readonly kind: 'limit-breached'; readonly breaches: readonly Breach[]; readonly message: string };

/**
 * The risk layer's memory: trading state, the day's P&L marks and the limits in force, persisted
 * through the RiskStateStore so a restart neither forgets a halt nor resets the day's loss. The monitor
 * feeds it the book P&L on every tick; the gate reads it; the trader and the kill switch command it.
 */
export interface RiskLedger {
  readonly events: Bus<RiskEventTopics>;
  limits(): RiskConfig;
  state(): StateValue;
  /** The day's figures at book P&L `pnl` and time `ts` (a pending day change is applied, not stored). */
  figures(pnl: number, ts: number): LossFigures;
  /** Records the book P&L: rolls the day over, tracks peaks and moves the state on limit breaches. */
  observe(pnl: number, ts: number): void;
  setLimits(limits: RiskConfig, actor: RiskActor, ts: number): void;
  /** The trader tightens the state (reducing or halted). */
  restrict(to: 'reducing' | 'halted', reason: string, ts: number): void;
  /** The kill switch: halted until the trader resumes, whatever the day. */
  kill(reason: string, ts: number): void;
  /** Back to active, refused while a loss limit is breached at `pnl`. */
  resume(pnl: number, reason: string, ts: number): Result<void, ResumeError>;
  /** Writes the current state now (on shutdown). */
  flush(ts: number): void;
}

export function createRiskLedger(deps: RiskLedgerDeps): RiskLedger {
  const dayKeyOf = riskDayKeys(deps.calendar ?? nseCalendar());
  const events = deps.events ?? new Bus<RiskEventTopics>();
  const emit = (e: RiskEvent): void => events.publish('risk', e);

  let limits = deps.limits;
  let marks: PnlMarks | undefined;
  let value: StateValue = { state: TradingState.active, cause: null, since: deps.now };
  let lastWrite = Number.NEGATIVE_INFINITY;
  const persistEveryMs = deps.persistEveryMs ?? PERSIST_EVERY_MS;
  /** Something changed that must be written with the next observation, whatever the throttle. */
  let forceNext = false;
  /** The marks moved since the last write: an unchanged P&L is not written again (the monitor observes every tick). */
  let dirty = false;
  /** The last observation breached no limit: an unchanged P&L on the same day, under the same limits, breaches none either. */
  let quiet = false;
  const breachedToday = new Set<string>();

  const loaded = deps.store.load();
  if (!loaded.ok) {
    const t = applyTrigger(value, { kind: 'state-unreadable', message: loaded.error.message }, deps.now);
    if (t) {
      value = t.to;
      emit({ kind: 'trading-state-changed', actor: 'risk', transition: t, reason: `the stored risk state could not be read (${loaded.error.message}): halted until the trader resumes`, ts: deps.now });
    }
  } else if (loaded.value) {
    const s = loaded.value;
    marks = { dayKey: s.dayKey, dayStartPnl: s.dayStartPnl, dayPeakPnl: s.dayPeakPnl, overallPeakPnl: s.overallPeakPnl, lastPnl: s.lastPnl };
    value = { state: s.tradingState, cause: s.cause, since: s.since };
    if (JSON.stringify(s.limits) !== JSON.stringify(limits)) {
      emit({ kind: 'limits-changed', actor: 'config', from: s.limits, to: limits, ts: deps.now });
      forceNext = true;
    }
  }

  const persist = (ts: number, force: boolean): void => {
    if (!marks) {
      forceNext = true;
      return;
    }
    if (!force && !forceNext && (!dirty || ts - lastWrite < persistEveryMs)) return;
    const state: PersistedRiskState = {
      dayKey: marks.dayKey,
      tradingState: value.state,
      cause: value.cause,
      since: value.since,
      dayStartPnl: marks.dayStartPnl,
      dayPeakPnl: marks.dayPeakPnl,
      overallPeakPnl: marks.overallPeakPnl,
      lastPnl: marks.lastPnl,
      limits,
      tsLast: ts,
    };
    deps.store.save(state);
    lastWrite = ts;
    forceNext = false;
    dirty = false;
  };

  const fire = (trigger: StateTrigger, actor: RiskActor, reason: string, ts: number): boolean => {
    const t = applyTrigger(value, trigger, ts);
    if (!t) return false;
    value = t.to;
    emit({ kind: 'trading-state-changed', actor, transition: t, reason, ts });
    return true;
  };

  const breachReason = (b: Breach): string =>
    `${b.limit.replace('-', ' ')} of ₹${b.value.toFixed(2)} reached the limit of ₹${b.threshold.toFixed(2)}: ${b.action === 'halted' ? 'trading halted' : 'exits only'}`;

  return {
    events,
    limits: () => limits,
    state: () => value,
    figures: (pnl, ts) => lossFigures(marks, pnl, dayKeyOf(ts)),

    observe(pnl, ts) {
      const dayKey = dayKeyOf(ts);
      if (quiet && marks !== undefined && marks.dayKey === dayKey && marks.lastPnl === pnl) {
        persist(ts, false);
        return;
      }
      const f = lossFigures(marks, pnl, dayKey);
      let force = marks === undefined;
      if (marks && marks.dayKey !== dayKey) {
        emit({ kind: 'day-rolled-over', fromDay: marks.dayKey, toDay: dayKey, dayStartPnl: f.dayStartPnl, ts });
        breachedToday.clear();
        fire({ kind: 'day-rollover', dayKey }, 'risk', `new risk day ${dayKey}: the day's limits start again`, ts);
        force = true;
      }
      const before = value;
      if (!marks || marks.dayKey !== dayKey || marks.dayStartPnl !== f.dayStartPnl || marks.dayPeakPnl !== f.dayPeakPnl || marks.overallPeakPnl !== f.overallPeakPnl || marks.lastPnl !== pnl) dirty = true;
      marks = { dayKey, dayStartPnl: f.dayStartPnl, dayPeakPnl: f.dayPeakPnl, overallPeakPnl: f.overallPeakPnl, lastPnl: pnl };
      const breaches = breachesOf(f, limits);
      quiet = breaches.length === 0;
      for (const b of breaches) {
        const key = `${dayKey}:${b.limit}`;
        if (!breachedToday.has(key)) {
          breachedToday.add(key);
          emit({ kind: 'limit-breached', breach: b, ts });
          if (b.flatten) emit({ kind: 'flatten-requested', breach: b, ts });
        }
        fire({ kind: 'limit-breached', limit: b.limit, action: b.action, value: b.value, threshold: b.threshold }, 'risk', breachReason(b), ts);
      }
      persist(ts, force || value !== before);
    },

    setLimits(next, actor, ts) {
      if (JSON.stringify(next) === JSON.stringify(limits)) return;
      emit({ kind: 'limits-changed', actor, from: limits, to: next, ts });
      limits = next;
      quiet = false;
      persist(ts, true);
    },

    restrict(to, reason, ts) {
      if (fire({ kind: 'trader-restrict', to }, 'trader', reason, ts)) persist(ts, true);
    },

    kill(reason, ts) {
      if (fire({ kind: 'kill-switch' }, 'kill-switch', reason, ts)) persist(ts, true);
    },

    resume(pnl, reason, ts) {
      const breaches = breachesOf(lossFigures(marks, pnl, dayKeyOf(ts)), limits);
      if (breaches.length > 0) {
        return err({ kind: 'limit-breached', breaches, message: `cannot resume while ${breaches.map(breachReason).join('; ')}` });
      }
      if (fire({ kind: 'trader-resume' }, 'trader', reason, ts)) persist(ts, true);
      return ok(undefined);
    },

    flush(ts) {
      persist(ts, true);
    },
  };
}
