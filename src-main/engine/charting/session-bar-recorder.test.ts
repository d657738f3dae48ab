import { describe, expect, it } from 'vitest';
import { SimClock } from '#core/clock';
import { silentLogger } from '#core/log';
import type { Bar } from '#model/bar';
import type { InstrumentId } from '#model/ids';
import { QuoteBook } from '#execution/quotes';
import type { StoreFaults } from '../store-faults.ts';
import { createSessionBarRecorder } from './session-bar-recorder.ts';

const NIFTY = 'NSE_INDEX:NIFTY' as InstrumentId;
const LEG = 'NFO:NIFTY01DEC2625450CE' as InstrumentId;
const OTHER = 'NFO:NIFTY01DEC2625500CE' as InstrumentId;
/** 25 Nov 2026, 09:45 IST: inside the session. */
const T0 = Date.UTC(2026, 10, 25, 4, 15);
const M = 60_000;
const bar = (id: InstrumentId, tsStart: number, close: number, closed = true): Bar => ({ instrumentId: id, timeframe: '1m', tsStart, open: close, high: close, low: close, close, volume: 0, closed });
const turn = (): Promise<void> => new Promise((r) => setImmediate(r));

function setup(o: { failFirst?: boolean | Error; storeFaults?: Pick<StoreFaults, 'absorb'> } = {}) {
  const clock = new SimClock(T0 + 20_000);
  const quotes = new QuoteBook();
  const handlers: ((b: Bar) => void)[] = [];
  const writes: Bar[][] = [];
  let fail: Error | undefined = o.failFirst === true ? new Error('disk full') : o.failFirst || undefined;
  const recorder = createSessionBarRecorder({
    marketData: { onBar: (h) => (handlers.push(h), () => void handlers.splice(handlers.indexOf(h), 1)) },
    quotes,
    cache: {
      saveRecorded: (bars) => {
        if (fail) {
          const thrown = fail;
          fail = undefined;
          throw thrown;
        }
        writes.push([...bars]);
      },
    },
    clock,
    logger: silentLogger(),
    instruments: [NIFTY],
    modelQuotedLegs: true,
    ...(o.storeFaults ? { storeFaults: o.storeFaults } : {}),
  });
  const emit = (b: Bar): void => {
    for (const h of handlers) h(b);
  };
  return { clock, quotes, recorder, writes, emit };
}

describe('session bar recorder', () => {
  it('writes the bars closed at one boundary together, after it; nothing from before the start, forming or of other series', async () => {
    const s = setup();
    s.recorder.start();
    s.emit(bar(NIFTY, T0 - M, 1));
    s.emit(bar(NIFTY, T0, 2));
    s.emit({ ...bar(NIFTY, T0, 2), timeframe: '5m' });
    s.emit(bar(OTHER, T0, 3));
    s.emit(bar(NIFTY, T0 + M, 4, false));
    expect(s.writes).toEqual([]);
    await turn();
    expect(s.writes).toEqual([[bar(NIFTY, T0, 2)]]);
  });

  it('keeps a batch whose write failed and writes it with the next', async () => {
    const s = setup({ failFirst: true });
    s.recorder.start();
    s.emit(bar(NIFTY, T0, 2));
    await turn();
    expect(s.writes).toEqual([]);
    s.emit(bar(NIFTY, T0 + M, 3));
    await turn();
    expect(s.writes).toEqual([[bar(NIFTY, T0, 2), bar(NIFTY, T0 + M, 3)]]);
  });

  it('reports a write the database refused where the trader sees it, keeping the bars all the same', async () => {
    const reported: string[] = [];
    const locked = Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
    const s = setup({ failFirst: locked, storeFaults: { absorb: (e, where, consequence) => (reported.push(`${(e as Error).message} on ${where}: ${consequence}`), true) } });
    s.recorder.start();
    s.emit(bar(NIFTY, T0, 2));
    await turn();
    expect(reported).toEqual(["database is locked on the session bar recorder: 1 bar(s) kept for the next minute's write"]);
    s.emit(bar(NIFTY, T0 + M, 3));
    await turn();
    expect(s.writes).toEqual([[bar(NIFTY, T0, 2), bar(NIFTY, T0 + M, 3)]]);
  });

  it('builds a model-quoted leg’s bars from its quotes, opening at the quote the order saw, closing on the clock', async () => {
    const s = setup();
    s.recorder.start();
    s.quotes.set({ instrumentId: LEG, ltp: 100, tsEvent: T0 + 19_000 });
    s.recorder.record(LEG);
    s.clock.advanceTo(T0 + 30_000);
    s.quotes.set({ instrumentId: LEG, ltp: 104, tsEvent: T0 + 30_000 });
    s.quotes.set({ instrumentId: OTHER, ltp: 50, tsEvent: T0 + 30_000 });
    s.clock.advanceTo(T0 + 40_000);
    s.quotes.set({ instrumentId: LEG, ltp: 98, tsEvent: T0 + 40_000 });
    // No quote after: the minute still closes when the clock passes it.
    s.clock.advanceTo(T0 + M);
    await turn();
    expect(s.writes).toEqual([[expect.objectContaining({ instrumentId: LEG, tsStart: T0, open: 100, high: 104, low: 98, close: 98, closed: true })]]);
    s.recorder.stop();
    s.quotes.set({ instrumentId: LEG, ltp: 99, tsEvent: T0 + M + 1000 });
    s.clock.advanceTo(T0 + 3 * M);
    await turn();
    expect(s.writes).toHaveLength(1);
  });
});
