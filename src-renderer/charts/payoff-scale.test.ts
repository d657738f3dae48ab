import { describe, expect, it } from 'vitest';
import { niceTicks, payoffScales } from './payoff-scale.ts';

describe('payoff chart scales', () => {
  it('picks round ticks', () => {
    expect(niceTicks(22_310, 23_690, 6)).toEqual([22_500, 22_750, 23_000, 23_250, 23_500]);
    expect(niceTicks(-41_000, 26_000, 5)).toEqual([-40_000, -20_000, 0, 20_000]);
    expect(niceTicks(5, 5, 4)).toEqual([5]);
  });

  it('maps the spot range across the box and keeps zero P&L inside it, losses below', () => {
    const pts = [
      { spot: 100, atExpiry: -50, now: -40 },
      { spot: 200, atExpiry: 150, now: 120 },
    ];
    const s = payoffScales(pts, { left: 10, top: 0, width: 100, height: 200 });
    expect(s.x(100)).toBe(10);
    expect(s.x(200)).toBe(110);
    expect(s.y(0)).toBeGreaterThan(0);
    expect(s.y(0)).toBeLessThan(200);
    expect(s.y(-50)).toBeGreaterThan(s.y(0));
    expect(s.pnlMin).toBeLessThan(-50);
    expect(s.pnlMax).toBeGreaterThan(150);
  });

  it('always shows the zero line, even for a curve that is all profit', () => {
    const s = payoffScales([{ spot: 1, atExpiry: 10, now: 20 }, { spot: 2, atExpiry: 30, now: 25 }], { left: 0, top: 0, width: 10, height: 10 });
    expect(s.pnlMin).toBeLessThan(0);
  });
});
