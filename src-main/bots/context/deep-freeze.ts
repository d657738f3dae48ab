/**
 * Objects met frozen already: a window of bars is walked again whenever a bar closes, and a membership test
 * costs less than `Object.isFrozen` (freezing cannot be undone).
 */
const seenFrozen = new WeakSet<object>();

/**
 * Freezes a plain data tree in place (objects and arrays; functions and class instances are left as
 * they are). Hooks run in strict mode, so a bot writing to its context throws and faults, loudly.
 */
export function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || seenFrozen.has(value)) return value;
  if (Object.isFrozen(value)) {
    seenFrozen.add(value);
    return value;
  }
  const proto = Object.getPrototypeOf(value) as unknown;
  if (!Array.isArray(value) && proto !== Object.prototype && proto !== null) return value;
  Object.freeze(value);
  // A bar window is an array of bars frozen already: walked by index, not copied by Object.values first.
  if (Array.isArray(value)) for (let i = 0; i < value.length; i++) deepFreeze(value[i] as unknown);
  else for (const v of Object.values(value as Record<string, unknown>)) deepFreeze(v);
  return value;
}
