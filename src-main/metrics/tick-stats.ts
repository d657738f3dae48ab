import type { InstrumentId } from '#model/ids';

/** What the metrics keep per instrument: plain numbers updated in place, so a tick allocates nothing. */
export interface TickEntry {
  count: number;
  /** How many of `count` were already handed to the registry. */
  reported: number;
  /** Engine clock minus the tick's own timestamp for the latest tick, ms. */
  lagMs: number;
}

/**
 * Tick counts and lag per instrument. The hot path is one Map lookup and three assignments; the
 * registry reads the entries only when Prometheus scrapes.
 */
export class TickStats {
  private readonly byInstrument = new Map<InstrumentId, TickEntry>();

  record(instrumentId: InstrumentId, tsEvent: number, now: number): void {
    let entry = this.byInstrument.get(instrumentId);
    if (entry === undefined) {
      entry = { count: 0, reported: 0, lagMs: 0 };
      this.byInstrument.set(instrumentId, entry);
    }
    entry.count++;
    entry.lagMs = now - tsEvent;
  }

  entries(): IterableIterator<[InstrumentId, TickEntry]> {
    return this.byInstrument.entries();
  }
}
