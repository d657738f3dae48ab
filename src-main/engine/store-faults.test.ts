import { describe, expect, it } from 'vitest';
import { SimClock } from '#core/clock';
import { silentLogger } from '#core/log';
import { StoreFaults, type StoreFaultReport } from './store-faults.ts';

const busy = (): Error => Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });

function faults() {
  const clock = new SimClock(1_000_000);
  const reports: StoreFaultReport[] = [];
  const logged: string[] = [];
  const logger = silentLogger();
  (logger as unknown as { error: (o: unknown, m: string) => void }).error = (_o, m) => logged.push(m);
  return { clock, reports, logged, f: new StoreFaults({ clock, logger, report: (r) => reports.push(r) }) };
}

describe('writes the database refused on a path that goes on', () => {
  it('are reported at once, then at most once a minute per path with how many it met since', () => {
    const { clock, reports, logged, f } = faults();
    expect(f.absorb(busy(), 'a tick', 'the risk state is written with a later tick')).toBe(true);
    for (let s = 1; s < 60; s++) {
      clock.advanceTo(1_000_000 + s * 1000);
      expect(f.absorb(busy(), 'a tick', 'the risk state is written with a later tick')).toBe(true);
    }
    f.absorb(busy(), "the bots' closed-bar instant", 'skipped');
    clock.advanceTo(1_060_000);
    f.absorb(busy(), 'a tick', 'the risk state is written with a later tick');
    f.absorb(busy(), "the bots' closed-bar instant", 'skipped');
    expect(reports.map((r) => [r.where, r.count, r.ts, r.fault.code])).toEqual([
      ['a tick', 1, 1_000_000, 'SQLITE_BUSY'],
      ["the bots' closed-bar instant", 1, 1_059_000, 'SQLITE_BUSY'],
      ['a tick', 60, 1_060_000, 'SQLITE_BUSY'],
    ]);
    expect(logged.slice(0, 2)).toEqual([
      "the database refused a write on a tick: database is locked (another program held the database's write lock for more than 5 s); the risk state is written with a later tick",
      "the database refused a write on the bots' closed-bar instant: database is locked (another program held the database's write lock for more than 5 s); skipped",
    ]);
  });

  it('show while they come, from the first of a run, and no longer once none came for 15 s', () => {
    const { clock, f } = faults();
    expect(f.state()).toBeUndefined();
    f.absorb(busy(), 'a tick', '');
    clock.advanceTo(1_010_000);
    f.absorb(busy(), "the bots' closed-bar instant", '');
    expect(f.state()).toEqual({ where: "the bots' closed-bar instant", message: "database is locked (another program held the database's write lock for more than 5 s)", since: 1_000_000, last: 1_010_000 });
    clock.advanceTo(1_025_000);
    expect(f.state()).toBeDefined();
    clock.advanceTo(1_025_001);
    expect(f.state()).toBeUndefined();
    f.absorb(busy(), 'a tick', '');
    expect(f.state()).toMatchObject({ since: 1_025_001 });
  });

  it('leave anything else thrown to the caller: a bug is never taken for a locked database', () => {
    const { reports, f } = faults();
    const bug = new TypeError('x is undefined');
    expect(f.absorb(bug, 'a tick', '')).toBe(false);
    expect(() => f.guard('a tick', '', () => {
      throw bug;
    })).toThrow(bug);
    let ran = false;
    f.guard('a tick', '', () => {
      ran = true;
      throw busy();
    });
    expect(ran).toBe(true);
    expect(reports).toHaveLength(1);
  });
});
