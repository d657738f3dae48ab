import type { Clock, TimerHandle } from '#core/clock';
import type { Bar, Tick } from '#model/bar';
import type { Fill } from '#model/fill';
import type { BotId, InstrumentId } from '#model/ids';
import type { StudiesHub } from '#bots/context/studies';
import type { HookEvent } from '#bots/run-hook';
import type { BotRunner } from './bot-runner.ts';

type Queued = { readonly kind: 'bar'; readonly bar: Bar } | { readonly kind: 'fill'; readonly botId: BotId; readonly fill: Fill };

/**
 * Bots on the engine's event loop. Closed bars feed the shared studies the moment they close; the bots'
 * hooks run once every bar of that instant has closed (a 1-minute bar and the 5-minute bar ending with it
 * come one after the other), on a timer at the same engine instant, so a bot reading its 5-minute
 * studies on the 1-minute bar sees them current. Fills join the same queue: a hook never runs inside the
 * order manager's own call. Ticks go straight to the bots that take them.
 */
export class BotEventLoop {
  private readonly clock: Clock;
  private readonly studies: StudiesHub;
  private readonly runners: () => readonly BotRunner[];
  private readonly run: (runner: BotRunner, event: HookEvent) => void;
  private readonly queue: Queued[] = [];
  private timer: TimerHandle | undefined;

  constructor(clock: Clock, studies: StudiesHub, runners: () => readonly BotRunner[], run: (runner: BotRunner, event: HookEvent) => void) {
    this.clock = clock;
    this.studies = studies;
    this.runners = runners;
    this.run = run;
  }

  onBar(bar: Bar): void {
    if (!bar.closed) return;
    this.studies.onBar(bar);
    if (!this.runners().some((r) => r.active && r.declaresBar(bar))) return;
    this.queue.push({ kind: 'bar', bar });
    this.schedule();
  }

  onFill(fill: Fill, botId: BotId): void {
    const runner = this.runners().find((r) => r.botId === botId);
    if (!runner?.active || !runner.def.hooks.onFill) return;
    this.queue.push({ kind: 'fill', botId, fill });
    this.schedule();
  }

  onTick(tick: Tick): void {
    for (const r of this.runners()) if (r.active && r.def.hooks.onTick && r.declaresTick(tick.instrumentId as InstrumentId)) this.run(r, { hook: 'onTick', tick });
  }

  /** Runs what is queued now (the timer does this; a test or the bench may call it to measure). */
  flush(): void {
    this.timer?.cancel();
    this.timer = undefined;
    const events = this.queue.splice(0);
    for (const e of events) {
      for (const r of this.runners()) {
        if (!r.active) continue;
        if (e.kind === 'bar' && r.declaresBar(e.bar)) this.run(r, { hook: 'onBar', bar: e.bar });
        else if (e.kind === 'fill' && r.botId === e.botId) this.run(r, { hook: 'onFill', fill: e.fill });
      }
    }
  }

  pending(): number {
    return this.queue.length;
  }

  stop(): void {
    this.timer?.cancel();
    this.timer = undefined;
    this.queue.length = 0;
  }

  private schedule(): void {
    this.timer ??= this.clock.setTimer(this.clock.now(), () => this.flush());
  }
}
