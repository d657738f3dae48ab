import type { Clock, TimerHandle } from '#core/clock';
import type { Logger } from '#core/log';

/** One line to log: the first problem of a quiet spell as it happened, later ones as a count per window. */
export interface AggregatedLine {
  readonly first: boolean;
  /** Problems this line stands for (1 for the first). */
  readonly count: number;
  /** The latest problem's description. */
  readonly sample: string;
  readonly windowMs: number;
}

export interface AggregatedReporter {
  report(description: string): void;
  /** Emits what is pending and stops the window timer. */
  close(): void;
}

/**
 * Keeps a flood of identical problems (a broker adapter sending thousands of malformed frames) from
 * becoming a flood of log lines: the first is emitted at once, the rest as one line per window with
 * their count, and nothing at all once the problems stop.
 */
export function createAggregatedReporter(options: { clock: Clock; emit: (line: AggregatedLine) => void; windowMs?: number }): AggregatedReporter {
  const { clock, emit } = options;
  const windowMs = options.windowMs ?? 60_000;
  let timer: TimerHandle | undefined;
  let count = 0;
  let sample = '';

  function endWindow(): void {
    timer = undefined;
    if (count === 0) return;
    emit({ first: false, count, sample, windowMs });
    count = 0;
    timer = clock.setTimer(clock.now() + windowMs, endWindow);
  }

  return {
    report(description) {
      if (!timer) {
        emit({ first: true, count: 1, sample: description, windowMs });
        timer = clock.setTimer(clock.now() + windowMs, endWindow);
        return;
      }
      count++;
      sample = description;
    },
    close() {
      timer?.cancel();
      timer = undefined;
      if (count > 0) emit({ first: false, count, sample, windowMs });
      count = 0;
    },
  };
}

/**
 * The usual `emit`: a warning with the first problem under `field`, then a warning per window with the count
 * and the latest one.
 */
export function warnAggregated(logger: Pick<Logger, 'warn'>, field: string, first: string, many: string): (line: AggregatedLine) => void {
  return (l) => (l.first ? logger.warn({ [field]: l.sample }, first) : logger.warn({ count: l.count, windowMs: l.windowMs, last: l.sample }, many));
}
