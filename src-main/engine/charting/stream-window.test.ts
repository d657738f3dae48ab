import { describe, expect, it } from 'vitest';
import { allotStreamedLegs, type StreamedChain } from './stream-window.ts';

const chain = (name: string, strikes: number[], centre: number): StreamedChain<string> => ({
  strikes,
  centre,
  legsAt: (k) => [`${name}${k}CE`, `${name}${k}PE`],
});
const ladder = (from: number, n: number, step: number): number[] => Array.from({ length: n }, (_, i) => from + i * step);

describe('the streamed strike window', () => {
  it('takes the centre strike and then one ring out at a time, up to the strikes each side', () => {
    const legs = allotStreamedLegs([chain('N', ladder(100, 9, 10), 4)], 2, 1000);
    expect(legs).toEqual(['N140CE', 'N140PE', 'N130CE', 'N130PE', 'N150CE', 'N150PE', 'N120CE', 'N120PE', 'N160CE', 'N160PE']);
  });

  it('stops at the edge of a chain whose centre sits near its end', () => {
    const legs = allotStreamedLegs([chain('N', ladder(100, 4, 10), 0)], 3, 1000);
    expect(legs).toEqual(['N100CE', 'N100PE', 'N110CE', 'N110PE', 'N120CE', 'N120PE', 'N130CE', 'N130PE']);
  });

  it('under the cap trims every chain to the same rings instead of leaving a chain out', () => {
    const legs = allotStreamedLegs([chain('A', ladder(100, 21, 10), 10), chain('B', ladder(500, 21, 50), 10)], 10, 12);
    expect(legs).toHaveLength(12);
    expect(legs.filter((l) => l.startsWith('A'))).toEqual(['A200CE', 'A200PE', 'A190CE', 'A190PE', 'A210CE', 'A210PE']);
    expect(legs.filter((l) => l.startsWith('B'))).toEqual(['B1000CE', 'B1000PE', 'B950CE', 'B950PE', 'B1050CE', 'B1050PE']);
  });

  it('takes nothing from a chain without a centre, and nothing at all with a cap of zero', () => {
    expect(allotStreamedLegs([chain('N', [], -1), chain('M', [100], 0)], 5, 10)).toEqual(['M100CE', 'M100PE']);
    expect(allotStreamedLegs([chain('N', ladder(100, 9, 10), 4)], 5, 0)).toEqual([]);
  });
});
