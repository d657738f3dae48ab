/**
 * The structure of a JSON answer, for comparing the simulator with recorded OpenAlgo answers whose
 * values differ: which keys exist, the JSON type of each, whether it can be null or absent. The rows
 * of a list are merged into one description (a key missing from some rows is "absent" there), and an
 * empty list says nothing about its rows.
 */
type Kind = 'null' | 'number' | 'string' | 'boolean' | 'array' | 'object' | 'absent';

export interface Shape {
  readonly kinds: ReadonlySet<Kind>;
  readonly items?: Shape;
  readonly fields?: ReadonlyMap<string, Shape>;
}

const ABSENT: Shape = { kinds: new Set(['absent']) };

export function shapeOf(value: unknown): Shape {
  if (value === null) return { kinds: new Set(['null']) };
  if (Array.isArray(value)) {
    const items = value.map(shapeOf).reduce<Shape | undefined>((acc, s) => (acc ? merge(acc, s) : s), undefined);
    return items ? { kinds: new Set(['array']), items } : { kinds: new Set(['array']) };
  }
  if (typeof value === 'object') return { kinds: new Set(['object']), fields: new Map(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, shapeOf(v)])) };
  return { kinds: new Set([typeof value as Kind]) };
}

function merge(a: Shape, b: Shape): Shape {
  const kinds = new Set([...a.kinds, ...b.kinds]);
  const items = a.items && b.items ? merge(a.items, b.items) : (a.items ?? b.items);
  let fields: Map<string, Shape> | undefined;
  if (a.fields || b.fields) {
    fields = new Map();
    for (const k of new Set([...(a.fields?.keys() ?? []), ...(b.fields?.keys() ?? [])])) {
      fields.set(k, merge(a.fields?.get(k) ?? (a.fields ? ABSENT : { kinds: new Set() }), b.fields?.get(k) ?? (b.fields ? ABSENT : { kinds: new Set() })));
    }
  }
  return { kinds, ...(items ? { items } : {}), ...(fields ? { fields } : {}) };
}

/** Differences between two shapes as `path: what` lines; empty when they agree. */
export function shapeDiff(actual: Shape, expected: Shape, path = '$'): string[] {
  const kinds = (s: Shape): string => [...s.kinds].sort().join('|');
  if (kinds(actual) !== kinds(expected)) return [`${path}: ${kinds(actual)} where OpenAlgo has ${kinds(expected)}`];
  const out: string[] = [];
  if (actual.items && expected.items) out.push(...shapeDiff(actual.items, expected.items, `${path}[]`));
  if (actual.fields && expected.fields) {
    for (const k of new Set([...actual.fields.keys(), ...expected.fields.keys()])) {
      const a = actual.fields.get(k);
      const e = expected.fields.get(k);
      if (!a) out.push(`${path}.${k}: missing (OpenAlgo sends ${kinds(e!)})`);
      else if (!e) out.push(`${path}.${k}: extra key (${kinds(a)}) that OpenAlgo does not send`);
      else out.push(...shapeDiff(a, e, `${path}.${k}`));
    }
  }
  return out;
}
