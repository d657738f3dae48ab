import { SimClock } from '#core/clock';
import { istDateFromKey } from '#core/time-ist';
import { createBarAggregator } from '#market/bar-aggregator';
import { createSimulatorFeed } from '#market/feeds/simulator/simulator-feed';
import { nseCalendar } from '#market/session-calendar';
import type { Bar } from '#model/bar';
import { toColumns } from '#ml/features/series';
import type { TrainingInput } from '#ml/training/dataset';
import { BANKNIFTY, INDIAVIX, NIFTY } from '#ml/training/history-input';

/**
 * The simulator's market (the data the project may ship): NIFTY and BANKNIFTY 5-minute bars with India
 * VIX beside them, `sessions` NSE sessions from `fromDateKey`, ticks every 5 s. The same seed and start
 * give the same bars, which is what makes `npm run train:default` reproducible.
 */
export function simulatedTrainingInput(o: { readonly seed: number; readonly sessions: number; readonly fromDateKey: string }): TrainingInput {
  const clock = new SimClock(istDateFromKey(o.fromDateKey));
  const feed = createSimulatorFeed({ clock, seed: o.seed, tickIntervalMs: 5_000, warmupSessions: 0 });
  const ids = [NIFTY, BANKNIFTY, INDIAVIX];
  feed.subscribe(ids, 'ltp');
  const collected = ids.map((id) => {
    const agg = createBarAggregator({ instrumentId: id, timeframe: '5m' });
    const bars: Bar[] = [];
    agg.onClose((b) => bars.push(b));
    return { agg, bars };
  });
  feed.onTick((t) => {
    for (const c of collected) c.agg.push(t);
  });
  void feed.start();
  let key = o.fromDateKey;
  for (let i = 0; i < o.sessions; i++) {
    const session = nseCalendar.sessionOn(key) ?? nseCalendar.sessionOn((key = nseCalendar.nextTradingDay(key)))!;
    clock.advanceTo(session.close);
    for (const c of collected) c.agg.advanceTime(session.close);
    key = nseCalendar.nextTradingDay(key);
  }
  void feed.stop();
  const vix = toColumns(collected[2]!.bars);
  return {
    timeframe: '5m',
    source: `simulator seed ${o.seed}, ${o.sessions} sessions from ${o.fromDateKey}`,
    series: [
      { instrumentId: NIFTY, bars: toColumns(collected[0]!.bars), vix },
      { instrumentId: BANKNIFTY, bars: toColumns(collected[1]!.bars), vix },
    ],
  };
}
