import { describe, expect, it } from 'vitest';
import {
  derivativeExchange,
  expiryCodeFromDashed,
  expiryCodeFromEpoch,
  formatExpiryCode,
  futureSymbol,
  indexExchange,
  optionSymbol,
  parseExpiryCode,
  parseSymbol,
} from './symbol-codec.ts';
import { istToEpoch } from '#core/time-ist';

/** Examples are the published ones in OpenAlgo's docs/prompt/symbol-format.md (openalgo.md §5). */
describe('OpenAlgo symbol codec', () => {
  it('builds the documented option and future symbols', () => {
    expect(optionSymbol('NIFTY', { year: 2024, month: 11, day: 28 }, 24000, 'CE')).toBe('NIFTY28NOV2424000CE');
    expect(optionSymbol('NIFTY', { year: 2026, month: 8, day: 25 }, 25950, 'CE')).toBe('NIFTY25AUG2625950CE');
    expect(optionSymbol('VEDL', { year: 2024, month: 4, day: 25 }, 292.5, 'CE')).toBe('VEDL25APR24292.5CE');
    expect(optionSymbol('USDINR', { year: 2024, month: 4, day: 19 }, 82, 'CE')).toBe('USDINR19APR2482CE');
    expect(optionSymbol('CRUDEOIL', { year: 2024, month: 4, day: 17 }, 6750, 'CE')).toBe('CRUDEOIL17APR246750CE');
    expect(futureSymbol('NIFTY', { year: 2026, month: 8, day: 25 })).toBe('NIFTY25AUG26FUT');
    expect(futureSymbol('CRUDEOILM', { year: 2024, month: 5, day: 20 })).toBe('CRUDEOILM20MAY24FUT');
    expect(futureSymbol('BANKNIFTY', { year: 2024, month: 4, day: 24 })).toBe('BANKNIFTY24APR24FUT');
  });

  it('parses what it builds, including underlyings that end in digits', () => {
    expect(parseSymbol('NIFTY28NOV2424000CE', 'NFO')).toEqual({
      kind: 'option', exchange: 'NFO', symbol: 'NIFTY28NOV2424000CE', underlying: 'NIFTY',
      expiry: { year: 2024, month: 11, day: 28 }, strike: 24000, right: 'CE',
    });
    expect(parseSymbol('NIFTYNXT5028NOV2470000PE', 'NFO')).toMatchObject({ underlying: 'NIFTYNXT50', strike: 70000, right: 'PE' });
    expect(parseSymbol('VEDL25APR24292.5CE', 'NFO')).toMatchObject({ underlying: 'VEDL', strike: 292.5 });
    expect(parseSymbol('SENSEX24APR24FUT', 'BFO')).toMatchObject({ kind: 'future', underlying: 'SENSEX', expiry: { year: 2024, month: 4, day: 24 } });
    expect(parseSymbol('NIFTY', 'NSE_INDEX')).toEqual({ kind: 'index', exchange: 'NSE_INDEX', symbol: 'NIFTY', name: 'NIFTY' });
    expect(parseSymbol('RELIANCE', 'NSE')).toMatchObject({ kind: 'equity', name: 'RELIANCE' });
    expect(parseSymbol('M&M', 'NSE')).toMatchObject({ kind: 'equity' });
  });

  it('rejects impossible dates and malformed symbols', () => {
    expect(parseSymbol('NIFTY31FEB2624000CE', 'NFO')).toBeUndefined();
    expect(parseSymbol('nifty', 'NSE')).toBeUndefined();
    expect(parseSymbol('NIFTY28NOV24CE', 'NFO')).toBeUndefined();
    expect(parseExpiryCode('29FEB25')).toBeUndefined();
    expect(parseExpiryCode('29FEB28')).toEqual({ year: 2028, month: 2, day: 29 });
    expect(() => formatExpiryCode({ year: 2026, month: 13, day: 1 })).toThrow(RangeError);
  });

  it('converts expiry spellings', () => {
    expect(expiryCodeFromDashed('25-AUG-26')).toBe('25AUG26');
    expect(expiryCodeFromDashed('10-Jul-25')).toBe('10JUL25');
    expect(expiryCodeFromDashed('2026-08-25')).toBeUndefined();
    // 23:00 UTC on 24 Aug is already 25 Aug in IST
    expect(expiryCodeFromEpoch(Date.UTC(2026, 7, 24, 23, 0))).toBe('25AUG26');
    expect(expiryCodeFromEpoch(istToEpoch(2026, 8, 25, 15, 30))).toBe('25AUG26');
  });

  it('routes indices and derivatives to their exchanges', () => {
    expect(indexExchange('NIFTY')).toBe('NSE_INDEX');
    expect(indexExchange('SENSEX')).toBe('BSE_INDEX');
    expect(indexExchange('RELIANCE')).toBeUndefined();
    expect(derivativeExchange('NSE_INDEX')).toBe('NFO');
    expect(derivativeExchange('BSE')).toBe('BFO');
    expect(derivativeExchange('MCX')).toBe('MCX');
  });
});
