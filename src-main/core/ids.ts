import type { Clock } from './clock.ts';

/**
 * Ids that sort by creation time and never repeat within a process, even across restarts in the same
 * millisecond: `<prefix>-<base36 ms>-<base36 seq>-<session>`. The session tag comes from the caller
 * (a random draw at start, or a fixed string in tests) so ids stay deterministic under a SimClock.
 */
export interface IdGenerator {
  next(): string;
}

export function createIdGenerator(prefix: string, clock: Clock, session: string): IdGenerator {
  if (!/^[a-z][a-z0-9]*$/.test(prefix)) throw new Error(`id prefix must be lowercase alphanumeric, got "${prefix}"`);
  let lastMs = -1;
  let seq = 0;
  return {
    next(): string {
      const ms = clock.now();
      if (ms === lastMs) seq++;
      else {
        lastMs = ms;
        seq = 0;
      }
      return `${prefix}-${ms.toString(36)}-${seq.toString(36)}-${session}`;
    },
  };
}
