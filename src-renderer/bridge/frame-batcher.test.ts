import { describe, expect, it } from 'vitest';
import { createFrameBatcher } from './frame-batcher.ts';

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
