import type { Logger } from '#core/log';
import type { Result } from '#core/result';
import type { Intent } from '#model/intent';
import type { Signal } from '#model/signal';
import type { SubmitError, SubmitOutcome } from '#execution/submit-errors';
import type { Store } from '#store/database';
import type { StoreFaults } from '../store-faults.ts';
import type { BotHost } from './bot-host.ts';
import type { BotModelsPort } from './bot-models.ts';
import type { BotRunner } from './bot-runner.ts';
import type { SignalLog } from './signal-log.ts';
import { SignalOutcomes } from './signal-outcomes.ts';

export interface SignalFlowDeps {
  readonly sqlite: Store['sqlite'];
  readonly logger: Logger;
  readonly host: BotHost;
  readonly signals: SignalLog;
  readonly models: Pick<BotModelsPort, 'observe'>;
  readonly submit: (intent: Intent) => Promise<Result<SubmitOutcome, SubmitError>>;
  /** Takes a write the database refused before an instant's hooks ran (`StoreFaults.absorb`); without it, it is thrown on. */
  readonly storeFaults?: Pick<StoreFaults, 'absorb'>;
}

/**
 * Where a bot's evaluation goes once made: its row and its signals into the store (one transaction per
 * closed-bar instant, or per hook outside one), the signals streamed once committed, its intents to the
 * order path, and a refused intent's signal amended, stored and streamed again.
 */
export function createSignalFlow(deps: SignalFlowDeps) {
  const { host, signals, models, logger } = deps;
  const outcomes = new SignalOutcomes();

  /** A refused intent's signal says so, stored and streamed again; the bot's card follows when it was the bot's last signal. */
  function amended(signal: Signal): void {
    signals.amend(signal);
    const r = host.runners.find((x) => x.botId === signal.botId);
    if (r?.lastSignal?.id === signal.id) {
      r.lastSignal = signal;
      host.publish(r);
    }
  }

  /** Inside a closed-bar instant: the bots evaluated and the signals written in its one transaction, streamed once it commits. */
  let batched: { readonly runners: Set<BotRunner>; readonly signals: Signal[] } | undefined;
  /**
   * One store transaction for every hook of an instant (one commit instead of one per hook): the bots'
   * states, their signals and the order manager's records of their intents commit together, so a crash
   * keeps all of the instant or none of it, and no broker call leaves before the commit (the order path
   * reaches the broker only after an await, once this synchronous run has returned).
   */
  // Wrapped once: better-sqlite3 builds a new wrapper on each `transaction()` call, a cost per instant.
  let began = false;
  const instantTransaction = deps.sqlite.transaction((hooks: () => void, runners: ReadonlySet<BotRunner>) => {
    began = true;
    hooks();
    for (const r of runners) host.save(r);
  });
  const hookTransaction = deps.sqlite.transaction((r: BotRunner, list: readonly Signal[]) => {
    host.save(r);
    signals.store(list);
    models.observe(list);
  });

  return {
    batch(hooks: () => void): void {
      const current = { runners: new Set<BotRunner>(), signals: [] as Signal[] };
      batched = current;
      began = false;
      try {
        instantTransaction.immediate(hooks, current.runners);
      } catch (e) {
        // Refused at BEGIN, before any hook ran: nothing was evaluated or sent, and the next instant evaluates
        // again. Once the hooks ran, their intents are on the order path: a failed commit is not taken here.
        if (began || !deps.storeFaults?.absorb(e, "the bots' closed-bar instant", "the bots did not evaluate this instant's bars (they evaluate the next)")) throw e;
      } finally {
        batched = undefined;
      }
      signals.stream(current.signals);
    },

    persist(r: BotRunner, list: readonly Signal[]): void {
      if (batched) {
        // The bot's row is written once, when the instant's hooks are done (a bot may run for several bars).
        batched.runners.add(r);
        signals.store(list);
        models.observe(list);
        batched.signals.push(...list);
        outcomes.track(list);
        return;
      }
      hookTransaction.immediate(r, list);
      outcomes.track(list);
      signals.stream(list);
    },

    submit(intent: Intent): void {
      outcomes.follow(intent.intentId, deps.submit(intent), {
        refused: (e) => logger.info({ botId: intent.botId, intentId: intent.intentId, kind: e.kind, message: e.message }, 'bot intent refused'),
        failed: (e) => {
          logger.error({ err: e, botId: intent.botId, intentId: intent.intentId }, 'bot intent failed');
          return `the order path failed: ${e instanceof Error ? e.message : String(e)} (the orders panel shows what reached the broker)`;
        },
        amended,
      });
    },
  };
}
