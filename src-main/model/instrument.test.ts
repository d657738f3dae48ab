import { describe, expect, it } from 'vitest';
import { createRandom } from '#core/random';
import { roundToTick } from './instrument.ts';

/** The implementation roundToTick replaced (log10 + toFixed on every call): the reference it must equal. */
function legacyRoundToTick(price: number, tickSize: number): number {
  const ticks = Math.round(price / tickSize);
  const decimals = Math.max(0, Math.ceil(-Math.log10(tickSize)) + 1);
  return Number((ticks * tickSize).toFixed(decimals));
}

const TICKS = [0.05, 0.01, 0.0025, 0.005, 0.1, 0.25, 0.5, 1, 5, 10, 0.15, 2.5, 0.03];

describe('roundToTick', () => {
  it('equals the decimal-string implementation bit for bit on 1.3 million prices', () => {
    const random = createRandom(20261130);
    let compared = 0;
    for (const tick of TICKS) {
      for (let i = 0; i < 100_000; i++) {
        // Magnitudes from a paisa to an index level of ten million, plus exact half-tick points.
        const price = i % 5 === 0 ? (random.int(0, 2_000_000) + 0.5) * tick : Math.exp(random.next() * Math.log(1e9)) / 100;
        const a = roundToTick(price, tick);
        const b = legacyRoundToTick(price, tick);
        if (!Object.is(a, b)) throw new Error(`roundToTick(${price}, ${tick}) = ${a}, legacy ${b}`);
        compared++;
      }
    }
    expect(compared).toBe(TICKS.length * 100_000);
  });

  it('leaves no float residue and never returns -0', () => {
    expect(roundToTick(0.15000000000000002, 0.05)).toBe(0.15);
    expect(roundToTick(182.37, 0.05)).toBe(182.35);
    expect(roundToTick(182.375, 0.05)).toBe(182.4);
    expect(roundToTick(13.4567, 0.0025)).toBe(13.4575);
    expect(roundToTick(24_987.3, 5)).toBe(24_985);
    expect(Object.is(roundToTick(-0.01, 0.05), 0)).toBe(true);
  });
});
