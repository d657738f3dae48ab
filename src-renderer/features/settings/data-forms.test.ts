import { describe, expect, it } from 'vitest';
import { EMPTY_IMPORT, historyRequest, importRequest } from './data-forms.ts';

describe('the import and download forms', () => {
  it('asks for what an OHLCV file cannot tell: its zone and whether times mark the bar’s start or end', () => {
    expect(importRequest(EMPTY_IMPORT)).toMatchObject({ ok: false, error: expect.stringMatching(/^Give the full path/) });
    const withPath = { ...EMPTY_IMPORT, path: ' /data/nifty.csv ' };
    expect(importRequest(withPath)).toMatchObject({ ok: false, error: expect.stringMatching(/^Choose the zone/) });
    expect(importRequest({ ...withPath, timezone: 'IST' })).toMatchObject({ ok: false, error: expect.stringMatching(/^Choose whether a row’s time/) });
    expect(importRequest({ ...withPath, timezone: 'IST', stamp: 'start', instrumentId: 'nifty' })).toMatchObject({ ok: false, error: expect.stringMatching(/EXCHANGE:SYMBOL/) });
    expect(importRequest({ ...withPath, timezone: 'IST', stamp: 'start', instrumentId: 'nse_index:nifty' })).toEqual({
      ok: true,
      input: { format: 'ohlcv', path: '/data/nifty.csv', instrumentId: 'NSE_INDEX:NIFTY', timeframe: '1m', timezone: 'IST', stamp: 'start' },
    });
    expect(importRequest({ ...withPath, format: 'nse-fo-bhavcopy' })).toEqual({ ok: true, input: { format: 'nse-fo-bhavcopy', path: '/data/nifty.csv' } });
  });

  it('checks the download’s instruments and days', () => {
    expect(historyRequest([], '1d', '30')).toEqual({ ok: false, error: 'Choose at least one instrument.' });
    expect(historyRequest(['NSE_INDEX:NIFTY'], '1d', '0')).toMatchObject({ ok: false });
    expect(historyRequest(['NSE_INDEX:NIFTY'], '1m', '20')).toEqual({ ok: true, input: { instrumentIds: ['NSE_INDEX:NIFTY'], timeframe: '1m', days: 20 } });
  });
});
