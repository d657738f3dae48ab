import type { Tick } from '#model/bar';
import type { InstrumentId } from '#model/ids';
import type { TickRow } from '#market/history/bar-cache';
import { makeTick } from './bar-ticks.ts';
import type { ReplayCursor } from './cursor-queue.ts';

/** Where a cursor reads recorded ticks: the SQLite bar cache, after (ms, seq). */
export type TickRowSource = (afterMs: number, afterSeq: number, limit: number) => readonly TickRow[];

/** Recorded ticks of one instrument, in stored order, read a page at a time. */
export class StoredTickCursor implements ReplayCursor {
  readonly instrumentId: InstrumentId;
  nextTs = Number.POSITIVE_INFINITY;

  private readonly read: TickRowSource;
  private readonly pageSize: number;
  private page: readonly TickRow[] = [];
  private row = 0;
  private lastPage = false;
  private afterMs: number;
  private afterSeq = Number.MAX_SAFE_INTEGER;

  constructor(options: { instrumentId: InstrumentId; fromMs: number; read: TickRowSource; pageSize: number }) {
    this.instrumentId = options.instrumentId;
    this.read = options.read;
    this.pageSize = options.pageSize;
    // (fromMs - 1, +∞) is just before (fromMs, 0): the first page starts at fromMs.
    this.afterMs = options.fromMs - 1;
    this.advance();
  }

  take(): Tick {
    const r = this.page[this.row++]!;
    const tick = makeTick(this.instrumentId, r[0], r[2], r[3], r[4]);
    this.advance();
    return tick;
  }

  skipThrough(ms: number): void {
    while (this.nextTs <= ms) {
      this.row++;
      this.advance();
    }
  }

  private advance(): void {
    if (this.row >= this.page.length) {
      if (this.lastPage) {
        this.page = [];
        this.nextTs = Number.POSITIVE_INFINITY;
        return;
      }
      this.page = this.read(this.afterMs, this.afterSeq, this.pageSize);
      this.row = 0;
      this.lastPage = this.page.length < this.pageSize;
      const last = this.page[this.page.length - 1];
      if (!last) {
        this.nextTs = Number.POSITIVE_INFINITY;
        return;
      }
      this.afterMs = last[0];
      this.afterSeq = last[1];
    }
    this.nextTs = this.page[this.row]![0];
  }
}
