/** The entry of a dated table in force on `date`: the last whose key is on or before it (the first when none is). */
export function inForceOn<T>(items: readonly T[], key: (t: T) => string, date: string): T {
  let found: T | undefined = items[0];
  for (const item of items) if (key(item) <= date) found = item;
  if (found === undefined) throw new Error('empty dated table');
  return found;
}
