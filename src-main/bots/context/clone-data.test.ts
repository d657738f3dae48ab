import { describe, expect, it } from 'vitest';
import { cloneData } from './clone-data.ts';

describe('cloneData: structuredClone of plain data, faster', () => {
  it('copies plain objects and lists as structuredClone does, shared and cyclic references kept', () => {
    const swing = { index: 3, level: 101.5, side: 1 };
    const tree: Record<string, unknown> = { t: 7, price: -0, none: undefined, nothing: null, swings: [swing, { index: 5, level: NaN, side: -1 }], last: swing, nested: [[1, 'a'], []] };
    tree.self = tree;
    const copy = cloneData(tree);
    expect(copy).toStrictEqual(structuredClone(tree));
    expect(copy).not.toBe(tree);
    expect((copy.swings as unknown[])[0]).toBe(copy.last);
    expect(copy.self).toBe(copy);
    expect(Object.is(copy.price, -0)).toBe(true);
  });

  it('leaves anything else to structuredClone, which copies it or throws', () => {
    const withMap = { m: new Map([[1, { a: 1 }]]), d: new Date(0) };
    expect(cloneData(withMap)).toStrictEqual(structuredClone(withMap));
    const holes = [1, 2, 3];
    delete holes[1];
    expect(cloneData(holes)).toStrictEqual(structuredClone(holes));
    expect(() => cloneData({ f: () => 1 })).toThrow();
  });
});
