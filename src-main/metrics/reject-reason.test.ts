import { describe, expect, it } from 'vitest';
import { ReasonLabels, reasonLabel } from './reject-reason.ts';

describe('reject reasons as labels', () => {
  it('keeps the kind of refusal and drops the detail that would make every order its own series', () => {
    expect(reasonLabel('risk order-size: 50 lots of NIFTY01DEC2625900CE in one order is more than the 20 allowed.')).toBe('risk order-size');
    expect(reasonLabel('Insufficient funds for 3 lots')).toBe('insufficient funds for # lots');
    expect(reasonLabel('RMS:Margin Exceeds,Required:2500.50, Available:10')).toBe('rms');
    expect(reasonLabel(undefined)).toBe('unspecified');
    expect(reasonLabel('   ')).toBe('unspecified');
    expect(reasonLabel('"quoted" {weird} <chars>').length).toBeLessThanOrEqual(48);
    expect(reasonLabel('x'.repeat(200))).toHaveLength(48);
  });

  it('counts the rest as other once the label budget is spent', () => {
    const labels = new ReasonLabels(2);
    expect(labels.label('a: 1')).toBe('a');
    expect(labels.label('b: 2')).toBe('b');
    expect(labels.label('c: 3')).toBe('other');
    expect(labels.label('a: 9')).toBe('a');
  });
});
