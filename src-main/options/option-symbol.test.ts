import { describe, expect, it } from 'vitest';
import { expiryCode, futureInstrumentId, futureSymbol, optionInstrumentId, optionSymbol, underlyingIndexId } from './option-symbol.ts';

describe('OpenAlgo derivative symbols (openalgo.md §5)', () => {
  it('formats options and futures as OpenAlgo does', () => {
    expect(optionSymbol('NIFTY', '2024-11-28', 24_000, 'CE')).toBe('NIFTY28NOV2424000CE');
    expect(optionSymbol('VEDL', '2024-04-25', 292.5, 'CE')).toBe('VEDL25APR24292.5CE');
    expect(futureSymbol('NIFTY', '2026-08-25')).toBe('NIFTY25AUG26FUT');
    expect(expiryCode('2026-01-06')).toBe('06JAN26');
  });
  it('places each on its exchange', () => {
    expect(optionInstrumentId('SENSEX', '2026-08-27', 81_000, 'PE')).toBe('BFO:SENSEX27AUG2681000PE');
    expect(futureInstrumentId('BANKNIFTY', '2026-08-25')).toBe('NFO:BANKNIFTY25AUG26FUT');
    expect(underlyingIndexId('NIFTY')).toBe('NSE_INDEX:NIFTY');
    expect(underlyingIndexId('SENSEX')).toBe('BSE_INDEX:SENSEX');
  });
  it('names a leg the same after many other expiries have been named (the kept symbols are bounded)', () => {
    const first = optionSymbol('NIFTY', '2026-01-06', 25_000, 'PE');
    for (let d = 1; d <= 60; d++) optionSymbol('NIFTY', `2027-${String(1 + (d % 12)).padStart(2, '0')}-${String(1 + (d % 28)).padStart(2, '0')}`, 25_000, 'PE');
    expect(optionSymbol('NIFTY', '2026-01-06', 25_000, 'PE')).toBe(first);
    expect(optionSymbol('NIFTY', '2026-01-06', 25_000, 'CE')).toBe('NIFTY06JAN2625000CE');
    expect(optionSymbol('nifty', '2026-01-06', 25_000.5, 'CE')).toBe('NIFTY06JAN2625000.5CE');
  });
  it('refuses a malformed expiry or strike', () => {
    expect(() => expiryCode('25AUG26')).toThrow(/YYYY-MM-DD/);
    expect(() => optionSymbol('NIFTY', '2026-08-25', 0, 'CE')).toThrow(/strike/);
    expect(() => optionSymbol('NIFTY', '25AUG26', 24_000, 'CE')).toThrow(/YYYY-MM-DD/);
    expect(() => optionSymbol('NIFTY', '25AUG26', 24_000, 'CE')).toThrow(/YYYY-MM-DD/);
  });
});
