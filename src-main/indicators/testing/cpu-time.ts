import { readFileSync } from 'node:fs';

/**
 * CPU time of one call, precise to the microsecond, for benchmarks on a shared machine.
 *
 * Node's thread CPU clock (`process.threadCpuUsage`, getrusage) advances in scheduler ticks of up to 4 ms,
 * too coarse to time one call of a few milliseconds. Linux counts, per thread, the time it spent waiting
 * on a run queue (`/proc/thread-self/schedstat`, second field, in ns, brought up to date each time the
 * thread gets a CPU back); wall time less that wait is the time the thread ran. A CPU-bound call that
 * neither sleeps nor blocks ran for exactly that long, whatever else the machine was doing.
 */
const SCHEDSTAT = '/proc/thread-self/schedstat';

/** The run-queue wait in ns from the text of a schedstat file ("runNs waitNs timeslices"), or undefined. */
export function runQueueWaitNs(schedstat: string): number | undefined {
  const fields = schedstat.trim().split(/\s+/);
  if (fields.length !== 3 || !fields.every((f) => /^\d+$/.test(f))) return undefined;
  return Number(fields[1]);
}

function readWaitNs(): number | undefined {
  try {
    return runQueueWaitNs(readFileSync(SCHEDSTAT, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Whether `callCpuMs` can work here (Linux with schedstats). */
export const hasPreciseCpuTime: boolean = readWaitNs() !== undefined;

/**
 * Running time of one call of `fn` in ms: its wall time less the time the thread waited for a CPU. The
 * clock is read outside the wait counter, so a wait that falls between the two readings can only add
 * to the figure, never take from it; the readings themselves (a file read each) are in it too, which
 * `clockOverheadMs` measures.
 */
export function callCpuMs(fn: () => unknown): number {
  const t0 = process.hrtime.bigint();
  const wait0 = readWaitNs() as number;
  fn();
  const wait1 = readWaitNs() as number;
  const t1 = process.hrtime.bigint();
  return (Number(t1 - t0) - (wait1 - wait0)) / 1e6;
}

/** What `callCpuMs` reports for a call that does nothing: the best of `n` tries. */
export function clockOverheadMs(n = 50): number {
  let best = Infinity;
  for (let k = 0; k < n; k++) best = Math.min(best, callCpuMs(() => undefined));
  return best;
}
