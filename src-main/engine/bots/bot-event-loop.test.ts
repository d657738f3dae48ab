import { describe, expect, it } from 'vitest';
import { SimClock } from '#core/clock';
import type { Bar } from '#model/bar';
import { instrumentId } from '#model/ids';
import { StudiesHub } from '#bots/context/studies';
import type { HookEvent } from '#bots/run-hook';
import { BotEventLoop, type FlushReport } from './bot-event-loop.ts';
import type { BotRunner } from './bot-runner.ts';

const NIFTY = instrumentId('NSE_INDEX', 'NIFTY');
const bar = (timeframe: Bar['timeframe'], tsStart: number): Bar => ({ instrumentId: NIFTY, timeframe, tsStart, open: 1, high: 1, low: 1, close: 1, volume: 0, closed: true });

describe('BotEventLoop: a closed-bar instant', () => {
  it('runs every bar of the instant in one flush and reports its wall and CPU time apart, and where the wall time went', () => {
    const clock = new SimClock(Date.UTC(2026, 10, 25, 4, 0));
    let wall = 0;
    let cpu = 0;
    const runs: string[] = [];
    // Not a real runner: the loop reads only these three members.
    const runner = { active: true, declaresBar: (b: Bar) => b.timeframe === '5m', def: { hooks: {} } } as unknown as BotRunner;
    const reports: FlushReport[] = [];
    const loop = new BotEventLoop({
      clock,
      studies: new StudiesHub(),
      runners: () => [runner],
      run: (_r, e: HookEvent) => {
        runs.push(e.hook === 'onBar' ? e.bar.timeframe : e.hook);
        // The hook takes 3 ms of wall time of which 1 ms is this process's CPU (the rest, other programs).
        wall += 3;
        cpu += 1;
      },
      // The models' batch takes 2 ms and the store's commit 1 ms of wall time.
      beforeHooks: () => void (wall += 2),
      batch: (hooks) => {
        hooks();
        wall += 1;
      },
      wallNow: () => wall,
      cpuNow: () => cpu,
      flushed: (r) => reports.push(r),
    });
    loop.goLive();
    loop.onBar(bar('1m', clock.now() - 60_000));
    loop.onBar(bar('5m', clock.now() - 300_000));
    clock.advanceTo(clock.now());
    expect(runs).toEqual(['5m']);
    expect(reports).toEqual([{ wallMs: 6, cpuMs: 1, bars: 2, hooks: 1, phases: { studiesMs: 0, modelsMs: 2, hooksMs: 3, commitMs: 1 } }]);
  });

  it("opens the instant's store transaction only when a hook will run in it", () => {
    const clock = new SimClock(Date.UTC(2026, 10, 25, 4, 0));
    const runs: string[] = [];
    let batches = 0;
    const runner = { active: true, declaresBar: (b: Bar) => b.timeframe === '5m', def: { hooks: {} } } as unknown as BotRunner;
    const loop = new BotEventLoop({
      clock,
      studies: new StudiesHub(),
      runners: () => [runner],
      run: (_r, e: HookEvent) => runs.push(e.hook === 'onBar' ? e.bar.timeframe : e.hook),
      batch: (hooks) => {
        batches++;
        hooks();
      },
    });
    loop.goLive();
    loop.onBar(bar('1m', clock.now() - 60_000));
    clock.advanceTo(clock.now() + 1);
    expect({ runs, batches }).toEqual({ runs: [], batches: 0 });
    loop.onBar(bar('1m', clock.now() - 60_000));
    loop.onBar(bar('5m', clock.now() - 300_000));
    clock.advanceTo(clock.now() + 1);
    expect({ runs, batches }).toEqual({ runs: ['5m'], batches: 1 });
  });

  it('reads no clock while nobody reads the reports (a CPU-time read is a system call per flush)', () => {
    const clock = new SimClock(Date.UTC(2026, 10, 25, 4, 0));
    let reads = 0;
    let listening = false;
    const reports: FlushReport[] = [];
    const runner = { active: true, declaresBar: () => true, def: { hooks: {} } } as unknown as BotRunner;
    const loop = new BotEventLoop({
      clock,
      studies: new StudiesHub(),
      runners: () => [runner],
      run: () => undefined,
      wallNow: () => ++reads,
      cpuNow: () => ++reads,
      flushed: (r) => reports.push(r),
      timed: () => listening,
    });
    loop.goLive();
    loop.onBar(bar('1m', clock.now() - 60_000));
    clock.advanceTo(clock.now());
    expect({ reads, reports: reports.length }).toEqual({ reads: 0, reports: 0 });
    listening = true;
    loop.onBar(bar('1m', clock.now()));
    clock.advanceTo(clock.now() + 60_000);
    // The CPU clock at the start and the end; the wall clock at the start and after each phase.
    expect({ reads, reports: reports.length }).toEqual({ reads: 7, reports: 1 });
  });
});
