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
