import type { Clock } from '#core/clock';
import { err, ok, type Result } from '#core/result';
import type { BotId, InstrumentId } from '#model/ids';
import type { MarketView } from '#market/multi-timeframe';
import { nextBotState, type BotEvent } from '#bots/bot-fsm';
import type { StudiesHub } from '#bots/context/studies';
import type { BotStateRepository } from '#store/bot-state-repository';
import type { EngineAudit, EngineAuditKind } from '../trading/engine-audit.ts';
import type { BotBooks } from './bot-books.ts';
import type { BotRunner } from './bot-runner.ts';
import { botInfo, type BotError, type BotInfo } from './bot-view.ts';
import type { RegimeGate } from './regime-gate.ts';

export interface BotHostDeps {
  readonly clock: Clock;
  readonly repo: BotStateRepository;
  readonly books: BotBooks;
  readonly studies: StudiesHub;
  readonly market: (id: InstrumentId) => MarketView;
  readonly regime: RegimeGate;
  readonly audit: EngineAudit;
  readonly publishBot: (info: BotInfo) => void;
}

type Actor = Parameters<EngineAudit['record']>[1];

/**
 * What every part of the manager shares about the bots: the runners, writing a bot's row when it changed,
 * the view the trader sees (published on every change), the audit trail, and the studies a bot reads.
 */
export class BotHost {
  readonly runners: BotRunner[] = [];
  private readonly deps: BotHostDeps;
  /**
   * What was last written per bot: its settings object (replaced, never changed in place), its state as
   * JSON, and the objects that state was made of (frozen when a hook returns them, so the same objects
   * are the same state).
   */
  private readonly savedRows = new Map<BotId, { readonly settings: BotRunner['settings']; readonly state: string; readonly parts: readonly unknown[] }>();
  private readonly shown = new Map<BotId, string>();

  constructor(deps: BotHostDeps) {
    this.deps = deps;
  }

  find(id: string): Result<BotRunner, BotError> {
    const r = this.runners.find((x) => x.botId === id);
    return r ? ok(r) : err({ kind: 'not-found', message: `there is no bot "${id}"` });
  }

  /** Writes the bot's row (lifecycle, strategy state, settings) if it differs from the last one written. */
  save(r: BotRunner): void {
    // Runs after every closed-bar instant: the settings are compared by identity, the state by its parts'
    // identity, then by its text.
    const last = this.savedRows.get(r.botId);
    const parts = partsOf(r);
    if (last !== undefined && last.settings === r.settings && sameParts(last.parts, parts)) return;
    const state = r.stored();
    const text = JSON.stringify(state);
    if (last !== undefined && last.settings === r.settings && last.state === text) {
      this.savedRows.set(r.botId, { ...last, parts });
      return;
    }
    this.deps.repo.save({ botId: r.botId, kind: r.kind, state, settings: r.settings, tsLast: this.deps.clock.now() });
    this.savedRows.set(r.botId, { settings: r.settings, state: text, parts });
  }

  /** The row as read from the store: nothing to write until it changes. */
  loaded(r: BotRunner): void {
    this.savedRows.set(r.botId, { settings: r.settings, state: JSON.stringify(r.stored()), parts: partsOf(r) });
  }

  info(r: BotRunner): BotInfo {
    const { books } = this.deps;
    const live = books.structures(r.botId).filter((s) => s.status !== 'closed' && s.status !== 'denied' && s.status !== 'unwound');
    const pnl = r.dayStart ? books.pnl(r.botId).total - r.dayStart.pnl : undefined;
    return botInfo(r, { ...(pnl !== undefined ? { pnlToday: pnl } : {}), openPositions: books.positions(r.botId).length, openStructures: live.length });
  }

  /** Publishes the bot's view; `ifChanged` skips a view identical to the last one published. */
  publish(r: BotRunner, ifChanged = false): BotInfo {
    const view = this.info(r);
    const text = JSON.stringify(view);
    if (ifChanged && this.shown.get(r.botId) === text) return view;
    this.shown.set(r.botId, text);
    this.deps.publishBot(view);
    return view;
  }

  /** One step of the bot state machine, written and published. */
  move(r: BotRunner, event: BotEvent): Result<BotInfo, BotError> {
    const next = nextBotState(r.lifecycle, event);
    if (!next.ok) return err(next.error);
    r.lifecycle = next.value;
    this.save(r);
    return ok(this.publish(r));
  }

  audit(kind: EngineAuditKind, actor: Actor, r: BotRunner, payload: object): void {
    this.deps.audit.record(kind, actor, { botId: r.botId, ...payload }, r.botId);
  }

  /** Registers what the bot reads: its studies (folding history) and its underlyings' regime studies. */
  require(r: BotRunner): void {
    this.deps.studies.require(r.requirements, this.deps.market);
    this.deps.regime.require(r.underlyings);
  }
}

/** What `BotRunner.stored()` is made of. */
const partsOf = (r: BotRunner): readonly unknown[] => [r.lifecycle, r.strategy, r.pending, r.dayStart, r.fault];

const sameParts = (a: readonly unknown[], b: readonly unknown[]): boolean => a.every((x, i) => x === b[i]);
