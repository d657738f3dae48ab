/** Thrown inside `cloneData` on a value it does not copy itself: structuredClone then copies the whole tree. */
const NOT_PLAIN = Symbol('not plain data');

/**
 * structuredClone of a tree of plain objects, lists and primitives (a price-action snapshot), shared and
 * cyclic references kept as they are, without structuredClone's serialising and parsing back. A list is
 * copied item by item: keys a list carries beside its items are not (the snapshots' lists have none).
 * Anything else in the tree (a class instance, a Map, a Date, a list with holes, a function) is left to
 * structuredClone itself, which copies it or throws as it always does.
 */
export function cloneData<T>(value: T): T {
  try {
    return copy(value, new Map()) as T;
  } catch (e) {
    if (e === NOT_PLAIN) return structuredClone(value);
    throw e;
  }
}

function copy(value: unknown, seen: Map<object, unknown>): unknown {
  if (typeof value === 'function' || typeof value === 'symbol') throw NOT_PLAIN;
  if (typeof value !== 'object' || value === null) return value;
  const known = seen.get(value);
  if (known !== undefined) return known;
  const proto = Object.getPrototypeOf(value) as unknown;
  if (Array.isArray(value)) {
    if (proto !== Array.prototype) throw NOT_PLAIN;
    const list: unknown[] = new Array<unknown>(value.length);
    seen.set(value, list);
    for (let i = 0; i < value.length; i++) {
      if (!(i in value)) throw NOT_PLAIN;
      list[i] = copy(value[i], seen);
    }
    return list;
  }
  if (proto !== Object.prototype && proto !== null) throw NOT_PLAIN;
  const out: Record<string, unknown> = {};
  seen.set(value, out);
  for (const key of Object.keys(value)) {
    if (key === '__proto__') throw NOT_PLAIN;
    out[key] = copy((value as Record<string, unknown>)[key], seen);
  }
  return out;
}
