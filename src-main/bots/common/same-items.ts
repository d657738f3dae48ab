/**
 * Whether two lists hold the very same items in the same order. A hook whose next state would hold the
 * same positions returns no state: the manager then keeps the one it has and validates nothing.
 */
export function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
