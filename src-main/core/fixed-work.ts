/**
 * A fixed piece of arithmetic sized to take about `targetUs` microseconds, for a benchmark to time beside
 * its subject in the same loop: on a shared or virtual machine even identical work has a tail (preemption,
 * frequency, caches evicted by the subject), and a p99 read without that reference blames the subject for it.
 */
export function fixedWork(targetUs: number): () => number {
  const data = new Float64Array(4096);
  for (let i = 0; i < data.length; i++) data[i] = (i % 97) / 97;
  let rounds = 1;
  const work = (): number => {
    let s = 0;
    for (let r = 0; r < rounds; r++) for (let i = 0; i < data.length; i++) s += data[i]! * data[(i * 7) & 4095]!;
    return s;
  };
  // Sized by timing the very function handed out, on the median of many calls (a preempted call must not size
  // it), over a few rounds of adjustment as the optimiser settles; the sums are kept so no call is dead code.
  let sink = 0;
  for (let step = 0; step < 4; step++) {
    const probes: number[] = [];
    for (let i = 0; i < 101; i++) probes.push(timeUs(() => (sink += work())));
    const median = probes.sort((a, b) => a - b)[50]!;
    rounds = Math.max(1, Math.round((rounds * targetUs) / median));
  }
  if (!Number.isFinite(sink)) throw new Error('fixed work: sums not finite');
  return work;
}

/** Times `work` once, in microseconds. */
export function timeUs(work: () => unknown): number {
  const t0 = performance.now();
  work();
  return (performance.now() - t0) * 1000;
}
