import type { HistoryListDto, HistorySeriesDto } from '#contract/history-dto';

const SOURCES = ['csv', 'bhavcopy', 'openalgo', 'feed', 'simulator', 'unknown'] as const;

/** How each source is named to the trader: where the bars came from, in a word or two. */
const SOURCE_LABEL: Readonly<Record<(typeof SOURCES)[number], string>> = {
  csv: 'CSV',
  bhavcopy: 'bhavcopy',
  openalgo: 'OpenAlgo',
  feed: 'recorded feed',
  simulator: 'simulator',
  unknown: 'unknown',
};

const n = (x: number): string => x.toLocaleString('en-IN');

/** The sources a series has, imported first, e.g. `CSV 375 · recorded feed 12`; bars stored before sources were kept are `unknown`. */
export function sourcesText(s: HistorySeriesDto['sources']): string {
  return SOURCES.filter((k) => s[k] > 0)
    .map((k) => `${SOURCE_LABEL[k]} ${n(s[k])}`)
    .join(' · ');
}

/** The line under the table: what it holds in all, and how many series it does not show. */
export function historySummary(l: HistoryListDto): string {
  const all = `${n(l.totalSeries)} series, ${n(l.totalBars)} bars`;
  return l.more > 0 ? `${all}; the first ${n(l.series.length)} are listed, ${n(l.more)} more are not: narrow the filter (e.g. NFO:NIFTY).` : `${all}.`;
}

/** A filter as the trader types it: the start of an instrument id, `NFO:NIFTY` or `NSE_INDEX:`. */
export function historyFilter(text: string): { instrument?: string } {
  const t = text.trim().toUpperCase();
  return t ? { instrument: t } : {};
}
