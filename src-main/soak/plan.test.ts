import { describe, expect, it } from 'vitest';
import { isKill, OrderFault, planRun, type EnterStep } from './plan.ts';

describe('soak plans', () => {
  it('are a function of the seed alone', () => {
    expect(planRun(42)).toEqual(planRun(42));
    expect(planRun(42)).not.toEqual(planRun(43));
  });

  it('enter one to three structures, then exit each, with every kind of fault on entries and exits over a few hundred seeds', () => {
    const seen = { enter: new Set<string>(), exit: new Set<string>() };
    let rejectedSecondLegs = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const { steps } = planRun(seed);
      const entries = steps.filter((s): s is EnterStep => s.kind === 'enter');
      expect(entries.length).toBeGreaterThanOrEqual(1);
      expect(entries.length).toBeLessThanOrEqual(3);
      expect(steps.slice(entries.length).map((s) => s.key)).toEqual(entries.map((e) => e.key));
      for (const s of steps) {
        const where = seen[s.kind];
        for (const f of [...s.faults.place, ...s.faults.cancel]) if (f) where.add(f);
        if (s.faults.killAtMs !== undefined) where.add('timed kill');
        if (s.faults.dropSocketsAtMs !== undefined) where.add('dropped sockets');
        if (s.faults.partialFill > 0) where.add('partial fills');
        expect([...s.faults.place, ...s.faults.cancel].filter((f) => f !== undefined && isKill(f)).length + (s.faults.killAtMs !== undefined ? 1 : 0)).toBeLessThanOrEqual(2);
      }
      for (const e of entries) {
        expect(e.pricing).toHaveLength(e.shape === 'straddle' ? 2 : 4);
        if (e.faults.place.slice(1, e.pricing.length).includes(OrderFault.brokerReject)) rejectedSecondLegs++;
      }
    }
    const all = [...Object.values(OrderFault).filter((f) => f !== OrderFault.pass), 'timed kill', 'dropped sockets', 'partial fills'];
    expect([...seen.enter].sort()).toEqual([...all].sort());
    expect([...seen.exit].sort()).toEqual([...all].sort());
    expect(rejectedSecondLegs).toBeGreaterThan(30);
  });
});
