import { z } from 'zod';

/**
 * Where and when one trial ran on the pool: the thread, its wall interval (epoch ms, comparable across
 * threads) and the CPU time of that thread alone. For benchmarks and tests of the pool's concurrency.
 */
export const taskTimingSchema = z.strictObject({
  trialId: z.number().int().min(0),
  threadId: z.number().int().min(0),
  startMs: z.number(),
  endMs: z.number(),
  cpuMs: z.number().min(0),
  /** Whether this task built the thread's objective (its first task of that spec on that thread). */
  builtObjective: z.boolean(),
});
export type TaskTiming = z.infer<typeof taskTimingSchema>;

export interface PoolUse {
  /** Wall time from the first task's start to the last one's end. */
  readonly spanMs: number;
  /** Per thread: the share of the span it spent in tasks. */
  readonly busy: ReadonlyMap<number, number>;
  /** Time during which at least two tasks ran at once, as a share of the span. */
  readonly overlap: number;
}

/** How busy each thread was over a set of tasks, and how much of the time two or more ran at once. */
export function poolUse(timings: readonly TaskTiming[]): PoolUse {
  if (timings.length === 0) return { spanMs: 0, busy: new Map(), overlap: 0 };
  const start = Math.min(...timings.map((t) => t.startMs));
  const spanMs = Math.max(...timings.map((t) => t.endMs)) - start;
  const busy = new Map<number, number>();
  for (const t of timings) busy.set(t.threadId, (busy.get(t.threadId) ?? 0) + t.endMs - t.startMs);
  for (const [id, ms] of busy) busy.set(id, spanMs > 0 ? ms / spanMs : 0);
  const edges = timings.flatMap((t) => [{ at: t.startMs, d: 1 }, { at: t.endMs, d: -1 }]).sort((a, b) => a.at - b.at || a.d - b.d);
  let running = 0;
  let last = start;
  let together = 0;
  for (const e of edges) {
    if (running >= 2) together += e.at - last;
    running += e.d;
    last = e.at;
  }
  return { spanMs, busy, overlap: spanMs > 0 ? together / spanMs : 0 };
}
