import { err, ok } from '#core/result';
import { istDateKey } from '#core/time-ist';
import type { Bar, Timeframe } from '#model/bar';
import { instrumentId } from '#model/ids';
import type { OpenAlgoClient } from '#openalgo/client';
import { exchange as exchangeSchema } from '#openalgo/wire/common';
import type { HISTORY_INTERVALS } from '#openalgo/wire/market-data';
import type { HistorySource } from '#market/history/history-loader';
import { nseCalendar, type SessionCalendar } from '#market/session-calendar';

const INTERVAL: Readonly<Record<Timeframe, (typeof HISTORY_INTERVALS)[number]>> = {
  '1m': '1m',
  '3m': '3m',
  '5m': '5m',
  '15m': '15m',
  '30m': '30m',
  '60m': '1h',
  '1d': 'D',
};

/**
 * OpenAlgo's /history behind the market's HistorySource port. Intraday candles come start-stamped in
 * epoch seconds; daily candles come at the day's midnight and are re-stamped at the session open, where
 * the engine's own daily bars live, so cached and live daily bars share one key.
 */
export function openAlgoHistorySource(client: Pick<OpenAlgoClient, 'history'>, calendar: SessionCalendar = nseCalendar): HistorySource {
  return {
    async fetch(symbol, exchange, interval, fromDateKey, toDateKey) {
      const ex = exchangeSchema.safeParse(exchange);
      if (!ex.success) return err({ kind: 'validation', message: `${exchange} is not an OpenAlgo exchange` });
      const r = await client.history({ symbol, exchange: ex.data, interval: INTERVAL[interval], start_date: fromDateKey, end_date: toDateKey });
      if (!r.ok) return err({ kind: r.error.kind, message: r.error.message });
      const id = instrumentId(exchange, symbol);
      const bars: Bar[] = [];
      for (const c of r.value.data) {
        let tsStart = c.timestamp * 1000;
        if (interval === '1d') {
          const session = calendar.sessionOn(istDateKey(tsStart));
          if (!session) return err({ kind: 'protocol', message: `${id}: a daily candle on ${istDateKey(tsStart)}, which is not a trading day` });
          tsStart = session.open;
        }
        bars.push({ instrumentId: id, timeframe: interval, tsStart, open: c.open, high: c.high, low: c.low, close: c.close, volume: c.volume, ...(c.oi ? { oi: c.oi } : {}), closed: true });
      }
      return ok(bars);
    },
  };
}
