import type { Clock } from '#core/clock';
import type { Logger } from '#core/log';
import { storeFaultOf, type StoreFault } from '#store/store-fault';

/** A write the database refused on a path that goes on: where, what, and how many such since the last report. */
export interface StoreFaultReport {
  /** The path that met it, for the trader: "a tick", "the bots' closed-bar instant", … */
  readonly where: string;
  /** What that path lost: "the risk snapshot is written with the next tick", … */
  readonly consequence: string;
  readonly fault: StoreFault;
  /** Faults this path met since its last report, this one included (at most one report a minute per path). */
  readonly count: number;
  /** Engine-clock time. */
  readonly ts: number;
}

export interface StoreFaultsDeps {
  readonly clock: Clock;
  readonly logger: Logger;
  readonly report: (r: StoreFaultReport) => void;
}

const REPORT_EVERY_MS = 60_000;
/** A refusal this long ago (engine clock) with none since no longer shows: the writes tried since went through. */
const SHOWN_FOR_MS = 15_000;

/** While writes are being refused: the latest refusal's path and message, and since when (engine clock). */
export interface StoreFaultState {
  readonly where: string;
  readonly message: string;
  readonly since: number;
  readonly last: number;
}

/**
 * Where the engine's paths that run again on their own (each tick, each bar, each heartbeat) take a
 * write the database refused (`store-fault.ts`): the path's work for that turn is lost and said to be,
 * and the next turn tries again. Each path's first is reported at once, then at most one a minute per
 * path with how many it met since, so a database locked for minutes does not flood the log, the trader
 * or Telegram. Anything else thrown is a bug and goes on up.
 */
export class StoreFaults {
  private readonly deps: StoreFaultsDeps;
  /** Per path: a locked database meets ticks many times a second and a bot instant once a minute, and the trader should hear of both. */
  private readonly paths = new Map<string, { lastReport: number; unreported: number }>();
  private episode: StoreFaultState | undefined;

  constructor(deps: StoreFaultsDeps) {
    this.deps = deps;
  }

  /** Takes `thrown` when it is a store fault (true); anything else is the caller's to throw on (false). */
  absorb(thrown: unknown, where: string, consequence: string): boolean {
    const fault = storeFaultOf(thrown);
    if (!fault) return false;
    let path = this.paths.get(where);
    if (!path) this.paths.set(where, (path = { lastReport: Number.NEGATIVE_INFINITY, unreported: 0 }));
    path.unreported++;
    const ts = this.deps.clock.now();
    const since = this.episode && ts - this.episode.last <= SHOWN_FOR_MS ? this.episode.since : ts;
    this.episode = { where, message: fault.message, since, last: ts };
    if (ts - path.lastReport < REPORT_EVERY_MS) return true;
    const report: StoreFaultReport = { where, consequence, fault, count: path.unreported, ts };
    path.lastReport = ts;
    path.unreported = 0;
    this.deps.logger.error({ code: fault.code, where, count: report.count }, `the database refused a write on ${where}: ${fault.message}; ${consequence}`);
    this.deps.report(report);
    return true;
  }

  /** The refusals going on now, for the trader's status line: undefined once none came for 15 s of the engine clock. */
  state(): StoreFaultState | undefined {
    const e = this.episode;
    return e && this.deps.clock.now() - e.last <= SHOWN_FOR_MS ? e : undefined;
  }

  /** Runs `fn`, taking a store fault it throws as `absorb` does. */
  guard(where: string, consequence: string, fn: () => void): void {
    try {
      fn();
    } catch (e) {
      if (!this.absorb(e, where, consequence)) throw e;
    }
  }
}

/** An uncaught store fault as an entry point's one line (`Cli.explainCrashes`): what stopped it and what to do. */
export function storeFaultCrash(error: Error): { readonly what: string; readonly fix: string } | undefined {
  const fault = storeFaultOf(error);
  if (!fault) return undefined;
  return {
    what: `stopped: the database refused a write: ${fault.message}`,
    fix: 'close the program holding terminal.sqlite (or free disk space) and start again: everything written before is kept, and a terminal reconciles with the broker as it starts',
  };
}
