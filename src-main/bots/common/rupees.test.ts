import { describe, expect, it } from 'vitest';
import { rupees } from './rupees.ts';

describe('rupees', () => {
  it('rounds to whole rupees in the Indian grouping, as toLocaleString("en-IN") does', () => {
    for (const x of [0, 7.4, 999.5, 12_345.49, 1_23_456, 98_76_54_321, -45_678.9]) expect(rupees(x)).toBe(`₹${Math.round(x).toLocaleString('en-IN')}`);
    expect(rupees(1_23_456.7)).toBe('₹1,23,457');
  });
});
