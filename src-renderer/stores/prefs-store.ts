import { create } from 'zustand';
import type { TimeframeDto } from './types.ts';
import type { StudyId } from '#contract/market-dto';
import { loadPref, savePref } from '../lib/persist.ts';

export type Theme = 'dark' | 'light';
export const TIMEFRAMES = ['1m', '3m', '5m', '15m', '30m', '60m', '1d'] as const satisfies readonly TimeframeDto[];
export const STUDIES: readonly StudyId[] = ['ema20', 'ema50', 'vwap', 'bollinger', 'keltner', 'supertrend', 'rsi', 'macd', 'adx', 'price-action'];

const readTheme = (raw: unknown): Theme | undefined => (raw === 'dark' || raw === 'light' ? raw : undefined);
const readTimeframe = (raw: unknown): TimeframeDto | undefined => ((TIMEFRAMES as readonly unknown[]).includes(raw) ? (raw as TimeframeDto) : undefined);
const readStudies = (raw: unknown): StudyId[] | undefined => (Array.isArray(raw) ? raw.filter((s): s is StudyId => (STUDIES as readonly unknown[]).includes(s)) : undefined);

interface PrefsState {
  theme: Theme;
  timeframe: TimeframeDto;
  studies: StudyId[];
  setTheme(theme: Theme): void;
  setTimeframe(tf: TimeframeDto): void;
  toggleStudy(id: StudyId): void;
}

/** The trader's view preferences, remembered in this browser (or app window). */
export const usePrefsStore = create<PrefsState>((set, get) => ({
  theme: loadPref('theme', readTheme, 'dark'),
  timeframe: loadPref('chart.timeframe', readTimeframe, '1m'),
  studies: loadPref('chart.studies', readStudies, ['ema20', 'ema50', 'rsi', 'price-action']),
  setTheme(theme) {
    savePref('theme', theme);
    set({ theme });
  },
  setTimeframe(timeframe) {
    savePref('chart.timeframe', timeframe);
    set({ timeframe });
  },
  toggleStudy(id) {
    const cur = get().studies;
    const studies = cur.includes(id) ? cur.filter((s) => s !== id) : STUDIES.filter((s) => s === id || cur.includes(s));
    savePref('chart.studies', studies);
    set({ studies });
  },
}));
