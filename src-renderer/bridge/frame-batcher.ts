/**
 * Collects deltas and hands them over once per animation frame, so a burst of ticks costs one chart
 * update per frame, not one per message.
 */
export function createFrameBatcher<T>(flush: (items: T[]) => void, schedule: (cb: () => void) => void = (cb) => requestAnimationFrame(cb)) {
  let queue: T[] = [];
  let scheduled = false;
  return (item: T): void => {
    queue.push(item);
    if (scheduled) return;
    scheduled = true;
    schedule(() => {
      scheduled = false;
      const items = queue;
      queue = [];
      flush(items);
    });
  };
}

/**
 * One paced animation frame shared by several batchers: every callback scheduled before it runs in that
 * frame, and the next such frame comes no sooner than `intervalMs` later. The chart's candles and studies
 * share one, so a canvas redraw (and its copy to the compositor, costly where Chromium paints in software)
 * happens at most once per interval however many deltas arrive.
 */
export function createPacedFrame(intervalMs: number, timer: (cb: () => void, ms: number) => void = (cb, ms) => setTimeout(cb, ms), frame: (cb: () => void) => void = (cb) => requestAnimationFrame(cb)) {
  let pending: (() => void)[] = [];
  return (cb: () => void): void => {
    pending.push(cb);
    if (pending.length > 1) return;
    timer(
      () =>
        frame(() => {
          const run = pending;
          pending = [];
          for (const f of run) f();
        }),
      intervalMs,
    );
  };
}
