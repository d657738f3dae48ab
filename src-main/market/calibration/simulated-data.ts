import { SimClock } from '#core/clock';
import { istDateFromKey, istDateKey } from '#core/time-ist';
import type { Bar } from '#model/bar';
import { instrumentId } from '#model/ids';
import { createBarAggregator } from '../bar-aggregator.ts';
import { createSimulatorFeed } from '../feeds/simulator/simulator-feed.ts';
import type { ModelParams } from '../feeds/simulator/market-model.ts';
import { nseCalendar } from '../session-calendar.ts';
import type { DailyRow, MinuteRow } from './metrics.ts';

export interface SimulatedRun {
  readonly niftyDaily: readonly DailyRow[];
  readonly bankDaily: readonly DailyRow[];
  readonly vixDaily: readonly DailyRow[];
  readonly niftyMinute: readonly MinuteRow[];
  readonly bankMinute: readonly MinuteRow[];
}

export interface SimulateOptions {
  readonly seed: number;
  readonly sessions: number;
  readonly tickIntervalMs: number;
  /** First day of the run (a fixed date keeps the check reproducible). */
  readonly fromDateKey: string;
  readonly params?: Partial<ModelParams>;
  /** Keep 1-minute bars (costly for long runs). */
  readonly minutes: boolean;
}

const NIFTY = instrumentId('NSE_INDEX', 'NIFTY');
const BANK = instrumentId('NSE_INDEX', 'BANKNIFTY');
const VIX = instrumentId('NSE_INDEX', 'INDIAVIX');

/** Runs the simulator feed on a SimClock through the bar aggregator, exactly as the engine consumes it. */
export function simulate(options: SimulateOptions): SimulatedRun {
  const start = istDateFromKey(options.fromDateKey);
  const clock = new SimClock(start);
  const feed = createSimulatorFeed({ clock, seed: options.seed, tickIntervalMs: options.tickIntervalMs, warmupSessions: 0, ...(options.params ? { params: options.params } : {}) });
  const ids = [NIFTY, BANK, VIX] as const;
  feed.subscribe([...ids], 'ltp');
  const daily = ids.map((id) => collect(createBarAggregator({ instrumentId: id, timeframe: '1d' })));
  const minute = options.minutes ? [NIFTY, BANK].map((id) => collect(createBarAggregator({ instrumentId: id, timeframe: '1m' }))) : [];
  feed.onTick((t) => {
    for (const d of daily) d.agg.push(t);
    for (const m of minute) m.agg.push(t);
  });
  void feed.start();
  let key = options.fromDateKey;
  for (let i = 0; i < options.sessions; i++) {
    const s = nseCalendar.sessionOn(key) ?? nseCalendar.sessionOn((key = nseCalendar.nextTradingDay(key)))!;
    clock.advanceTo(s.close);
    for (const d of daily) d.agg.advanceTime(s.close);
    for (const m of minute) m.agg.advanceTime(s.close);
    key = nseCalendar.nextTradingDay(key);
  }
  void feed.stop();
  const toDaily = (bars: readonly Bar[]): DailyRow[] => bars.map((b) => ({ dateKey: istDateKey(b.tsStart), open: b.open, close: b.close }));
  const toMinute = (bars: readonly Bar[]): MinuteRow[] =>
    bars.map((b) => {
      const dateKey = istDateKey(b.tsStart);
      return { dateKey, minute: Math.round((b.tsStart - nseCalendar.sessionOn(dateKey)!.open) / 60_000), open: b.open, close: b.close };
    });
  return {
    niftyDaily: toDaily(daily[0]!.bars),
    bankDaily: toDaily(daily[1]!.bars),
    vixDaily: toDaily(daily[2]!.bars),
    niftyMinute: minute[0] ? toMinute(minute[0].bars) : [],
    bankMinute: minute[1] ? toMinute(minute[1].bars) : [],
  };
}

function collect(agg: ReturnType<typeof createBarAggregator>) {
  const bars: Bar[] = [];
  agg.onBar((b) => b.closed && bars.push(b));
  return { agg, bars };
}
