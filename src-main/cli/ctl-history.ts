import type { RouteOutput } from '#contract/rest-api';
import { HISTORY_LIST_DEFAULT, HISTORY_LIST_MAX, historyListQuery } from '#contract/history-dto';
import { call, usage, type CtlPlan } from './ctl-plan.ts';
import { table } from './ctl-tables.ts';

/** `npm run ctl -- history …`: what history the running terminal's database holds (`GET /api/data/history`). */
export interface HistoryValues {
  readonly instrument?: string;
  readonly exchange?: string;
  readonly timeframe?: string;
  readonly limit?: string;
}

export const HISTORY_HELP = `  history [--exchange NFO | --instrument NFO:NIFTY] [--timeframe 1m] [--limit N]
                                  stored history per instrument and bar size: bars, first and last (IST),
                                  sessions, bars by source; at most ${HISTORY_LIST_DEFAULT} series (--limit up to ${HISTORY_LIST_MAX})`;

const OPTION: Readonly<Record<string, string>> = { instrument: '--instrument', exchange: '--exchange', timeframe: '--timeframe', limit: '--limit' };

/** The filters checked with the API's own schema, so a bad one is named before anything is sent. */
export function historyPlan(words: readonly string[], v: HistoryValues): CtlPlan {
  if (words.length) return usage(`unexpected "${words[0]}" after history`, 'filter with --exchange NFO or --instrument NFO:NIFTY, and --timeframe 1m');
  const given = { instrument: v.instrument, exchange: v.exchange, timeframe: v.timeframe, limit: v.limit };
  const parsed = historyListQuery.safeParse(Object.fromEntries(Object.entries(given).filter(([, x]) => x !== undefined)));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = String(issue.path[0] ?? 'instrument');
    return usage(`${OPTION[field] ?? field} ${given[field as keyof typeof given] ?? ''}: ${issue.message}`, 'see npm run ctl -- --help');
  }
  const query = parsed.data;
  return call('dataHistory', (c) => c.history(query));
}

const SOURCES = ['simulator', 'feed', 'csv', 'bhavcopy', 'openalgo', 'unknown'] as const;

/** Only the sources a series has, e.g. `csv 375, feed 12`. */
const sourcesText = (s: RouteOutput<'dataHistory'>['series'][number]['sources']): string =>
  SOURCES.filter((k) => s[k] > 0)
    .map((k) => `${k} ${s[k]}`)
    .join(', ');

export const HISTORY_FORMAT = {
  dataHistory: (h: RouteOutput<'dataHistory'>): string => {
    if (h.totalSeries === 0) return 'no stored bars match (import CSV files, download history, or let the terminal record its feed)';
    const rows = table(
      ['instrument', 'bar size', 'bars', 'first (IST)', 'last (IST)', 'sessions', 'sources'],
      h.series.map((s) => [s.instrumentId, s.timeframe, s.bars, s.first, s.last, s.sessions, sourcesText(s.sources)]),
    );
    const more = h.more > 0 ? `\n… ${h.more} more series not listed (--limit up to ${HISTORY_LIST_MAX}, or narrow with --exchange, --instrument, --timeframe)` : '';
    return `${rows}${more}\n${h.totalSeries} series, ${h.totalBars} bars in all`;
  },
};
