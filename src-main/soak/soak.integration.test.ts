import { describe, expect, it } from 'vitest';
import { planRun } from './plan.ts';
import { runOnce } from './run.ts';
import { describeFailure, runFailed } from './soak.ts';

/**
 * The deterministic subset of `npm run soak`: whole runs (simulator and relay over loopback HTTP and
 * WebSocket, the engine in its own process on a SQLite file, SIGKILLed and restarted) for two seeds
 * whose plans kill the engine during multi-leg entries and exits, at a point no machine's speed moves (a kill
 * as OpenAlgo takes an order, not only at an instant, which a fast entry can finish before). Seed 145: an iron
 * condor killed after OpenAlgo took its first leg; a second killed at an instant, a leg of it rejected by the
 * broker; a third refused by the lot limit; exits through a timeout and an error, and dropped WebSockets.
 * Seed 17: a short straddle whose two legs each kill the engine after OpenAlgo placed them.
 */
describe('soak: the deterministic subset', () => {
  it.each([145, 17])(
    'run seed %i keeps every invariant against the simulator’s books',
    async (seed) => {
      const r = await runOnce(seed);
      expect(runFailed(r), describeFailure(r)).toBe(false);
      expect(r.counts).toEqual({ duplicates: 0, lostFills: 0, orphansUnreported: 0, positionMismatches: 0, limitBreaches: 0 });
      expect(r.starts).toBeGreaterThan(1);
      expect(r.kills).toBe(r.starts - 1);
    },
    120_000,
  );

  it('the subset’s plans are the ones described above', () => {
    const one = planRun(145).steps;
    expect(one.map((s) => (s.kind === 'enter' ? `${s.kind} ${s.shape}` : s.kind))).toEqual(['enter iron-condor', 'enter iron-condor', 'enter iron-condor', 'exit', 'exit', 'exit']);
    expect(one[0]!.faults.place[0]).toBe('kill-after-accept');
    expect(one[1]!.faults.killAtMs).toBeDefined();
    expect(one[1]!.faults.place[2]).toBe('broker-reject');
    const straddle = planRun(17).steps[0]!;
    expect(straddle.kind === 'enter' && straddle.shape).toBe('straddle');
    expect(straddle.faults.place.slice(0, 2)).toEqual(['kill-after-accept', 'kill-after-accept']);
  });
});
