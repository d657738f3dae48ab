import { describe, expect, it } from 'vitest';
import { historyListDto, type HistorySeriesDto } from '#contract/history-dto';
import { historyFilter, historySummary, sourcesText } from './history-rows.ts';

const NONE: HistorySeriesDto['sources'] = { simulator: 0, feed: 0, csv: 0, bhavcopy: 0, openalgo: 0, unknown: 0 };
const series = (instrumentId: string, bars: number): HistorySeriesDto => ({ instrumentId, timeframe: '1m', bars, firstTs: 0, lastTs: 0, first: '2025-12-01 09:15', last: '2025-12-01 15:29', sessions: 1, sources: { ...NONE, csv: bars } });

describe('the stored history table', () => {
  it('names only the sources a series has, imported first, with bars from before sources as unknown', () => {
    expect(sourcesText({ ...NONE, feed: 12, csv: 1375, unknown: 3 })).toBe('CSV 1,375 · recorded feed 12 · unknown 3');
    expect(sourcesText({ ...NONE, openalgo: 375 })).toBe('OpenAlgo 375');
    expect(sourcesText(NONE)).toBe('');
  });

  it('says how many series were left out of the listing', () => {
    const all = historyListDto.parse({ series: [series('NSE_INDEX:NIFTY', 375)], totalSeries: 1, totalBars: 375, more: 0, limit: 200 });
    expect(historySummary(all)).toBe('1 series, 375 bars.');
    const capped = historyListDto.parse({ series: [series('NFO:A', 1), series('NFO:B', 1)], totalSeries: 1502, totalBars: 250_000, more: 1500, limit: 2 });
    expect(historySummary(capped)).toBe('1,502 series, 2,50,000 bars; the first 2 are listed, 1,500 more are not: narrow the filter (e.g. NFO:NIFTY).');
  });

  it('reads the filter as the start of an instrument id', () => {
    expect(historyFilter(' nfo:nifty ')).toEqual({ instrument: 'NFO:NIFTY' });
    expect(historyFilter('  ')).toEqual({});
  });
});
