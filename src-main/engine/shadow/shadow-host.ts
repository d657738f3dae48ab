import type BetterSqlite3 from 'better-sqlite3';
import type { Clock } from '#core/clock';
import { createIdGenerator } from '#core/ids';
import type { Logger } from '#core/log';
import { err, ok, type Result } from '#core/result';
import { istDateKey } from '#core/time-ist';
import type { RiskConfig } from '#config/risk-schema';
import { botId as toBotId, intentId, signalId, type BotId } from '#model/ids';
import type { Fill } from '#model/fill';
import { nseCalendar } from '#calendar/nse-calendar';
import { botLimitsOf } from '#risk/bot-limits';
import { sizingPolicySchema } from '#risk/sizing/policy';
import type { StateValue } from '#risk/trading-state';
import type { HookEvent } from '#bots/run-hook';
import { BotEvaluator, type EvaluatorDeps } from '#engine/bots/bot-evaluator';
import { BotRunner } from '#engine/bots/bot-runner';
import { applyPatch, storedStateSchema, type BotSettingsPatch } from '#engine/bots/bot-settings';
import { SignalOutcomes } from '#engine/bots/signal-outcomes';
import type { KillSource } from '#engine/trading/kill-switch';
import type { Tick } from '#model/bar';
import { compare, DEFAULT_RULES, type ComparedFill, type ComparisonReport, type ComparisonRules } from './comparison.ts';
import { createBotSizing } from '#engine/sizing/bot-sizing';
import { roundTrips } from '#risk/sizing/round-trips';
import { openShadowPath, shadowFile, storedShadowFills, variantLimits, type ShadowOrderPath, type ShadowPathDeps } from './shadow-order-path.ts';
import { ShadowRepository, type VariantRow } from './shadow-repository.ts';

export interface VariantInput {
  readonly botId: string;
  /** Short name of the variant: letters, digits, - and _. */
  readonly label: string;
  readonly params?: Readonly<Record<string, unknown>>;
  /** A sizing policy as given (checked against its schema), or null for none. */
  readonly sizing?: unknown;
}

/** A variant as listed: its row, and for a running one the trading state of its own risk layer. */
export interface VariantView extends VariantRow {
  readonly trading?: { readonly state: StateValue['state']; readonly cause: StateValue['cause'] };
}

interface Variant {
  readonly row: VariantRow;
  readonly runner: BotRunner;
  /** The bot it shadows: the variant reads the same ML models (their learners learn from the bot alone). */
  readonly real: BotRunner;
  readonly path: ShadowOrderPath;
  readonly unsubscribe: () => void;
  /** The variant's bot row as last written, to write only what changed. */
  saved: string;
}

export interface ShadowHostDeps {
  readonly clock: Clock;
  readonly logger: Logger;
  readonly sqlite: BetterSqlite3.Database;
  /** What a variant's evaluation shares with the real bots' (market, studies, regime, models, instruments). */
  readonly shared: Pick<EvaluatorDeps, 'clock' | 'logger' | 'sources' | 'regime' | 'models' | 'instruments'>;
  /** Each variant's own order path (risk, store, paper broker); absent where the engine has no quotes. */
  readonly paths?: ShadowPathDeps;
  readonly limits: () => RiskConfig;
  /** The real bot a variant shadows. */
  readonly realRunner: (botId: string) => BotRunner | undefined;
  /** The studies and regime the runner declares, as for a real bot. */
  readonly require: (runner: BotRunner) => void;
  /** A fill of a variant reaches its onFill hook through the manager's event loop. */
  readonly notifyFill: (fill: Fill, runnerId: BotId) => void;
  /** The real bot's fills with the price each order was decided at. */
  readonly realFills: (botId: string) => readonly ComparedFill[];
  /** Applies settings to the real bot (the manager's audited configure). */
  readonly promote: (botId: string, patch: BotSettingsPatch) => Result<unknown, { readonly message: string }>;
  readonly audit: (kind: `bot:shadow-${string}`, payload: Readonly<Record<string, unknown>>) => void;
  readonly rules?: ComparisonRules;
}

const LABEL = /^[A-Za-z0-9_-]{1,32}$/;

/**
 * Shadow A/B: variants of a bot (other parameters or sizing) evaluated on the same bars and ticks as the
 * bot itself, by the same evaluator code. A variant's intents take the one order path a second time, of
 * its own: its risk gate (the bot's limits, its own book), its order manager and store (a separate
 * database file) and a paper broker with the real paper broker's fill model, on the engine's quotes.
 * Nothing of a variant reaches the real order manager, its book, its risk or its broker. Its signals go
 * to the shadow tables. `compare` reports the variant against the bot over the sessions since it
 * started; `promote` hands the variant's settings to the real bot in one audited change.
 */
export function createShadowHost(deps: ShadowHostDeps) {
  const repo = new ShadowRepository(deps.sqlite);
  const variants = new Map<string, Variant>();
  /** The running variants' runners, rebuilt when a variant starts or stops: the bot manager asks on every tick. */
  let runnerList: BotRunner[] | undefined;
  const byRunner = new Map<BotRunner, Variant>();
  const closing = new Set<Promise<void>>();
  const runnerOf = (botId: BotId): Variant | undefined => [...variants.values()].find((x) => x.runner.botId === botId);
  /** A variant's sizing: the real bot's limits, and Kelly from the variant's own closed trades. */
  const sizing = deps.paths
    ? createBotSizing({
        instruments: deps.shared.instruments,
        market: deps.paths.market,
        limits: () => [...variants.values()].reduce((l, v) => variantLimits(l, v.runner.botId, v.real.botId), deps.limits()),
        tradePnls: (id) => roundTrips(runnerOf(id)?.path.fills() ?? []).map((t) => t.net),
      })
    : undefined;
  const sigIds = createIdGenerator('ssig', deps.clock, 'shadow');
  const intIds = createIdGenerator('sint', deps.clock, 'shadow');
  /** A variant's signal whose intents its own risk refused reads "refused", as the real bot's does. */
  const outcomes = new SignalOutcomes();

  const evaluator = new BotEvaluator({
    ...deps.shared,
    models: (r) => deps.shared.models(byRunner.get(r)?.real ?? r),
    books: {
      book: (runnerId) => {
        const v = runnerOf(runnerId)!;
        return v.path.books.book(runnerId, v.runner.settings.allocation, deps.clock.now());
      },
    },
    ids: { intent: () => intentId(intIds.next()), signal: () => signalId(sigIds.next()) },
    submit: (intent) => {
      const v = intent.botId === undefined ? undefined : runnerOf(intent.botId);
      if (!v) return;
      outcomes.follow(intent.intentId, v.path.manager.submit(intent), {
        refused: (e) => deps.logger.info({ variant: v.row.variantId, intentId: intent.intentId, kind: e.kind, message: e.message }, 'shadow intent refused'),
        failed: (e) => {
          deps.logger.error({ err: e, variant: v.row.variantId, intentId: intent.intentId }, 'shadow intent failed');
          return `the variant's order path failed: ${e instanceof Error ? e.message : String(e)}`;
        },
        amended: (signal) => repo.saveSignal(v.row.variantId, signal),
      });
    },
    persist: (r, signals) => {
      const v = byRunner.get(r);
      if (!v) return;
      for (const s of signals) repo.saveSignal(v.row.variantId, s);
      outcomes.track(signals);
      save(v);
    },
    fault: (r, f) => {
      const v = byRunner.get(r);
      if (!v) return;
      deps.logger.error({ variant: v.row.variantId, fault: f }, 'shadow variant faulted: stopped');
      stop(v.row.variantId, 'fault');
    },
    applyPending: () => undefined,
    size: (r, intents, list, opening, now) => {
      const v = byRunner.get(r);
      return v && sizing && r.settings.sizing ? sizing(r.settings.sizing, r.botId, r.settings.allocation, intents, opening, list, now) : undefined;
    },
  });

  /** The variant's bot row (lifecycle, strategy state, settings) in its own database, when it changed. */
  function save(v: Variant): void {
    const row = { botId: v.runner.botId, kind: v.runner.kind, state: v.runner.stored(), settings: v.runner.settings };
    const text = JSON.stringify(row);
    if (text === v.saved) return;
    v.path.saveBot(row);
    v.saved = text;
  }

  /**
   * Its order path stops and its database closes, in the background (nothing waits on it); after its
   * kill switch has closed its book when `closeFirst` is given.
   */
  function release(v: Variant, closeFirst?: Promise<unknown>): void {
    v.unsubscribe();
    const closed = (closeFirst ?? Promise.resolve())
      .catch((e: unknown) => deps.logger.error({ err: e, variant: v.row.variantId }, "closing a variant's book failed"))
      .then(() => v.path.close());
    const done = closed.catch((e: unknown) => deps.logger.error({ err: e, variant: v.row.variantId }, "closing a variant's database failed"));
    closing.add(done);
    void done.finally(() => closing.delete(done));
  }

  /** Stops a variant; on the terminal's kill switch (`kill`), its own kill switch halts it and closes its book first. */
  function stop(variantId: string, why: string, kill?: KillSource): Result<VariantRow, string> {
    const v = variants.get(variantId);
    if (!v) return err(`no running variant ${variantId}`);
    variants.delete(variantId);
    runnerList = undefined;
    byRunner.delete(v.runner);
    v.runner.lifecycle = 'stopped';
    save(v);
    release(v, kill === undefined ? undefined : v.path.kill(kill));
    repo.setStatus(variantId, 'stopped', deps.clock.now());
    deps.audit('bot:shadow-stop', { variantId, botId: v.row.botId, why, ...(kill !== undefined ? { flatten: true } : {}) });
    return ok({ ...v.row, status: 'stopped', tsEnded: deps.clock.now() });
  }

  /**
   * The strategy state a variant left in its own database, read after its order manager resumed (and the
   * terminal's reconciliation ran): a row that no longer reads keeps the variant from running, never
   * silently reset, since its positions may depend on that state.
   */
  function restoredStrategy(path: ShadowOrderPath, runner: BotRunner): Result<unknown, string> {
    const row = path.storedBot();
    if (!row) return ok(runner.strategy);
    const state = storedStateSchema.safeParse(row.state);
    if (!state.success) return err(`its stored state is unreadable: ${state.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    const strategy = runner.def.state.schema.safeParse(state.data.strategy);
    if (!strategy.success) return err(`its stored strategy state is unreadable: ${strategy.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    runner.dayStart = state.data.dayStart;
    return ok(strategy.data);
  }

  /** The variant's runner on the bot's settings with the variant's patch over them, registered and running. */
  function build(row: VariantRow): Result<Variant, string> {
    const real = deps.realRunner(row.botId);
    if (!real) return err(`no bot ${row.botId}`);
    const patch = { ...(row.settings as BotSettingsPatch), execution: 'paper' as const };
    const next = applyPatch(real.def, real.settings, patch, { mode: 'paper', riskCapital: botLimitsOf(deps.limits(), real.botId).capital });
    if (!next.ok) return err(next.error.message);
    if (!deps.paths) return err('shadow variants need the engine\'s quotes, which this engine does not have');
    const runner = new BotRunner(toBotId(`shadow:${row.variantId}`), real.descriptor, real.def, next.value.settings, next.value.params, real.def.state.initial(next.value.params));
    const path = openShadowPath(deps.paths, row.variantId, runner.botId, real.botId, next.value.settings.allocation);
    if (!path.ok) return path;
    const strategy = restoredStrategy(path.value, runner);
    if (!strategy.ok) {
      void path.value.close();
      return strategy;
    }
    runner.strategy = strategy.value;
    runner.lifecycle = 'running';
    const unsubscribe = path.value.onFill((fill) => deps.notifyFill(fill, runner.botId));
    const v: Variant = { row, runner, real, path: path.value, unsubscribe, saved: '' };
    save(v);
    variants.set(row.variantId, v);
    runnerList = undefined;
    byRunner.set(runner, v);
    deps.require(runner);
    return ok(v);
  }

  /** A running variant's fills from its open store; a stopped one's from its file. */
  const variantFills = (row: VariantRow): Result<ComparedFill[], string> => {
    const running = variants.get(row.variantId);
    if (running) return ok(running.path.fills());
    if (!deps.paths) return ok([]);
    return storedShadowFills(shadowFile(deps.paths.mainFile, row.variantId), toBotId(`shadow:${row.variantId}`), deps.clock.now());
  };

  const sessionsSince = (fromMs: number): string[] => {
    const cal = nseCalendar();
    const days: string[] = [];
    const last = istDateKey(deps.clock.now());
    for (let d = istDateKey(fromMs); d <= last; d = cal.nextTradingDay(d)) if (cal.isTradingDay(d)) days.push(d);
    return days;
  };

  return {
    start(input: VariantInput): Result<VariantRow, string> {
      if (!LABEL.test(input.label)) return err('a variant label is 1–32 letters, digits, - or _');
      const variantId = `${input.botId}~${input.label}`;
      if (variants.has(variantId) || repo.variants().some((v) => v.variantId === variantId)) return err(`variant ${variantId} exists already: give it another label`);
      const sizing = input.sizing === undefined ? undefined : sizingPolicySchema.nullable().safeParse(input.sizing);
      if (sizing && !sizing.success) return err(`sizing: ${sizing.error.issues.map((i) => `${i.path.join('.') || 'policy'}: ${i.message}`).join('; ')}`);
      const settings = { ...(input.params ? { params: { ...input.params } } : {}), ...(sizing ? { sizing: sizing.data } : {}) };
      const row: VariantRow = { variantId, botId: input.botId, label: input.label, settings, status: 'running', tsCreated: deps.clock.now(), tsEnded: null };
      const v = build(row);
      if (!v.ok) return v;
      repo.createVariant(row);
      deps.audit('bot:shadow-start', { variantId, botId: input.botId, settings });
      return ok(row);
    },
    /**
     * After a restart (once the terminal's order manager has resumed and reconciled): the variants that
     * were running run again on their settings, their order managers and paper brokers reopened on their
     * own stores, each with the strategy state it last wrote there.
     */
    restore(): void {
      for (const row of repo.variants()) {
        if (row.status !== 'running' || variants.has(row.variantId)) continue;
        const v = build(row);
        if (!v.ok) {
          repo.setStatus(row.variantId, 'stopped', deps.clock.now());
          deps.audit('bot:shadow-stop', { variantId: row.variantId, botId: row.botId, why: `cannot run after the restart: ${v.error}` });
          continue;
        }
      }
    },
    stop: (variantId: string) => stop(variantId, 'stopped by the trader'),
    /**
     * The terminal's kill switch (`source`): every running variant stops too, and its own kill switch halts
     * its ledger and closes its paper book through its own order path. Without a source they only stop.
     */
    stopAll(why: string, source?: KillSource): string[] {
      return [...variants.keys()].filter((id) => stop(id, why, source).ok);
    },
    /** Every tick of the feed reaches each variant's live monitor, as it reaches the real one. */
    onTick(tick: Tick): void {
      for (const v of variants.values()) v.path.onTick(tick);
    },
    list: (): VariantView[] =>
      repo.variants().map((row) => {
        const ledger = variants.get(row.variantId)?.path.ledger;
        if (!ledger) return row;
        const { state, cause } = ledger.state();
        return { ...row, trading: { state, cause } };
      }),
    signals: (variantId: string, limit: number) => repo.signals(variantId, limit),
    compare(variantId: string): Result<ComparisonReport, string> {
      const row = repo.variants().find((v) => v.variantId === variantId);
      if (!row) return err(`no variant ${variantId}`);
      const fills = variantFills(row);
      if (!fills.ok) return fills;
      return ok(compare(deps.realFills(row.botId), fills.value, sessionsSince(row.tsCreated), deps.rules ?? DEFAULT_RULES));
    },
    /** The variant's settings become the bot's, in one audited change; the variant stops. */
    promote(variantId: string): Result<VariantRow, string> {
      const row = repo.variants().find((v) => v.variantId === variantId);
      if (!row || row.status === 'promoted') return err(row ? `variant ${variantId} was promoted already` : `no variant ${variantId}`);
      const fills = variantFills(row);
      if (!fills.ok) return fills;
      const report = compare(deps.realFills(row.botId), fills.value, sessionsSince(row.tsCreated), deps.rules ?? DEFAULT_RULES);
      const applied = deps.promote(row.botId, row.settings as BotSettingsPatch);
      if (!applied.ok) return err(`the bot refused the variant's settings: ${applied.error.message}`);
      if (variants.has(variantId)) stop(variantId, 'promoted');
      repo.setStatus(variantId, 'promoted', deps.clock.now());
      deps.audit('bot:shadow-promote', { variantId, botId: row.botId, settings: row.settings, verdict: report.verdict, days: report.days.length, realNet: report.real.netPnl, variantNet: report.variant.netPnl });
      return ok({ ...row, status: 'promoted', tsEnded: deps.clock.now() });
    },
    runners: (): readonly BotRunner[] => (runnerList ??= [...variants.values()].map((v) => v.runner)),
    /** A running variant's order manager (its orders, fills and positions), for views and tests. */
    manager: (variantId: string) => variants.get(variantId)?.path.manager,
    /** A running variant's trading state (its own ledger: active, reducing or halted, and why). */
    tradingState: (variantId: string) => variants.get(variantId)?.path.ledger.state(),
    /** Resolves once every stopped variant's book is closed (after a kill) and its database is closed. */
    released: async (): Promise<void> => {
      await Promise.all(closing);
    },
    /** Stops every variant's order path and closes their databases (the engine stops); they run again after `restore`. */
    async close(): Promise<void> {
      for (const v of variants.values()) release(v);
      variants.clear();
      runnerList = undefined;
      byRunner.clear();
      await Promise.all(closing);
    },
    owns: (r: BotRunner): boolean => byRunner.has(r),
    /** One hook of a variant, its bot row and its intents' records committed together in its own database. */
    run(r: BotRunner, e: HookEvent): void {
      const v = byRunner.get(r);
      if (v) v.path.transaction(() => evaluator.evaluate(r, e));
    },
  };
}

export type ShadowHost = ReturnType<typeof createShadowHost>;
