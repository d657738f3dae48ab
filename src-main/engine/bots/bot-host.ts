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
  /** What was last written per bot: its settings object (replaced, never changed in place) and its state as JSON. */
  private readonly savedRows = new Map<BotId, { readonly settings: BotRunner['settings']; readonly state: string }>();
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
    // Runs after every closed-bar instant: the settings are compared by identity, only the state by its text.
    const state = r.stored();
    const text = JSON.stringify(state);
    const last = this.savedRows.get(r.botId);
    if (last !== undefined && last.settings === r.settings && last.state === text) return;
    this.deps.repo.save({ botId: r.botId, kind: r.kind, state, settings: r.settings, tsLast: this.deps.clock.now() });
    this.savedRows.set(r.botId, { settings: r.settings, state: text });
  }

  /** The row as read from the store: nothing to write until it changes. */
  loaded(r: BotRunner): void {
    this.savedRows.set(r.botId, { settings: r.settings, state: JSON.stringify(r.stored()) });
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
