import type { Tick } from '#model/bar';
import type { InstrumentId } from '#model/ids';

/** One instrument's recorded data, read a page at a time and played a tick at a time. */
export interface ReplayCursor {
  readonly instrumentId: InstrumentId;
  /** Instant of the next tick; +Infinity once the data is over. */
  readonly nextTs: number;
  /** The next tick; moves on (reading the next page when this one is used up). */
  take(): Tick;
}

interface Entry {
  readonly cursor: ReplayCursor;
  /** Subscription order: breaks ties between instruments with ticks at the same instant. */
  readonly order: number;
}

const before = (a: Entry, b: Entry): boolean => a.cursor.nextTs < b.cursor.nextTs || (a.cursor.nextTs === b.cursor.nextTs && a.order < b.order);

/**
 * The merge of every instrument's cursor: a binary heap by the next tick's instant, then by the order the
 * instruments were added, so the interleaving of ticks is the same on every run.
 */
export class CursorQueue {
  private readonly heap: Entry[] = [];
  private added = 0;

  get size(): number {
    return this.heap.length;
  }

  /** The cursor whose tick comes next, if any data is left. */
  peek(): ReplayCursor | undefined {
    return this.heap[0]?.cursor;
  }

  add(cursor: ReplayCursor): void {
    if (cursor.nextTs === Number.POSITIVE_INFINITY) return;
    this.heap.push({ cursor, order: this.added++ });
    this.siftUp(this.heap.length - 1);
  }

  /** Takes the next tick of the front cursor and puts the cursor back in its place (or out, at its end). */
  take(): Tick {
    const top = this.heap[0]!;
    const tick = top.cursor.take();
    if (top.cursor.nextTs === Number.POSITIVE_INFINITY) {
      const last = this.heap.pop()!;
      if (this.heap.length > 0) {
        this.heap[0] = last;
        this.siftDown(0);
      }
    } else {
      this.siftDown(0);
    }
    return tick;
  }

  remove(instrumentId: InstrumentId): void {
    const kept = this.heap.filter((e) => e.cursor.instrumentId !== instrumentId);
    if (kept.length === this.heap.length) return;
    this.heap.length = 0;
    for (const e of kept.sort((a, b) => (before(a, b) ? -1 : 1))) this.heap.push(e);
  }

  private siftUp(i: number): void {
    const heap = this.heap;
    const e = heap[i]!;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(e, heap[parent]!)) break;
      heap[i] = heap[parent]!;
      i = parent;
    }
    heap[i] = e;
  }

  private siftDown(i: number): void {
    const heap = this.heap;
    const n = heap.length;
    const e = heap[i]!;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      const child = left + 1 < n && before(heap[left + 1]!, heap[left]!) ? left + 1 : left;
      if (!before(heap[child]!, e)) break;
      heap[i] = heap[child]!;
      i = child;
    }
    heap[i] = e;
  }
}
