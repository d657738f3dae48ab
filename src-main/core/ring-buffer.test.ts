import { describe, expect, it } from 'vitest';
import { RingBuffer } from './ring-buffer.ts';

describe('ring buffer', () => {
  it('keeps the newest items in order and returns what it drops', () => {
    const r = new RingBuffer<number>(3);
    expect([r.push(1), r.push(2), r.push(3)]).toEqual([undefined, undefined, undefined]);
    expect(r.push(4)).toBe(1);
    expect(r.toArray()).toEqual([2, 3, 4]);
    expect([r.at(0), r.at(2), r.at(3), r.last()]).toEqual([2, 4, undefined, 4]);
  });

  it('revises the newest item and refuses to on an empty buffer', () => {
    const r = new RingBuffer<number>(2);
    expect(() => r.replaceLast(1)).toThrow(RangeError);
    r.push(1);
    r.replaceLast(9);
    expect(r.toArray()).toEqual([9]);
    r.clear();
    expect(r.length).toBe(0);
  });

  it('rejects a non-positive capacity', () => {
    expect(() => new RingBuffer(0)).toThrow(RangeError);
  });
});
