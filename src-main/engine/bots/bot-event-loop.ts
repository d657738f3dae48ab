import type { Clock, TimerHandle } from '#core/clock';
import type { Bar, Tick } from '#model/bar';
import type { Fill } from '#model/fill';
import type { BotId, InstrumentId } from '#model/ids';
import type { StudiesHub } from '#bots/context/studies';
import type { HookEvent } from '#bots/run-hook';
import type { BotRunner } from './bot-runner.ts';

type Queued = { readonly kind: 'bar'; readonly bar: Bar } | { readonly kind: 'fill'; readonly botId: BotId; readonly fill: Fill };

/** One run of the queue: how long it took (wall ms and process CPU ms, when those clocks were given) and how many hooks it called. */
export interface FlushReport {
  readonly wallMs: number;
  /** CPU time the process spent meanwhile: the wall time less what other programs took of the machine. */
  readonly cpuMs: number;
  readonly bars: number;
  readonly hooks: number;
  /** Where the wall time went, with a wall clock: the studies, the models' batch, the hooks (with their store writes and the intents handed on) and the store's commit. */
  readonly phases?: FlushPhases;
}

export interface FlushPhases {
  readonly studiesMs: number;
  readonly modelsMs: number;
  readonly hooksMs: number;
  readonly commitMs: number;
}

export interface EventLoopDeps {
  readonly clock: Clock;
  readonly studies: StudiesHub;
  readonly runners: () => readonly BotRunner[];
  readonly run: (runner: BotRunner, event: HookEvent) => void;
  /** After the studies took the instant's bars, before the first hook (the models' batch). */
  readonly beforeHooks?: (now: number) => void;
  /** Runs the instant's hooks as one unit (the manager's one store transaction); default: as they come. */
  readonly batch?: (hooks: () => void) => void;
  /** A wall clock in ms (performance.now) to time each flush; without one, flushes report 0. */
  readonly wallNow?: () => number;
  /** The process's CPU time in ms (process.cpuUsage), to time each flush apart from the machine's load. */
  readonly cpuNow?: () => number;
  readonly flushed?: (report: FlushReport) => void;
  /** Whether anyone reads the flush reports now: without a reader no clock is read (a CPU-time read is a system call). */
  readonly timed?: () => boolean;
}

/**
 * Bots on the engine's event loop. Closed bars are queued as they close and handled on a timer at the
 * same engine instant, once every bar of that instant has closed (a 1-minute bar and the 5-minute bar
 * ending with it come one after the other): first every bar feeds the shared studies, then each bot's
 * onBar runs for the bars of its declared series, so a bot reading its 5-minute studies on the 1-minute
 * bar sees them current. Fills join the same queue: a hook never runs inside the order manager's own
 * call. Ticks go straight to the bots that take them.
 */
export class BotEventLoop {
  private readonly deps: EventLoopDeps;
  private readonly queue: Queued[] = [];
  private timer: TimerHandle | undefined;
  private live = false;

  constructor(deps: EventLoopDeps) {
    this.deps = deps;
  }

  /**
   * From now on closed bars are handled. Before, they are the feed's history burst: studies fold that
   * history when a bot declares them, and no hook may take an old bar as if it had just closed.
   */
  goLive(): void {
    this.live = true;
  }

  onBar(bar: Bar): void {
    if (!bar.closed || !this.live) return;
    this.queue.push({ kind: 'bar', bar });
    this.schedule();
  }

  onFill(fill: Fill, botId: BotId): void {
    const runner = this.deps.runners().find((r) => r.botId === botId);
    if (!runner?.active || !runner.def.hooks.onFill) return;
    this.queue.push({ kind: 'fill', botId, fill });
    this.schedule();
  }

  onTick(tick: Tick): void {
    for (const r of this.deps.runners()) if (r.active && r.def.hooks.onTick && r.declaresTick(tick.instrumentId as InstrumentId)) this.deps.run(r, { hook: 'onTick', tick });
  }

  /** Handles what is queued now (the timer does this; a test may call it). */
  flush(): void {
    const { deps } = this;
    this.timer?.cancel();
    this.timer = undefined;
    const timed = deps.flushed !== undefined && (deps.timed?.() ?? true);
    // The CPU clock is a system call (tens of µs in a sandbox): read outside the wall window, before it opens and after it closes.
    const cpuStarted = timed ? (deps.cpuNow?.() ?? 0) : 0;
    const started = timed ? (deps.wallNow?.() ?? 0) : 0;
    const wall = timed && deps.wallNow ? deps.wallNow : undefined;
    const events = this.queue.splice(0);
    let bars = 0;
    for (const e of events) {
      if (e.kind !== 'bar') continue;
      deps.studies.onBar(e.bar);
      bars++;
    }
    const studied = wall?.() ?? 0;
    if (bars > 0) deps.beforeHooks?.(deps.clock.now());
    const modelled = wall?.() ?? 0;
    let hooked = modelled;
    let hooks = 0;
    const wanted = (e: Queued, r: BotRunner): boolean => r.active && (e.kind === 'bar' ? r.declaresBar(e.bar) : r.botId === e.botId);
    const runAll = (): void => {
      for (const e of events) {
        for (const r of deps.runners()) {
          if (!wanted(e, r)) continue;
          if (e.kind === 'bar') deps.run(r, { hook: 'onBar', bar: e.bar });
          else deps.run(r, { hook: 'onFill', fill: e.fill });
          hooks++;
        }
      }
      if (wall) hooked = wall();
    };
    // Most instants close bars no bot declares (another timeframe, India VIX): no hook runs, so the
    // instant's store transaction would commit nothing, and is not opened.
    if (deps.batch && events.some((e) => deps.runners().some((r) => wanted(e, r)))) deps.batch(runAll);
    else if (!deps.batch) runAll();
    if (!timed) return;
    const ended = wall?.() ?? 0;
    const phases: FlushPhases | undefined = wall ? { studiesMs: studied - started, modelsMs: modelled - studied, hooksMs: hooked - modelled, commitMs: ended - hooked } : undefined;
    deps.flushed!({ wallMs: wall ? ended - started : 0, cpuMs: deps.cpuNow ? deps.cpuNow() - cpuStarted : 0, bars, hooks, ...(phases ? { phases } : {}) });
  }

  stop(): void {
    this.timer?.cancel();
    this.timer = undefined;
    this.queue.length = 0;
  }

  private schedule(): void {
    this.timer ??= this.deps.clock.setTimer(this.deps.clock.now(), () => this.flush());
  }
}
