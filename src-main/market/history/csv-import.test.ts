import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { istToEpoch } from '#core/time-ist';
import { instrumentId } from '#model/ids';
import { calendarWithHolidays, dec } from '../test-support.ts';
import { createSqliteBarCache } from './bar-cache.ts';
import { importCsv, importCsvStream, parseCsvBars, type CsvImportOptions } from './csv-import.ts';

// Synthetic rows in the layouts of real exports (see market.md §4 and data README): no real data.
const calendar = calendarWithHolidays('2025-12-25');
const NIFTY = instrumentId('NSE_INDEX', 'NIFTY');
const ohlcv = (timeframe: '1m' | '5m' | '15m' | '60m' | '1d', stamp: 'start' | 'end', timezone: 'Asia/Kolkata' | 'UTC' = 'Asia/Kolkata'): CsvImportOptions => ({ format: 'ohlcv', instrumentId: NIFTY, timeframe, stamp, timezone, calendar });

describe('parseCsvBars: OHLCV exports', () => {
  it('reads start-stamped IST timestamps (broker / TradingView style)', () => {
    const csv = 'timestamp,open,high,low,close,volume\n2025-12-01 09:15:00,100,101,99,100.5,1500\n2025-12-01 09:16:00,100.5,102,100,101,900\n';
    const r = parseCsvBars(csv, ohlcv('1m', 'start'));
    expect(r.ok && r.value.map((b) => [b.tsStart, b.close, b.volume])).toEqual([
      [dec(1, 9, 15), 100.5, 1500],
      [dec(1, 9, 16), 101, 900],
    ]);
  });

  it('maps end-stamped bars in Date + Time columns to their start: 09:16 → 09:15, 15:30 → 15:29', () => {
    const csv = 'Instrument,Date,Time,Open,High,Low,Close\nNIFTY,20251201,09:16,1,2,1,2\nNIFTY,20251201,15:30,2,3,1,2\n';
    const r = parseCsvBars(csv, ohlcv('1m', 'end'));
    expect(r.ok && r.value.map((b) => b.tsStart)).toEqual([dec(1, 9, 15), dec(1, 15, 29)]);
  });

  it('reads epoch seconds and ISO offsets, and puts the 15:30 end of a 60m bar on the 15:15 bar', () => {
    const fifteen = `Time,Open,High,Low,Close\n${dec(1, 9, 15) / 1000},1,2,1,2\n${dec(1, 15, 15) / 1000},1,2,1,2\n`;
    expect(parseCsvBars(fifteen, ohlcv('15m', 'start'))).toMatchObject({ ok: true, value: [{ tsStart: dec(1, 9, 15) }, { tsStart: dec(1, 15, 15) }] });
    const hourly = 'datetime,open,high,low,close\n2025-12-01T10:15:00+05:30,1,2,1,2\n2025-12-01T10:00:00Z,1,2,1,2\n';
    expect(parseCsvBars(hourly, ohlcv('60m', 'end'))).toMatchObject({ ok: true, value: [{ tsStart: dec(1, 9, 15) }, { tsStart: dec(1, 15, 15) }] });
  });

  it('applies the chosen zone to naive timestamps', () => {
    const csv = 'date,open,high,low,close\n2025-12-01 03:45,1,2,1,2\n';
    expect(parseCsvBars(csv, ohlcv('5m', 'start', 'UTC'))).toMatchObject({ ok: true, value: [{ tsStart: dec(1, 9, 15) }] });
    expect(parseCsvBars(csv, ohlcv('5m', 'start')).ok).toBe(false);
  });

  it('reads NSE index daily exports (DD-MMM-YYYY) as session bars', () => {
    const csv = 'Date,Open,High,Low,Close,Shares Traded,Turnover (₹ Cr)\n01-DEC-2025,26100,26200,26000,26150,250000000,24000\n02-Dec-2025,26150,26180,26010,26020,230000000,22000\n';
    const r = parseCsvBars(csv, ohlcv('1d', 'start'));
    expect(r.ok && r.value.map((b) => [b.tsStart, b.close, b.volume])).toEqual([
      [dec(1, 9, 15), 26150, 250000000],
      [dec(2, 9, 15), 26020, 230000000],
    ]);
  });

  it('reports every bad row by line and imports nothing', async () => {
    const csv = [
      'timestamp,open,high,low,close,volume',
      '2025-12-01 09:15,100,101,99,100,10',
      'yesterday,100,101,99,100,10',
      '2025-12-01 09:20,100,99,98,100,10',
      '',
      '2025-12-01 09:17,100,101,99,100,10',
      '2025-12-01 15:30,100,101,99,100,10',
      '2025-12-25 10:00,100,101,99,100,10',
      '2025-12-01 09:15,100,101,99,100,10',
      '2025-12-01 09:25,100,101,99,100,-5',
      '2025-12-01 09:30,100,101,99,abc,1',
    ].join('\n');
    const cache = createSqliteBarCache(new BetterSqlite3(':memory:'));
    const r = importCsv(csv, ohlcv('5m', 'start'), cache);
    expect(!r.ok && r.error.kind).toBe('csv-invalid');
    const errors = !r.ok && r.error.kind === 'csv-invalid' ? r.error.errors : [];
    expect(errors.map((e) => e.line)).toEqual([3, 4, 6, 7, 8, 9, 10, 11]);
    expect(errors.map((e) => e.message)).toEqual([
      expect.stringContaining('unreadable timestamp'),
      expect.stringContaining('impossible OHLC'),
      expect.stringContaining('not on a 5m bar start'),
      expect.stringContaining('outside the trading session'),
      expect.stringContaining('outside the trading session'),
      expect.stringContaining('duplicate bar: same instrument and time as line 2'),
      expect.stringContaining('volume'),
      expect.stringContaining('must all be numbers'),
    ]);
    expect(await cache.range(NIFTY, '5m', 0, Number.MAX_SAFE_INTEGER)).toEqual([]);
    expect(importCsv('timestamp,open,high,low,close\n2025-12-01 09:15,1,2,1,2\n', ohlcv('5m', 'start'), cache)).toEqual({ ok: true, value: { bars: 1, instruments: 1 } });
  });

  it('refuses a file without the needed columns', () => {
    expect(parseCsvBars('when,price\n1,2\n', ohlcv('1m', 'start'))).toMatchObject({ ok: false, error: { kind: 'csv-format' } });
  });
});

describe('parseCsvBars: NSE F&O bhavcopy', () => {
  it('reads UDiFF rows as daily bars with OpenAlgo symbols, skipping untraded contracts', () => {
    const head = 'TradDt,BizDt,Sgmt,Src,FinInstrmTp,FinInstrmId,ISIN,TckrSymb,SctySrs,XpryDt,FininstrmActlXpryDt,StrkPric,OptnTp,FinInstrmNm,OpnPric,HghPric,LwPric,ClsPric,LastPric,PrvsClsgPric,UndrlygPric,SttlmPric,OpnIntrst,ChngInOpnIntrst,TtlTradgVol,TtlTrfVal,TtlNbOfTxsExctd,SsnId,NewBrdLotQty,Rmks,Rsvd1,Rsvd2,Rsvd3,Rsvd4';
    const rows = [
      '2025-12-01,2025-12-01,FO,NSE,IDF,35001,,NIFTY,,2025-12-30,2025-12-30,,,NIFTY25DECFUT,26200,26300,26100,26250,26250,26180,26150,26250,16000000,10000,9000000,0,0,F1,75,,,,,',
      '2025-12-01,2025-12-01,FO,NSE,IDO,35002,,NIFTY,,2025-12-30,2025-12-30,26000.00,CE,NIFTY25DEC26000CE,300,350,280,320,320,310,26150,320,500000,100,2000000,0,0,F1,75,,,,,',
      '2025-12-01,2025-12-01,FO,NSE,IDO,35003,,NIFTY,,2025-12-30,2025-12-30,26050.50,PE,NIFTY25DEC26050.5PE,0,0,0,0,0,10,26150,12,0,0,0,0,0,F1,75,,,,,',
      '2025-12-01,2025-12-01,FO,BSE,IDF,1,,SENSEX,,2025-12-24,2025-12-24,,,SENSEX25DECFUT,85000,85200,84800,85100,85100,85000,85050,85100,90000,0,60000,0,0,F1,20,,,,,',
    ];
    const r = parseCsvBars([head, ...rows].join('\n'), { format: 'nse-fo-bhavcopy', calendar });
    expect(r.ok && r.value.map((b) => [b.instrumentId, b.tsStart, b.close, b.volume, b.oi])).toEqual([
      ['BFO:SENSEX24DEC25FUT', dec(1, 9, 15), 85100, 60000, 90000],
      ['NFO:NIFTY30DEC2526000CE', dec(1, 9, 15), 320, 2000000, 500000],
      ['NFO:NIFTY30DEC25FUT', dec(1, 9, 15), 26250, 9000000, 16000000],
    ]);
  });

  it('reads legacy rows (INSTRUMENT, EXPIRY_DT 30-JAN-2020, CONTRACTS)', () => {
    const csv = 'INSTRUMENT,SYMBOL,EXPIRY_DT,STRIKE_PR,OPTION_TYP,OPEN,HIGH,LOW,CLOSE,SETTLE_PR,CONTRACTS,VAL_INLAKH,OPEN_INT,CHG_IN_OI,TIMESTAMP,\nFUTIDX,NIFTY,30-JAN-2020,0,XX,12200,12250,12150,12230,12230,150000,0,12000000,0,01-JAN-2020,\nOPTIDX,NIFTY,30-JAN-2020,12000,PE,50,60,45,48,48,9000,0,300000,0,01-JAN-2020,\n';
    const r = parseCsvBars(csv, { format: 'nse-fo-bhavcopy', calendar });
    expect(r.ok && r.value.map((b) => [b.instrumentId, b.tsStart])).toEqual([
      ['NFO:NIFTY30JAN2012000PE', istToEpoch(2020, 1, 1, 9, 15)],
      ['NFO:NIFTY30JAN20FUT', istToEpoch(2020, 1, 1, 9, 15)],
    ]);
  });
});

/** `text` as a stream of `size`-byte chunks, so fields, quotes and line breaks straddle chunk boundaries. */
async function* chunks(text: string, size: number): AsyncGenerator<Uint8Array> {
  const buf = Buffer.from(text);
  for (let i = 0; i < buf.length; i += size) yield buf.subarray(i, i + size);
}

/** `n` consecutive 1m bars from 1 Dec 2025 09:15 (sessions of 375 minutes, weekdays only). */
function minuteRows(n: number): string[] {
  const rows: string[] = [];
  for (let day = 1, i = 0; i < n; day++) {
    if ([6, 7, 13, 14].includes(day)) continue;
    for (let m = 0; m < 375 && i < n; m++, i++) {
      const p = 26_000 + (i % 50);
      rows.push(`${dec(day, 9, 15 + m) / 1000},${p},${p + 2},${p - 1},${p + 1},${i}`);
    }
  }
  return rows;
}

describe('CSV as RFC 4180 has it', () => {
  it('reads quoted line breaks, quotes and commas inside fields, with CRLF, and counts lines as the file has them', () => {
    const csv = [
      'timestamp,open,high,low,close,note',
      '2025-12-01 09:15,1,2,1,2,"gap up,\r\nsee ""news"""',
      '2025-12-01 09:16,1,2,1,2,plain',
      '2025-12-01 09:17,1,2,1,x,"two\r\nline note"',
      '2025-12-01 09:18,1,2,1,y,',
    ].join('\r\n');
    const r = parseCsvBars(csv, ohlcv('1m', 'start'));
    expect(!r.ok && r.error.kind === 'csv-invalid' && r.error.errors).toEqual([
      { line: 5, message: expect.stringContaining('must all be numbers') },
      { line: 7, message: expect.stringContaining('must all be numbers') },
    ]);
    const good = parseCsvBars(csv.replace(',x,', ',2,').replace(',y,', ',2,'), ohlcv('1m', 'start'));
    expect(good.ok && good.value.map((b) => b.tsStart)).toEqual([dec(1, 9, 15), dec(1, 9, 16), dec(1, 9, 17), dec(1, 9, 18)]);
  });

  it('reports a quote that is never closed, or text after a closing quote, at its line; nothing is imported', async () => {
    const cache = createSqliteBarCache(new BetterSqlite3(':memory:'));
    const unclosed = 'timestamp,open,high,low,close\n2025-12-01 09:15,1,2,1,2\n"2025-12-01 09:16,1,2,1,2\n2025-12-01 09:17,1,2,1,2\n';
    expect(await importCsvStream(chunks(unclosed, 5), ohlcv('1m', 'start'), cache)).toMatchObject({ ok: false, error: { kind: 'csv-invalid', errors: [{ line: 3, message: expect.stringContaining('never closed') }] } });
    const stray = 'timestamp,open,high,low,close\r\n2025-12-01 09:15,1,2,1,"2\r\n"\r\n2025-12-01 09:16,1,2,1,"2"x\r\n';
    expect(importCsv(stray, ohlcv('1m', 'start'), cache)).toMatchObject({ ok: false, error: { errors: [{ line: 4, message: expect.stringContaining('after the closing quote') }] } });
    expect(await cache.range(NIFTY, '1m', 0, Number.MAX_SAFE_INTEGER)).toEqual([]);
  });
});

describe('importCsvStream', () => {
  it('imports a file read in small chunks exactly as the in-memory parser reads it, reporting progress', async () => {
    const text = `\uFEFFtime,open,high,low,close,volume\n${minuteRows(3000).join('\n')}\n`;
    const cache = createSqliteBarCache(new BetterSqlite3(':memory:'));
    const progress: number[] = [];
    const r = await importCsvStream(chunks(text, 997), ohlcv('1m', 'start'), cache, (p) => progress.push(p.bytes));
    expect(r).toEqual({ ok: true, value: { bars: 3000, instruments: 1 } });
    const parsed = parseCsvBars(text, ohlcv('1m', 'start'));
    expect(await cache.range(NIFTY, '1m', 0, Number.MAX_SAFE_INTEGER)).toEqual(parsed.ok && parsed.value);
    expect(progress.at(-1)).toBe(Buffer.byteLength(text));
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });

  it('lists bad rows by line (a duplicate thousands of lines later too) and imports nothing of a bad file', async () => {
    const rows = minuteRows(2500);
    rows.push(rows[0]!, '2025-12-01 09:16:30,1,2,1,2,0');
    const cache = createSqliteBarCache(new BetterSqlite3(':memory:'));
    cache.save([{ instrumentId: NIFTY, timeframe: '1m', tsStart: dec(1, 9, 15), open: 7, high: 7, low: 7, close: 7, volume: 7, closed: true }], 'openalgo');
    const r = await importCsvStream(chunks(`time,open,high,low,close,volume\n${rows.join('\n')}`, 4096), ohlcv('1m', 'start'), cache);
    expect(r).toMatchObject({
      ok: false,
      error: {
        kind: 'csv-invalid',
        message: '2 bad row(s); nothing imported',
        errors: [
          { line: 2502, message: 'duplicate bar: same instrument and time as line 2' },
          { line: 2503, message: expect.stringContaining('not on a 1m bar start') },
        ],
      },
    });
    expect((await cache.range(NIFTY, '1m', 0, Number.MAX_SAFE_INTEGER)).map((b) => b.close)).toEqual([7]);
  });

  it('refuses an empty file and a file of another format in one message', async () => {
    const cache = createSqliteBarCache(new BetterSqlite3(':memory:'));
    expect(await importCsvStream(chunks('', 10), { format: 'nse-fo-bhavcopy', calendar }, cache)).toMatchObject({ ok: false, error: { kind: 'csv-format', message: expect.stringContaining('empty') } });
    expect(await importCsvStream(chunks('a,b\n1,2\n', 10), { format: 'nse-fo-bhavcopy', calendar }, cache)).toMatchObject({ ok: false, error: { kind: 'csv-format', message: expect.stringContaining('not an NSE F&O bhavcopy') } });
  });
});

