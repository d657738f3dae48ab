import { describe, expect, it } from 'vitest';
import { createFrameBatcher, createPacedFrame } from './frame-batcher.ts';

describe('frame batcher', () => {
  it('delivers everything pushed before a frame in one flush, in order', () => {
    const frames: (() => void)[] = [];
    const flushed: number[][] = [];
    const push = createFrameBatcher<number>((items) => flushed.push(items), (cb) => frames.push(cb));
    push(1);
    push(2);
    push(3);
    expect(frames).toHaveLength(1);
    frames.shift()!();
    push(4);
    frames.shift()!();
    expect(flushed).toEqual([[1, 2, 3], [4]]);
  });
});

describe('paced frame', () => {
  it('runs two batchers in one frame, one interval after the first delta, whatever arrives meanwhile', () => {
    const timers: { cb: () => void; ms: number }[] = [];
    const frames: (() => void)[] = [];
    const paced = createPacedFrame(250, (cb, ms) => timers.push({ cb, ms }), (cb) => frames.push(cb));
    const bars: string[][] = [];
    const studies: string[][] = [];
    const pushBar = createFrameBatcher<string>((items) => bars.push(items), paced);
    const pushStudy = createFrameBatcher<string>((items) => studies.push(items), paced);
    pushBar('b1');
    pushStudy('s1');
    pushBar('b2');
    expect(timers.map((t) => t.ms)).toEqual([250]);
    timers.shift()!.cb();
    pushBar('b3');
    expect(frames).toHaveLength(1);
    frames.shift()!();
    expect(bars).toEqual([['b1', 'b2', 'b3']]);
    expect(studies).toEqual([['s1']]);
    // The next delta waits a whole interval again.
    pushStudy('s2');
    expect(timers).toHaveLength(1);
    expect(studies).toHaveLength(1);
  });
});
