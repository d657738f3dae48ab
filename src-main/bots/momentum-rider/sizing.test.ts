import { describe, expect, it } from 'vitest';
import { parseParams } from '../contract/params.ts';
import { available, notAvailable } from '../signals/source.ts';
import { riderParams } from './params.ts';
import { readMl, riskLots, stopPctFor } from './sizing.ts';

const defaults = parseParams(riderParams, {});
if (!defaults.ok) throw new Error(defaults.error.message);
const p = defaults.value;
const capital = { allocation: 2_000_000, deployed: 0, maxLots: 50, maxPositions: 4 };
const noEvent = { event: undefined, sizeFactor: 1 };
const none = readMl(notAvailable('ml', 'no ML model installed'), 'long', p);
/** NIFTY 2026 lot 65 at a premium of 100: a lot loses ₹3,250 at the 50 % stop, ₹2,275 at 35 %. */
const size = (strength: number, ml = none, over: Partial<Parameters<typeof riskLots>[0]> = {}) =>
  riskLots({ premium: 100, lotSize: 65, strength, ml, capital, view: noEvent, ...over }, p);

describe('momentum rider sizing (1 % base risk, multipliers, whole lots)', () => {
  it('base risk: 1 % of ₹20 lakh = ₹20,000 over ₹3,250 a lot → 6 lots (6.15 rounded down)', () => {
    const s = size(0.5);
    expect([s.lots, s.multiplier, s.factors]).toEqual([6, 1, []]);
    expect(s.gate.reason).toBe('6 lot(s): risk 1 % of ₹20,00,000 = ₹20,000 over ₹3,250 a lot at the 50 % stop');
  });

  it('× 1.5 at strength ≥ 0.8 → 9 lots; × 1.2 at ≥ 0.65 → 7 lots', () => {
    expect([size(0.8).lots, size(0.8).multiplier]).toEqual([9, 1.5]);
    expect([size(0.65).lots, size(0.65).multiplier]).toEqual([7, 1.2]);
    expect(size(0.649).multiplier).toBe(1);
  });

  it('× 1.1 when ML agrees above 0.7, with the stop tightened to 35 %', () => {
    const high = readMl(available('ml', 'long', 0.75, 'model'), 'long', p);
    expect(high).toEqual({ high: true, conflict: false, note: undefined });
    expect(stopPctFor(high, p)).toBe(35);
    const s = size(0.8, high);
    expect(s.multiplier).toBeCloseTo(1.65, 10);
    // ₹20,000 × 1.65 = ₹33,000 over ₹2,275 a lot at 35 % → 14.5 → 14
    expect(s.lots).toBe(14);
    expect(s.gate.reason).toBe('14 lot(s): risk 1 % of ₹20,00,000 × 1.5 (strength 0.80 ≥ 0.8) × 1.1 (ML confidence above 0.7) = ₹33,000 over ₹2,275 a lot at the 35 % stop');
    const confident = readMl(available('ml', 'long', 0.7, 'model'), 'long', p);
    expect([confident.high, stopPctFor(confident, p)]).toEqual([false, 50]);
  });

  it('× 0.6 when ML points the other way', () => {
    const against = readMl(available('ml', 'short', 0.9, 'model'), 'long', p);
    expect(against).toEqual({ high: false, conflict: true, note: undefined });
    const s = size(0.65, against);
    expect(s.multiplier).toBeCloseTo(0.72, 10);
    expect(s.lots).toBe(4);
  });

  it('without an ML model neither ML rule applies, and the signal says so', () => {
    expect(none.note).toBe('ML source not-available (no ML model installed): stop and size without the ML rules (no tighter stop, no ML multiplier)');
    expect(stopPctFor(none, p)).toBe(50);
  });

  it('rounds down to whole lots of the contract: the same risk is 5 lots of 75 (2025) and 6 of 65 (2026)', () => {
    expect(size(0.5, none, { lotSize: 75 }).lots).toBe(5);
    expect(size(0.5, none, { lotSize: 65 }).lots).toBe(6);
  });

  it('cuts to the lot cap, the event-day factor and the free funds, each said', () => {
    expect(size(0.8, none, { capital: { ...capital, maxLots: 3 } })).toMatchObject({ lots: 3, notes: ["lots cut from 9 to 3: the bot's maximum"] });
    expect(size(0.8, none, { view: { event: 'RBI policy', sizeFactor: 0.5 } })).toMatchObject({ lots: 4, notes: ['event day (RBI policy): 9 lot(s) × 0.5 = 4'] });
    expect(size(0.8, none, { capital: { ...capital, deployed: 1_980_000 } })).toMatchObject({ lots: 3, notes: ['lots cut from 9 to 3: ₹20,000 free'] });
    const broke = size(0.5, none, { premium: 1_000 });
    expect(broke.lots).toBe(0);
    expect(broke.gate).toEqual({ name: 'size', passed: false, reason: 'no whole lot: risk 1 % of ₹20,00,000 = ₹20,000 over ₹32,500 a lot at the 50 % stop' });
  });
});
