import type { z } from 'zod';
import type { csvImportInput, historyDownloadInput } from '#contract/settings-dto';

export type CsvImportInput = z.input<typeof csvImportInput>;
export type HistoryDownloadInput = z.input<typeof historyDownloadInput>;

export interface ImportForm {
  readonly path: string;
  readonly format: 'ohlcv' | 'nse-fo-bhavcopy';
  readonly instrumentId: string;
  readonly timeframe: string;
  /** Empty until chosen: a file's zone and stamp are never guessed. */
  readonly timezone: '' | 'IST' | 'UTC';
  readonly stamp: '' | 'start' | 'end';
}

export const EMPTY_IMPORT: ImportForm = { path: '', format: 'ohlcv', instrumentId: 'NSE_INDEX:NIFTY', timeframe: '1m', timezone: '', stamp: '' };

/** The indices (and India VIX) whose history can be downloaded through OpenAlgo. */
export const HISTORY_INSTRUMENTS = ['NSE_INDEX:NIFTY', 'NSE_INDEX:BANKNIFTY', 'NSE_INDEX:FINNIFTY', 'BSE_INDEX:SENSEX', 'NSE_INDEX:INDIAVIX'] as const;

const INSTRUMENT = /^[A-Z_]{2,12}:[A-Z0-9&_-]{1,40}$/;

/** The import command from the form, or the first thing missing, in the trader's words. */
export function importRequest(f: ImportForm): { ok: true; input: CsvImportInput } | { ok: false; error: string } {
  const path = f.path.trim();
  if (!path) return { ok: false, error: 'Give the full path of a .csv file, or of a folder of them, on the machine the terminal runs on.' };
  if (f.format === 'nse-fo-bhavcopy') return { ok: true, input: { format: 'nse-fo-bhavcopy', path } };
  const instrumentId = f.instrumentId.trim().toUpperCase();
  if (!INSTRUMENT.test(instrumentId)) return { ok: false, error: 'Name the instrument as EXCHANGE:SYMBOL, e.g. NSE_INDEX:NIFTY.' };
  if (!f.timezone) return { ok: false, error: 'Choose the zone the file’s times are written in (IST or UTC): it is never guessed.' };
  if (!f.stamp) return { ok: false, error: 'Choose whether a row’s time is its bar’s start (first bar 09:15) or end (09:16).' };
  return { ok: true, input: { format: 'ohlcv', path, instrumentId, timeframe: f.timeframe as '1m', timezone: f.timezone, stamp: f.stamp } };
}

/** The download command from the form, or what is missing. */
export function historyRequest(instrumentIds: readonly string[], timeframe: '1m' | '1d', daysText: string): { ok: true; input: HistoryDownloadInput } | { ok: false; error: string } {
  if (instrumentIds.length === 0) return { ok: false, error: 'Choose at least one instrument.' };
  const days = Number(daysText.trim());
  if (!Number.isInteger(days) || days < 1 || days > 3650) return { ok: false, error: 'Days back must be a whole number from 1 to 3,650.' };
  return { ok: true, input: { instrumentIds: [...instrumentIds], timeframe, days } };
}
