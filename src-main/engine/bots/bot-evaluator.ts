import type { Clock } from '#core/clock';
import type { Logger } from '#core/log';
import type { IntentId } from '#model/ids';
import type { Intent } from '#model/intent';
import type { Signal } from '#model/signal';
import { underlyingIndexId } from '#options/option-symbol';
import { createBotContext, isWarm, type ContextSources } from '#bots/context/create-context';
import type { IdSource } from '#bots/contract/context';
import type { BotModels } from '#bots/contract/models';
import { runHook, type BotFault, type HookEvent } from '#bots/run-hook';
import type { InstrumentLookup } from '#execution/instruments';
import type { BotBooks } from './bot-books.ts';
import type { BotRunner } from './bot-runner.ts';
import { isOpening, underlyingOfIntent, withholdInSignals } from './intent-gate.ts';
import type { RegimeGate } from './regime-gate.ts';

export interface EvaluatorDeps {
  readonly clock: Clock;
  readonly logger: Logger;
  readonly sources: ContextSources;
  readonly books: Pick<BotBooks, 'book'>;
  readonly regime: RegimeGate;
  /** Why no bot may open a position now (the book reducing or halted), or undefined. */
  readonly openingRefusal?: () => string | undefined;
  readonly models: (runner: BotRunner) => BotModels;
  readonly ids: IdSource;
  readonly instruments: InstrumentLookup;
  /** Sends an intent to the order manager (risk, the store, the broker). */
  readonly submit: (intent: Intent) => void;
  /** Writes the bot's row (lifecycle, strategy state, settings) and its new signals in one transaction, then streams the signals. */
  readonly persist: (runner: BotRunner, signals: readonly Signal[]) => void;
  readonly fault: (runner: BotRunner, fault: BotFault) => void;
  /** A waiting parameter change takes effect now if nothing of the bot's is in flight. */
  readonly applyPending: (runner: BotRunner) => void;
  /** The bot's sizing policy on its opening intents, after the signal and before risk (engine/sizing). */
  readonly size?: (runner: BotRunner, intents: readonly Intent[], signals: readonly Signal[], opening: (i: Intent) => boolean, now: number) => { intents: Intent[]; signals: Signal[]; held: Map<IntentId, string> } | undefined;
}

const NOTHING_HELD: ReadonlyMap<IntentId, string> = new Map();

/**
 * One hook call, the way every event reaches a bot: a waiting parameter change first (never mid-order),
 * a frozen context over the bot's own book, the hook through the run-hook guard (a fault moves that bot
 * to error, nothing else), the regime hook and a pause holding back opening intents, then the new state
 * written, the signals stored and streamed, and the intents sent, in that order: after a crash the state
 * never lacks an intent that was sent.
 */
export class BotEvaluator {
  private readonly deps: EvaluatorDeps;
  /** The bot whose hook is running now, for sources that answer each bot after its own needs. */
  current: BotRunner | undefined;

  constructor(deps: EvaluatorDeps) {
    this.deps = deps;
  }

  evaluate(runner: BotRunner, event: HookEvent): void {
    const { deps } = this;
    if (event.hook !== 'onStop') deps.applyPending(runner);
    const now = deps.clock.now();
    runner.warm ||= isWarm(runner.requirements, deps.sources.market, deps.sources.studies);
    const ctx = createBotContext({
      botId: runner.botId,
      kind: runner.kind,
      now,
      params: runner.params,
      state: runner.strategy,
      requirements: runner.requirements,
      sources: deps.sources,
      book: () => deps.books.book(runner.botId, runner.settings.allocation, now),
      ids: deps.ids,
      models: deps.models(runner),
      warm: runner.warm,
      perTick: event.hook === 'onTick',
    });
    this.current = runner;
    const out = runHook(runner.def, event, ctx);
    this.current = undefined;
    if (!out.ok) {
      deps.fault(runner, out.error);
      return;
    }
    // Most evaluations decide to send nothing: nothing to size, gate or hold back, and no maps for it.
    const { intents, signals, withheld } = out.value.intents.length === 0 ? { intents: out.value.intents, signals: out.value.signals, withheld: NOTHING_HELD } : this.decide(runner, out.value, () => ctx.positions, now);
    runner.strategy = out.value.state;
    if (signals.length > 0) runner.lastSignal = signals.at(-1);
    deps.persist(runner, signals);
    for (const intent of intents) if (!withheld.has(intent.intentId)) deps.submit(intent);
  }

  /** The hook's intents sized, those the manager holds back, and the signals saying so. */
  private decide(runner: BotRunner, out: { readonly intents: readonly Intent[]; readonly signals: readonly Signal[] }, positions: () => Parameters<typeof isOpening>[1], now: number) {
    const sized = this.deps.size?.(runner, out.intents, out.signals, (i) => isOpening(i, positions()), now) ?? { ...out, held: new Map<IntentId, string>() };
    const withheld: ReadonlyMap<IntentId, string> = new Map([...sized.held, ...this.gate(runner, sized.intents, positions)]);
    const signals = withholdInSignals(sized.signals, withheld, (id, reason) => this.heldSignal(runner, id, reason, sized.intents, now));
    return { intents: sized.intents, signals, withheld };
  }

  /**
   * Opening intents the manager holds back (the book reducing or halted, a paused bot, a regime the bot does
   * not open in), with why. Risk would refuse an opening order while the book is reducing or halted; held
   * here, the signal says so once as filtered, and no order is proposed to be refused.
   */
  private gate(runner: BotRunner, intents: readonly Intent[], positions: () => Parameters<typeof isOpening>[1]): Map<IntentId, string> {
    const held = new Map<IntentId, string>();
    let book: { readonly refusal: string | undefined } | undefined;
    for (const intent of intents) {
      if (!isOpening(intent, positions())) continue;
      book ??= { refusal: this.deps.openingRefusal?.() };
      if (book.refusal) {
        held.set(intent.intentId, `${book.refusal}: no new positions (exits and adjustments go on)`);
        continue;
      }
      if (runner.lifecycle === 'paused') {
        held.set(intent.intentId, `${runner.descriptor.name} is paused: no new positions (exits and adjustments go on)`);
        continue;
      }
      const underlying = underlyingOfIntent(intent, this.deps.instruments);
      if (!underlying) continue;
      const decision = this.deps.regime.decide(underlying, runner.settings.regimes);
      if (!decision.allowed) held.set(intent.intentId, decision.reason);
    }
    return held;
  }

  private heldSignal(runner: BotRunner, intentId: IntentId, reason: string, intents: readonly Intent[], now: number): Signal {
    const intent = intents.find((i) => i.intentId === intentId)!;
    const underlying = underlyingOfIntent(intent, this.deps.instruments);
    return {
      id: this.deps.ids.signal(),
      botId: runner.botId,
      instrumentId: underlying ? underlyingIndexId(underlying) : intent.kind === 'place' ? intent.instrumentId : runner.requirements.instruments[0]!,
      tsEvent: now,
      kind: 'entry',
      rule: `${runner.kind}/manager`,
      direction: 'neutral',
      strength: 0,
      scores: {},
      inputs: { intent: intentId, intentReason: intent.reason },
      sources: [],
      decision: { kind: 'filtered', reason: `held back by the bot manager: ${reason}` },
      notes: [],
      intentIds: [],
    };
  }
}
