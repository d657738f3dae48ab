import { err, ok, type Result } from '#core/result';
import type { Logger } from '#core/log';
import type { TradingMode } from '#config/schema';
import { faultedState, type BotFault } from '#bots/run-hook';
import type { BotEvaluator } from './bot-evaluator.ts';
import type { BotHost } from './bot-host.ts';
import type { BotRunner } from './bot-runner.ts';
import type { BotError, BotInfo } from './bot-view.ts';
import type { StoredState } from './bot-settings.ts';

export interface LifecycleDeps {
  readonly host: BotHost;
  readonly evaluator: () => BotEvaluator;
  readonly logger: Logger;
  readonly mode: TradingMode;
  /** Why no bot may start now (trading not started, halted), or undefined. */
  readonly startRefusal: () => string | undefined;
  readonly liveArmed: () => boolean;
}

/**
 * Start, pause, resume and stop, each a step of the bot state machine, audited with who asked. A start
 * from error resets the bot first; a stop runs the bot's own onStop (it closes its positions when its
 * parameters say so); the kill switch's stop does not, since the kill switch closes the book itself.
 */
export class BotLifecycle {
  private readonly deps: LifecycleDeps;

  constructor(deps: LifecycleDeps) {
    this.deps = deps;
  }

  start(r: BotRunner): Result<BotInfo, BotError> {
    const { host } = this.deps;
    if (r.lifecycle !== 'stopped' && r.lifecycle !== 'error') return err({ kind: 'invalid-state', message: `${r.descriptor.name} is ${r.lifecycle}` });
    const refusal = this.deps.startRefusal() ?? this.liveRefusal(r);
    if (refusal) {
      host.audit('start', 'trader', r, { refused: refusal });
      return err({ kind: 'invalid-state', message: `${r.descriptor.name} cannot start: ${refusal}` });
    }
    if (r.lifecycle === 'error') {
      const unreadable = r.strategy === undefined || !r.def.state.schema.safeParse(r.strategy).success;
      host.audit('bot:reset', 'trader', r, { fault: r.fault ?? null, ...(unreadable ? { state: 'unreadable: started from the initial state' } : {}) });
      if (unreadable) r.strategy = undefined;
      r.fault = undefined;
      host.move(r, 'reset');
    }
    r.strategy ??= r.def.state.initial(r.params);
    host.move(r, 'start');
    host.require(r);
    if (r.def.hooks.onStart) this.deps.evaluator().evaluate(r, { hook: 'onStart' });
    const started = host.move(r, 'started');
    host.audit('start', 'trader', r, { state: r.lifecycle, execution: r.settings.execution, allocation: r.settings.allocation });
    return started.ok ? started : ok(host.info(r));
  }

  stop(r: BotRunner, actor: 'trader' | 'engine', reason: string, runHook: boolean): Result<BotInfo, BotError> {
    const { host } = this.deps;
    if (r.lifecycle === 'stopped') return ok(host.info(r));
    const wasActive = r.active;
    const stopping = host.move(r, 'stop');
    if (!stopping.ok) return stopping;
    if (runHook && wasActive && r.def.hooks.onStop) this.deps.evaluator().evaluate(r, { hook: 'onStop' });
    if (host.move(r, 'stopped').ok) r.fault = undefined;
    host.audit('stop', actor, r, { reason, state: r.lifecycle });
    return ok(host.publish(r));
  }

  /** `pause` or `resume`, audited either way. */
  step(r: BotRunner, event: 'pause' | 'resume'): Result<BotInfo, BotError> {
    const moved = this.deps.host.move(r, event);
    this.deps.host.audit(`bot:${event}`, 'trader', r, moved.ok ? {} : { refused: moved.error.message });
    return moved;
  }

  fault(r: BotRunner, f: BotFault): void {
    const { host } = this.deps;
    r.lifecycle = faultedState(r.lifecycle);
    r.fault = f.message;
    this.deps.logger.error({ botId: r.botId, hook: f.hook, kind: f.kind, err: f.stack ?? f.message }, 'bot faulted; it is in error, the others go on');
    host.save(r);
    host.audit('bot:fault', 'engine', r, { hook: f.hook, kind: f.kind, message: f.message });
    host.publish(r);
  }

  /** After a restart: a bot that was running (or paused) runs again with its state; one caught starting runs, one caught stopping is stopped. */
  restore(r: BotRunner, was: StoredState['lifecycle']): void {
    const { host } = this.deps;
    if (was === 'stopped') return;
    r.lifecycle = was === 'starting' ? 'running' : was === 'stopping' ? 'stopped' : was;
    if (r.active) host.require(r);
    host.save(r);
    host.audit('bot:restored', 'engine', r, { was, state: r.lifecycle, ...(r.fault ? { fault: r.fault } : {}) });
    host.publish(r);
  }

  private liveRefusal(r: BotRunner): string | undefined {
    if (this.deps.mode !== 'live') return undefined;
    if (r.settings.execution !== 'live') return 'this terminal trades live and every order reaches the broker: set the bot to live in its settings to run it with real money, or run the terminal in paper mode';
    return this.deps.liveArmed() ? undefined : 'live trading is not armed: arm it first, naming the account the orders go to';
  }
}
